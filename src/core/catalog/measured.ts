// Speed and size for models outside the curated catalog, from the sources that measure or estimate
// them (measured.json, built by scripts/build-catalog.mjs): Artificial Analysis' median output
// speed and time to first token, and EcoLogits' parameter counts, published or estimated. A name
// is matched through spellings that differ between sources (`gpt-4.1` and AA's `gpt-4-1`,
// `claude-3-5-sonnet` and `claude-35-sonnet`, `claude-sonnet-4-5` and `claude-4-5-sonnet`,
// `meta-llama/Llama-3.3-70B-Instruct` and `llama-3-3-instruct-70b`), and a dated snapshot falls back
// to its family. Loaded with the catalog, on the first workflow.
import type { ParamsSpec, Range, SpeedSpec } from '../types';
import type { ReasoningSpec } from './reasoning';

interface MeasuredData {
  speed: { name: string; what: string; asOf: string };
  size: { name: string; what: string };
  /** AA slug → [output tokens/s, seconds to first token] */
  speeds: Record<string, [number, number]>;
  /** EcoLogits name → [total min, total max, active min, active max, 1 if estimated] */
  sizes: Record<string, [number, number, number, number, number]>;
}

interface Index {
  data: MeasuredData;
  speeds: Map<string, string>;
  sizes: Map<string, string>;
  /** Median time to first token of each maker's models measured without thinking. */
  ttftByMaker: Map<string, number>;
}

let index: Index | null = null;

