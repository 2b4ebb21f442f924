// Which step of a workflow made each observed call: by a name the framework gives the call (a
// promptfoo provider label, a crewAI task or agent role, an n8n node, gen_ai.agent.name, a span's
// name), else by its model where one step alone uses that model. A run (a trace, an eval) is the
// workflow's when more than half the kinds of call it makes match; a call of such a run that no step claims is
// reported with the reason, never dropped, and the other runs are counted as another workflow's.
import type { ObservedCall } from './readers';

export interface StepToMatch {
  id: string;
  /** The catalog id of its model. */
  model: string;
  /** Other names the framework gives its calls (an agent's role); `{var}` stands for any text. */
  names: readonly string[];
  /** A promptfoo grader: claims the results' grading calls. */
  grader: boolean;
}

export interface Unmatched {
  name: string;
  calls: number;
  why: string;
}

export interface Matching {
  /** A step's calls, by step id. */
  byStep: Map<string, ObservedCall[]>;
  /** The workflow's runs, with all their calls (a run's unmatched calls cost too). */
  runs: Map<string, ObservedCall[]>;
  /** Calls of this workflow's runs that no step claims. */
  unmatched: Unmatched[];
  /** Runs set aside as another workflow's: no more than half the kinds of call they make match a step. */
  otherRuns: number;
}

/** Lower case, runs of anything but letters and digits as one space: `Research Task` is `research_task`. */
const normal = (name: string): string => name.toLowerCase().replace(/[^\p{L}\p{N}{}]+/gu, ' ').trim();

/** A step name to test names against: equal once normalized, `{topic}` matching any text. */
function namePattern(name: string): (n: string) => boolean {
  const norm = normal(name);
  if (!/\{[^}]*\}/.test(norm)) return (n) => n === norm;
  const parts = norm.split(/\{[^}]*\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const re = new RegExp(`^${parts.join('.+')}$`, 'u');
  return (n) => re.test(n);
}

/** Combinations of names and models remembered: real traces have a few dozen; a hostile file may not. */
const MAX_DECIDED = 10_000;

export function matchCalls(steps: readonly StepToMatch[], calls: readonly ObservedCall[], resolveModel: (name: string) => string | undefined): Matching {
  const ids = steps.map((s) => ({ id: s.id, test: namePattern(s.id) }));
  const aliases = steps.flatMap((s) => s.names.map((n) => ({ id: s.id, test: namePattern(n) })));
  const graders = steps.filter((s) => s.grader).map((s) => s.id);
  const stepsOfModel = new Map<string, string[]>();
  for (const s of steps) stepsOfModel.set(s.model, [...(stepsOfModel.get(s.model) ?? []), s.id]);

  const only = (list: readonly { id: string; test: (n: string) => boolean }[], name: string): string | undefined => {
    const found = new Set(list.filter((x) => x.test(name)).map((x) => x.id));
    return found.size === 1 ? [...found][0] : undefined;
  };
  // Traces repeat the same few names and models: each combination is decided once.
  const decided = new Map<string, { step: string } | { why: string }>();
  const decide = (call: ObservedCall): { step: string } | { why: string } => {
    if (call.grader) return graders.length ? { step: graders[0] } : { why: 'a grading call, and no step grades' };
    const names = call.names.map(normal).filter(Boolean);
    for (const list of [ids, aliases]) {
      for (const n of names) {
        const step = only(list, n);
        if (step) return { step };
      }
    }
    const model = call.model ? resolveModel(call.model) : undefined;
    const users = model ? stepsOfModel.get(model) ?? [] : [];
    if (users.length === 1) return { step: users[0] };
    const named = call.names.length ? `no step is named '${call.names[0]}'` : 'it carries no step name';
    if (users.length > 1) return { why: `${named}, and steps ${users.map((u) => `'${u}'`).join(', ')} all use ${call.model}` };
    return { why: `${named}, and ${call.model ? `no step uses ${call.model}` : 'it names no model'}` };
  };

  // A run is this workflow's when most of the kinds of call it makes (a name and a model: a loop's
  // calls are one kind) match a step: a trace file may hold several workflows' runs, which share
  // models, and sometimes a step name, with this one.
  const keys: string[] = [];
  const verdicts = calls.map((call) => {
    const key = `${call.grader ? 'G' : ''}\u0001${call.names.join('\u0000')}\u0001${call.model ?? ''}`;
    keys.push(key);
    let verdict = decided.get(key);
    if (!verdict) {
      verdict = decide(call);
      if (decided.size < MAX_DECIDED) decided.set(key, verdict);
    }
    return verdict;
  });
  const kinds = new Map<string, { matched: Set<string>; all: Set<string> }>();
  calls.forEach((call, i) => {
    let k = kinds.get(call.run);
    if (!k) kinds.set(call.run, (k = { matched: new Set(), all: new Set() }));
    k.all.add(keys[i]);
    if ('step' in verdicts[i]) k.matched.add(keys[i]);
  });
  const ours = new Set([...kinds].filter(([, k]) => k.matched.size * 2 > k.all.size).map(([run]) => run));

  const byStep = new Map<string, ObservedCall[]>();
  const runs = new Map<string, ObservedCall[]>([...ours].map((r) => [r, []]));
  const unmatched = new Map<string, Unmatched>();
  calls.forEach((call, i) => {
    const inRun = runs.get(call.run);
    if (!inRun) return;
    inRun.push(call);
    const verdict = verdicts[i];
    if ('step' in verdict) {
      let list = byStep.get(verdict.step);
      if (!list) byStep.set(verdict.step, (list = []));
      list.push(call);
    } else {
      const name = call.names[0] ?? call.model ?? '(unnamed)';
      const group = unmatched.get(`${name}\u0001${verdict.why}`);
      if (group) group.calls += call.requests;
      else unmatched.set(`${name}\u0001${verdict.why}`, { name, calls: call.requests, why: verdict.why });
    }
  });
  const otherRuns = kinds.size - ours.size;
  return { byStep, runs, unmatched: [...unmatched.values()].sort((a, b) => b.calls - a.calls), otherRuns };
}