/** One spelling: lower case, no host path, `.` `_` and spaces as `-`. */
function spelling(name: string): string {
  return name.trim().toLowerCase().replace(/^.*\//, '').replace(/:.*$/, '').replace(/[._\s]+/g, '-');
}

/** A snapshot's suffixes: dates (-2024-08-06, -20240620, -0613, -2407), -latest, -preview, -exp, Bedrock's -v1. */
const SNAPSHOT = /-(?:20\d\d-?\d\d-?\d\d|\d{4}|latest|preview|exp|v\d+(?:-\d+)?|001|002)$/;

/** The spellings of a name across sources, most specific first. */
export function spellings(name: string): string[] {
  const out: string[] = [];
  const add = (s: string) => {
    if (s && !out.includes(s)) out.push(s);
  };
  let s = spelling(name);
  for (;;) {
    add(s);
    add(s.replace(/^meta-(?=llama)/, ''));
    // Claude: 3.5 as AA's 35; version before the tier (AA's claude-4-5-sonnet) as after it; -4-0 as -4
    add(s.replace(/^claude-(\d)-(\d)-(sonnet|haiku|opus)/, 'claude-$1$2-$3'));
    add(s.replace(/^claude-(\d)(\d)-(sonnet|haiku|opus)/, 'claude-$1-$2-$3'));
    add(s.replace(/^claude-(\d+(?:-\d)?)-(sonnet|haiku|opus)/, 'claude-$2-$1'));
    add(s.replace(/^claude-(sonnet|haiku|opus)-(\d+(?:-[1-9])?)(?:-0)?$/, 'claude-$2-$1'));
    add(s.replace(/^claude-(sonnet|haiku|opus)-(\d)-0$/, 'claude-$1-$2'));
    add(s.replace(/^gpt-3-5-/, 'gpt-35-'));
    // Llama: size after the version and "instruct" (AA's llama-3-3-instruct-70b), or not at all
    add(s.replace(/^(?:meta-)?llama-(\d+(?:-\d+)?)-(\d+b)-instruct(?:-.*)?$/, 'llama-$1-instruct-$2'));
    add(s.replace(/^(?:meta-)?llama-(\d+(?:-\d+)?)-instruct-(\d+b)$/, 'llama-$1-$2-instruct'));
    add(s.replace(/-(instruct|it|chat)$/, ''));
    const shorter = s.replace(SNAPSHOT, '');
    if (shorter === s || shorter.length < 3) break;
    s = shorter;
  }
  return out;
}

/** AA variants that are not a model's default configuration. */
const AA_VARIANT = /-(reasoning|non-reasoning|thinking|adaptive|minimal|low|medium|high|xhigh|low-effort)$/;

/** Who makes a model, by its name, for the "same maker" fallbacks. */
export function makerOf(name: string): string {
  const s = spelling(name);
  if (/^(gpt|o\d|chatgpt|text-|davinci)/.test(s)) return 'openai';
  if (s.startsWith('claude')) return 'anthropic';
  if (/^(gemini|gemma)/.test(s)) return 'google';
  if (/^(mistral|ministral|magistral|devstral|codestral|pixtral|voxtral|mixtral|open-mi)/.test(s)) return 'mistral';
  if (s.startsWith('deepseek')) return 'deepseek';
  if (s.startsWith('grok')) return 'xai';
  if (/^(qwen|qwq)/.test(s)) return 'qwen';
  if (s.startsWith('llama')) return 'meta';
  return s.split('-')[0];
}

function load(): Index {
  if (!index) {
    // The bundles read it from dist/, beside them, as plain JSON (see esbuild.js).
    const data = require('./measured.json') as MeasuredData;
    const speeds = new Map<string, string>();
    // a model's default configuration first, then its variants, so that a bare name finds the default
    const slugs = Object.keys(data.speeds).sort((a, b) => Number(AA_VARIANT.test(a)) - Number(AA_VARIANT.test(b)) || (a < b ? -1 : a > b ? 1 : 0));
    for (const slug of slugs) for (const key of spellings(slug)) if (!speeds.has(key)) speeds.set(key, slug);
    const sizes = new Map<string, string>();
    for (const name of Object.keys(data.sizes).sort()) for (const key of spellings(name)) if (!sizes.has(key)) sizes.set(key, name);
    const byMaker = new Map<string, number[]>();
    for (const [slug, [, ttft]] of Object.entries(data.speeds)) {
      // measured without thinking: a non-reasoning variant, or a first token in under 3 s
      if (!/-non-reasoning/.test(slug) && ttft >= 3) continue;
      byMaker.set(makerOf(slug), [...(byMaker.get(makerOf(slug)) ?? []), ttft]);
    }
    const ttftByMaker = new Map([...byMaker].map(([maker, list]) => [maker, list.sort((a, b) => a - b)[Math.floor(list.length / 2)]]));
    index = { data, speeds, sizes, ttftByMaker };
  }
  return index;
}

/** A first token later than this, for a model that thinks, is taken to include its thinking. */
const THINKING_TTFT_S = 3;

/**
 * The time to first token without thinking, for a model that reasons: Artificial Analysis measures
 * reasoning models with their thinking, which the estimate adds itself (reasoning tokens at the
 * output speed). Its non-reasoning variant's measurement where there is one, else the median of
 * the same maker's models measured without thinking.
 */
export function thinkingFreeTtft(names: readonly string[], ttft: number, reasoning: ReasoningSpec | null): { ttftS: number; note: string } | null {
  if (!reasoning || ttft < THINKING_TTFT_S) return null;
  const { data, speeds, ttftByMaker } = load();
  for (const name of names) {
    for (const key of spellings(name)) {
      const plain = data.speeds[`${speeds.get(key) ?? key}-non-reasoning`];
      if (plain) return { ttftS: plain[1], note: `${plain[1]} s to first token without thinking, as Artificial Analysis measures its non-reasoning configuration (${ttft} s with thinking)` };
    }
  }
  const median = ttftByMaker.get(makerOf(names[0] ?? ''));
  if (median === undefined) return null;
  return { ttftS: median, note: `${median} s to first token without thinking: the median of the maker's models Artificial Analysis measures without thinking (${ttft} s as measured, with thinking)` };
}

/** Artificial Analysis' measurement of the first of `names` it measured. */
export function measuredSpeed(names: readonly string[]): SpeedSpec | null {
  const { data, speeds } = load();
  for (const name of names) {
    for (const key of spellings(name)) {
      const slug = speeds.get(key);
      if (!slug) continue;
      const [outputTps, ttftS] = data.speeds[slug];
      return { ttftS, outputTps, source: `${data.speed.name}: ${data.speed.what} ("${slug}")`, asOf: data.speed.asOf };
    }
  }
  return null;
}

/** The parameter count a name states: `qwen2.5-72b`, `llama-3.1-8b`, `qwen3-235b-a22b` (total and active), `8x7b`. */
export function sizeFromName(name: string): ParamsSpec | null {
  // dots kept, so that qwen2.5-72b reads 72B, not 5.72B
  const s = name.trim().toLowerCase().replace(/^.*\//, '').replace(/:.*$/, '');
  const experts = /(?:^|[-_])(\d+)x(\d+(?:\.\d+)?)b(?=$|[-_.])/.exec(s);
  if (experts) {
    const each = Number(experts[2]);
    const count = Number(experts[1]);
    // a mixture of `count` experts of `each` billion, two active per token (Mixtral's design)
    return { total: range(count * each), active: range(Math.min(count, 2) * each), architecture: 'moe', source: `the model's name (${count} experts of ${each}B, two active)`, estimate: true };
  }
  const sized = /(?:^|[-_])(\d+(?:\.\d+)?)b(?:-a(\d+(?:\.\d+)?)b)?(?=$|[-_])/.exec(s);
  if (!sized) return null;
  const total = Number(sized[1]);
  const active = sized[2] ? Number(sized[2]) : total;
  if (!(total > 0 && total <= 10_000)) return null;
  return { total: range(total), active: range(active), architecture: sized[2] ? 'moe' : 'dense', source: `the model's name (${sized[0].replace(/^[-_]/, '')})`, estimate: false };
}

const range = (v: number): Range => ({ min: v, max: v });
const byDate = (name: string): number => Number(/(\d{8})$/.exec(name)?.[1] ?? 0);

const OPENROUTER = "OpenRouter's model list of 2026-08-01";
/**
 * Open-weight models whose sizes their makers publish and EcoLogits does not list, with names
 * that do not state them. DeepSeek's API names deepseek-chat and deepseek-reasoner serve V3.1 and
 * later (non-thinking and thinking), all 671B with 37B active.
 */
const PUBLISHED: { match: RegExp; total: number; active: number; source: string }[] = [
  { match: /^deepseek-(chat|reasoner|v3|r1)(?!.*distill)/, total: 671, active: 37, source: `${OPENROUTER} (DeepSeek V3.1 and R1: 671B parameters, 37B active; deepseek-chat and deepseek-reasoner serve V3.1 and later, per Vercel AI Gateway's model page)` },
  { match: /^deepseek-v4-flash/, total: 284, active: 13, source: `${OPENROUTER} (DeepSeek V4 Flash: 284B parameters, 13B active)` },
  { match: /^deepseek-v4-pro/, total: 1600, active: 49, source: `${OPENROUTER} (DeepSeek V4 Pro: 1.6T parameters, 49B active)` },
  { match: /^kimi-k2(?!\.[5-9])/, total: 1000, active: 32, source: `${OPENROUTER} (Kimi K2: 1T parameters, 32B active)` },
];

function publishedSize(name: string): ParamsSpec | null {
  const s = spelling(name);
  const hit = PUBLISHED.find((p) => p.match.test(s));
  return hit ? { total: range(hit.total), active: range(hit.active), architecture: 'moe', source: hit.source, estimate: false } : null;
}

/** A Claude model's tier (`sonnet`), in either order of version and tier. */
const claudeTier = (name: string): string | undefined => /^claude-(?:[\d-]+-)?(sonnet|opus|haiku)\b/.exec(spelling(name))?.[1];

/**
 * EcoLogits' size for the first of `names` it lists; else, for a Claude model newer than its list,
 * its estimate for the newest model of the same tier (EcoLogits gives every version of a tier one
 * estimate); else one its maker publishes; else what a name states.
 */
export function measuredSize(names: readonly string[]): ParamsSpec | null {
  const { data, sizes } = load();
  const listed = (found: string, carried = ''): ParamsSpec => {
    const [tMin, tMax, aMin, aMax, estimated] = data.sizes[found];
    return {
      total: { min: tMin, max: tMax }, active: { min: aMin, max: aMax }, architecture: tMin === aMin && tMax === aMax ? 'dense' : 'moe',
      source: `${data.size.name} ("${found}"${estimated ? ', an estimate: the architecture is not published' : ''}${carried})`, estimate: estimated === 1 || carried !== '',
    };
  };
  for (const name of names) {
    for (const key of spellings(name)) {
      const found = sizes.get(key);
      if (found) return listed(found);
    }
  }
  const tier = claudeTier(names[0] ?? '');
  if (tier) {
    const newest = Object.keys(data.sizes).filter((n) => claudeTier(n) === tier && /-\d{8}$/.test(n)).sort((a, b) => byDate(b) - byDate(a))[0];
    if (newest) return listed(newest, `, carried to ${names[0]}, a newer ${tier} model than it lists`);
  }
  for (const name of names) {
    const stated = publishedSize(name) ?? sizeFromName(name);
    if (stated) return stated;
  }
  return null;
}
