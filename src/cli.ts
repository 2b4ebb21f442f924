// agent-cost: the CLI over the same core as the extension, so a team can gate costs in CI.
//   agent-cost estimate <file|folder>... [--format table|json|markdown|csv] [--catalog FILE]...
//                       [--region NAME] [--price-date YYYY-MM-DD] [--seed N] [--samples N] [--fail-on-budget]
//                       [--observed FILE]...
//   agent-cost diff --base <git-ref> [paths]... | diff OLD.json NEW.json [--format table|markdown|json|github]
//                   [--fail-on-increase 10%|50]
//   agent-cost calibrate <file|folder>... --observed FILE... [--dry-run]
// Exit codes: 0 estimated; 1 a budget is exceeded, or cannot be checked, and --fail-on-budget is
// set, or a rise passes --fail-on-increase; 2 a file could not be estimated, a revision is unknown
// (or the command line is wrong). No stack trace reaches the user, and one file's failure never
// hides another's result.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { bundledCatalog, type Catalog } from './core/catalog/catalog';
import { isIsoDate, today } from './core/dates';
import { readCatalogText } from './core/catalog/userCatalog';
import { GRID_REGIONS, findRegion, PROVIDER_GRIDS } from './core/grids';
import { estimateWorkflow, failedEstimate } from './core/estimate/estimate';
import { findWorkflowFiles, readTextFile, readWorkflowFile, writeFileAtomic } from './core/files';
import { costDiff, increaseCheck, parseIncreaseLimit, type CostDiff, type EstimatedWorkflow } from './core/diff/costDiff';
import type { FileReading } from './core/formats/workflowFile';
import { estimateAtRevision } from './core/diff/atRevision';
import { DIFF_FORMATS, type DiffFormat } from './core/reports/diffReport';
import { openRevision, type Revision } from './core/revision';
import { renamesSince } from './core/diff/renames';
import { MAX_CATALOG_BYTES } from './core/limits';
import { csvReport } from './core/reports/csv';
import { jsonReport, workflowJson } from './core/reports/json';
import { terminalLine, terminalText } from './core/reports/escape';
import { markdownReport } from './core/reports/markdown';
import { tableReport } from './core/reports/table';
import type { Estimate, PartialModel, Problem, Workflow } from './core/types';
import { calibrate } from './core/observed/calibrate';
import { sidecarEdits, type CalibratedWorkflow } from './core/observed/sidecarEdits';
import { observedWorkflow } from './core/observed/compare';
import { readObservationFiles, type Observations } from './core/observed/readers';

const USAGE = `Usage: agent-cost estimate <file|folder>... [options]
       agent-cost diff --base <git-ref> [file|folder]... [options]
       agent-cost diff OLD.json NEW.json [options]
       agent-cost calibrate <file|folder>... --observed FILE... [--dry-run]

Estimates the cost, latency, energy and CO2 of agent workflows: *.agentflow.yaml, promptfoo
configs, CrewAI crews, Prompty files, Prompt Flow flows, Dify apps, Semantic Kernel prompts,
n8n and AutoGen Studio JSON. Folders are searched; files that are no workflow are skipped.

Options:
  --format table|json|markdown|csv   output format (default: table)
  --catalog FILE                     extra models or prices: a LiteLLM price map or our format (repeatable)
  --deployment NAME=MODEL            map a deployment or placeholder name to a model (repeatable)
  --region NAME                      grid for CO2: provider (each model on its provider's data-centre
                                     grid, the default), ${GRID_REGIONS.map((r) => r.id).join(', ')}, or a country
  --price-date YYYY-MM-DD            read prices as of this day (default: today, UTC), for reproducible output
  --seed N                           Monte Carlo seed (default: 1)
  --samples N                        Monte Carlo draws for ranges (default: 1000)
  --fail-on-budget                   exit 1 when a budget is exceeded, or cannot be checked
  --observed FILE                    what runs really used, set beside the estimate (repeatable):
                                     promptfoo results (eval -o results.json), OTLP/JSON traces
                                     (GenAI or OpenInference attributes), or a CSV or JSONL of calls
  -h, --help                         this help

diff compares the workflow files at a git revision (read with git, never checked out) with the
working tree, or two saved 'estimate --format json' outputs, at p50 and on the same day's prices:
  --format table|markdown|json|github   output (default: table; markdown for a pull-request
                                     comment; github for workflow-command annotations)
  --fail-on-increase 10% | 50        exit 1 when the total rises by more than that share, or USD
                                     (per month where every workflow has runs per day, else per run)

calibrate writes each workflow's sidecar (<name>.agentcost.yaml) with its steps' observed tokens
per call and turns, keeping the sidecar's other content, and prints what changed (--dry-run: only
prints). Nothing is written when an observation file cannot be read.

Exit codes: 0 estimated, 1 a budget exceeded or not checkable (with --fail-on-budget), or a rise
past --fail-on-increase; 2 a file could not be estimated or observed, or an unknown revision.`;

const FORMATS = { table: tableReport, json: jsonReport, markdown: markdownReport, csv: csvReport } as const;

class UsageError extends Error {}

/** A workflow read and estimated; a workflow of null where reading it threw. */
interface Estimated {
  workflow: Workflow | null;
  estimate: Estimate;
}

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} takes a whole number, got '${value}'`);
  return n;
}

/** `file:line:column: severity: message`, one line, with workspace text unable to send control sequences or workflow commands. */
function describeProblem(p: Problem): string {
  return terminalLine(`${p.file}:${p.span.start.line}:${p.span.start.column}: ${p.severity}: ${p.message}`);
}

/** What both commands share: the catalog on the day asked, the grid, the deployments, the Monte Carlo. */
interface Setup {
  catalog: Catalog;
  region: string;
  seed: number | undefined;
  samples: number | undefined;
  deployments: Record<string, string>;
}

type Values = Record<string, string | boolean | string[] | undefined>;

/** The shared options, checked; catalog files that cannot be read are reported and make it null. */
function setup(values: Values, err: (s: string) => void): Setup | null {
  const regionName = (values.region as string).trim().toLowerCase();
  const region = regionName === PROVIDER_GRIDS ? PROVIDER_GRIDS : findRegion(regionName)?.id;
  if (!region) throw new UsageError(`--region is provider, ${GRID_REGIONS.map((r) => r.id).join(', ')} or a country's name, got '${values.region}'`);
  const priceDate = values['price-date'] as string | undefined;
  if (priceDate !== undefined && !isIsoDate(priceDate)) throw new UsageError(`--price-date takes a date as YYYY-MM-DD, got '${priceDate}'`);
  const seed = positiveInt('seed', values.seed as string | undefined);
  const samples = positiveInt('samples', values.samples as string | undefined);
  const deployments: Record<string, string> = {};
  for (const d of values.deployment as string[]) {
    const eq = d.indexOf('=');
    if (eq <= 0 || eq === d.length - 1) throw new UsageError(`--deployment takes NAME=MODEL, got '${d}'`);
    deployments[d.slice(0, eq).trim()] = d.slice(eq + 1).trim();
  }
  const problems: Problem[] = [];
  const overrides: PartialModel[] = [];
  for (const file of values.catalog as string[]) {
    const read = readTextFile(file, MAX_CATALOG_BYTES);
    if ('problem' in read) {
      problems.push(read.problem);
      continue;
    }
    const catalog = readCatalogText(file, read.text);
    overrides.push(...catalog.models);
    problems.push(...catalog.problems);
  }
  for (const p of problems) err(`${describeProblem(p)}\n`);
  if (problems.length) return null;
  return { catalog: bundledCatalog(priceDate).withOverrides(overrides), region, seed, samples, deployments };
}

/** One file's workflow and estimate, beside what observation files say of its runs; a failure is the file's, never the run's. */
function estimateOne(file: string, reading: () => FileReading, s: Setup, observed: readonly Observations[] = []): Estimated | { file: string; reason: string } {
  try {
    const r = reading();
    if (r.kind !== 'workflow') return { file, reason: r.reason };
    const estimate = estimateWorkflow(r.workflow, { catalog: s.catalog, region: s.region, seed: s.seed, samples: s.samples });
    const seen = observed.length ? observedWorkflow(r.workflow, estimate, observed, s.catalog) : null;
    if (seen) estimate.observed = seen;
    return { workflow: r.workflow, estimate };
  } catch (e) {
    return { workflow: null, estimate: failedEstimate(file, 'unknown', e) };
  }
}

export function run(argv: readonly string[], out: (s: string) => void, err: (s: string) => void): number {
  let args;
  try {
    args = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'table' },
        catalog: { type: 'string', multiple: true, default: [] },
        deployment: { type: 'string', multiple: true, default: [] },
        region: { type: 'string', default: PROVIDER_GRIDS },
        'price-date': { type: 'string' },
        seed: { type: 'string' },
        samples: { type: 'string' },
        'fail-on-budget': { type: 'boolean', default: false },
        base: { type: 'string' },
        'fail-on-increase': { type: 'string' },
        observed: { type: 'string', multiple: true, default: [] },
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    err(`agent-cost: ${terminalText((e as Error).message)}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    out(`${USAGE}\n`);
    return 0;
  }
  const [command, ...paths] = positionals;
  try {
    if (command === 'diff') return runDiff(values, paths, out, err);
    if (command === 'calibrate') return runCalibrate(values, paths, out, err);
    if (command !== 'estimate') throw new UsageError(command ? `unknown command '${command}'` : 'no command given');
    if (paths.length === 0) throw new UsageError('give at least one workflow file or folder');
    const format = values.format as keyof typeof FORMATS;
    if (!Object.hasOwn(FORMATS, format)) throw new UsageError(`--format is one of ${Object.keys(FORMATS).join(', ')}, got '${values.format}'`);
    const s = setup(values, err);
    if (!s) return 2;
    const found = findWorkflowFiles(paths);
    for (const p of found.problems) err(`${describeProblem(p)}\n`);
    const named = new Set(paths.map((p) => path.resolve(p)));
    const observed = readObserved(values, err);
    if (!observed) return 2;
    const estimates: Estimate[] = [];
    const notWorkflows: { file: string; reason: string }[] = [];
    for (const file of found.files) {
      const result = estimateOne(file, () => readWorkflowFile(file, { deployments: s.deployments }), s, observed);
      if ('reason' in result) {
        if (named.has(path.resolve(file))) notWorkflows.push(result);
      } else estimates.push(result.estimate);
    }
    if (observed.length) for (const e of estimates) if (!e.observed) err(`${terminalLine(`${e.file}: none of the observed runs is this workflow's (in none do more than half the kinds of call match its steps)`)}\n`);
    for (const n of notWorkflows) err(`${terminalLine(`${n.file}: not a workflow: ${n.reason}`)}\n`);
    if (estimates.length === 0 && notWorkflows.length === 0 && found.problems.length === 0) {
      err(`agent-cost: no workflow files under ${terminalText(paths.join(', '))}\n`);
      return 2;
    }
    out(format === 'json' ? jsonReport(estimates, notWorkflows) : FORMATS[format](estimates));
    if (format !== 'table') for (const e of estimates) for (const p of e.errors) if (p.severity === 'error') err(`${describeProblem(p)}\n`);
    if (notWorkflows.length > 0) return 2;
    if (found.problems.length > 0 || estimates.some((e) => !e.ok)) return 2;
    if (values['fail-on-budget']) {
      // A budget that cannot be checked (an unknown total) fails the gate as a broken one does.
      const unchecked = estimates.flatMap((e) => e.budget.filter((b) => b.holds === null).map((b) => `${e.file}: budget '${b.key}' could not be checked`));
      for (const line of unchecked) err(`${terminalLine(line)}\n`);
      if (unchecked.length || estimates.some((e) => e.budget.some((b) => b.holds === false))) return 1;
    }
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      err(`agent-cost: ${terminalText(e.message)}\n\n${USAGE}\n`);
      return 2;
    }
    err(`agent-cost: internal error: ${terminalText(e instanceof Error ? e.message : String(e))}\n`);
    return 2;
  }
}

/**
 * `diff --base REF [paths…]`: the workflow files at REF (read with git, never checked out) against
 * the working tree; `diff OLD.json NEW.json`: two saved estimates. Exit 1 when the rise passes
 * --fail-on-increase (or cannot be checked), 2 for an unknown revision or an unreadable file.
 */
function runDiff(values: Values, paths: string[], out: (s: string) => void, err: (s: string) => void): number {
  const format = values.format as DiffFormat;
  if (!Object.hasOwn(DIFF_FORMATS, format)) throw new UsageError(`diff --format is one of ${Object.keys(DIFF_FORMATS).join(', ')}, got '${values.format}'`);
  const limitText = values['fail-on-increase'] as string | undefined;
  const limit = limitText === undefined ? null : parseIncreaseLimit(limitText);
  if (limitText !== undefined && !limit) throw new UsageError(`--fail-on-increase takes a share (10%) or USD (50), got '${limitText}'`);
  let diff: CostDiff;
  if (values.base === undefined) {
    if (paths.length !== 2 || !paths.every((p) => /\.json$/i.test(p))) throw new UsageError('diff takes --base REF [paths…], or two saved estimates: OLD.json NEW.json');
    const saved = paths.map((file) => readSavedEstimate(file));
    const broken = saved.find((x): x is { error: string } => 'error' in x);
    if (broken) {
      err(`agent-cost: ${terminalText(broken.error)}\n`);
      return 2;
    }
    const [before, after] = saved as { workflows: EstimatedWorkflow[] }[];
    diff = costDiff({ label: paths[0], workflows: before.workflows }, { label: paths[1], workflows: after.workflows });
  } else {
    const s = setup(values, err);
    if (!s) return 2;
    const revision = openRevision(process.cwd(), values.base as string);
    if ('error' in revision) {
      err(`agent-cost: ${terminalText(revision.error)}\n`);
      return 2;
    }
    const compared = estimateRevisions(revision, paths.length ? paths : ['.'], s);
    for (const p of compared.problems) err(`${describeProblem(p)}\n`);
    if (compared.problems.length) return 2;
    diff = costDiff({ label: revision.ref, workflows: compared.base }, { label: 'working tree', workflows: compared.head }, compared.renames);
  }
  out(DIFF_FORMATS[format](diff));
  if (!limit) return 0;
  const check = increaseCheck(diff, limit);
  if (check.exceeded === null) {
    err(`agent-cost: the cost per ${check.period} is unknown on one side, so the rise cannot be checked\n`);
    return 1;
  }
  return check.exceeded ? 1 : 0;
}

/** A saved `estimate --format json` output, checked for the fields a diff reads. */
function readSavedEstimate(file: string): { workflows: EstimatedWorkflow[] } | { error: string } {
  const read = readTextFile(file, MAX_CATALOG_BYTES);
  if ('problem' in read) return { error: `${file}: ${read.problem.message}` };
  let data: unknown;
  try {
    data = JSON.parse(read.text);
  } catch (e) {
    return { error: `${file}: not JSON (${(e as Error).message})` };
  }
  const workflows = typeof data === 'object' && data !== null ? (data as { workflows?: unknown }).workflows : undefined;
  const valid = Array.isArray(workflows) && workflows.every((w) => typeof w === 'object' && w !== null && typeof w.file === 'string' && Array.isArray(w.steps));
  return valid ? { workflows: workflows as EstimatedWorkflow[] } : { error: `${file}: not an 'agent-cost estimate --format json' output (no workflows list)` };
}

/** Both sides' estimates, as JSON, by repository path: the revision's files read from git, the working tree's from disk. */
function estimateRevisions(rev: Revision, paths: string[], s: Setup): { base: EstimatedWorkflow[]; head: EstimatedWorkflow[]; renames: Map<string, string>; problems: Problem[] } {
  const toRepo = (file: string) => path.relative(rev.root, path.resolve(file)).split(path.sep).join('/');
  const prefixes = paths.map((p) => (toRepo(p) === '' ? '' : toRepo(p)));
  const problems: Problem[] = [];
  if (prefixes.some((p) => p.startsWith('..'))) throw new UsageError(`the paths must be inside the repository (${rev.root})`);
  const base = estimateAtRevision(rev, prefixes, { deployments: s.deployments }, (w) => estimateWorkflow(w, { catalog: s.catalog, region: s.region, seed: s.seed, samples: s.samples }));
  const found = findWorkflowFiles(paths);
  problems.push(...found.problems);
  const head: EstimatedWorkflow[] = [];
  for (const file of found.files) {
    const result = estimateOne(file, () => readWorkflowFile(file, { deployments: s.deployments, roots: [rev.root] }), s);
    if (!('reason' in result)) head.push({ ...workflowJson(result.estimate), file: toRepo(file) });
  }
  const headText = (file: string) => {
    const read = readTextFile(path.join(rev.root, file));
    return 'text' in read ? read.text : null;
  };
  return { base: base.workflows, head, renames: renamesSince(base, head, headText), problems };
}

/** The --observed files' observations; null (each reason printed) where one cannot be read. */
function readObserved(values: Values, err: (s: string) => void): Observations[] | null {
  const read = readObservationFiles(values.observed as string[]);
  if ('errors' in read) {
    for (const e of read.errors) err(`agent-cost: ${terminalText(e)}\n`);
    return null;
  }
  return read.sets;
}

/**
 * `calibrate FILE… --observed OBS…`: writes each workflow's sidecar with its matched steps'
 * observed figures and prints what changed; workflows that share a sidecar get one write with all
 * their figures. Nothing is written when an observation file or a sidecar cannot be read, two
 * workflows sharing a sidecar calibrate one figure differently, or a workflow has no step the
 * observations match (exit 2).
 */
function runCalibrate(values: Values, paths: string[], out: (s: string) => void, err: (s: string) => void): number {
  if (paths.length === 0) throw new UsageError('calibrate takes the workflow files to calibrate');
  if ((values.observed as string[]).length === 0) throw new UsageError('calibrate takes --observed FILE: promptfoo results, OTLP/JSON traces, or a CSV or JSONL of calls');
  const s = setup(values, err);
  if (!s) return 2;
  const observed = readObserved(values, err);
  if (!observed) {
    err('agent-cost: nothing written\n');
    return 2;
  }
  const found = findWorkflowFiles(paths);
  for (const p of found.problems) err(`${describeProblem(p)}\n`);
  const calibrated: CalibratedWorkflow[] = [];
  let failed = found.problems.length > 0;
  for (const file of found.files) {
    const c = calibrateOne(file, s, observed);
    if ('error' in c) {
      err(`agent-cost: ${terminalText(c.error)}\n`);
      failed = true;
    } else calibrated.push(c);
  }
  const planned = failed || calibrated.length === 0 ? null : sidecarEdits(calibrated, observed.map((o) => o.file), today());
  if (planned && 'errors' in planned) for (const e of planned.errors) err(`agent-cost: ${terminalText(e)}\n`);
  if (!planned || 'errors' in planned) {
    if (!failed && calibrated.length === 0) err('agent-cost: no workflow files to calibrate\n');
    err('agent-cost: nothing written\n');
    return 2;
  }
  for (const e of planned.edits) {
    out(`${terminalLine(e.file)}${values['dry-run'] ? ' (not written: --dry-run)' : ''}\n`);
    for (const c of e.changes) out(`${terminalLine(`  ${c.path.join('.')}: ${JSON.stringify(c.before) ?? '(unset)'} → ${JSON.stringify(c.after)}`)}\n`);
    for (const n of e.notes) out(`${terminalLine(`  ${n}`)}\n`);
    const refused = values['dry-run'] ? null : writeFileAtomic(e.file, e.text);
    if (refused) {
      err(`agent-cost: ${terminalText(refused.error)}\n`);
      return 2;
    }
  }
  return 0;
}

/** A workflow's calibration from the observations, or why it has none. */
function calibrateOne(file: string, s: Setup, observed: readonly Observations[]): CalibratedWorkflow | { error: string } {
  const result = estimateOne(file, () => readWorkflowFile(file, { deployments: s.deployments }), s);
  if ('reason' in result) return { error: `${file}: not a workflow: ${result.reason}` };
  if (!result.workflow) return { error: `${file}: ${result.estimate.errors[0]?.message ?? 'cannot be read'}` };
  const calibration = calibrate(result.workflow, result.estimate, observed, s.catalog);
  if (calibration.steps.length === 0) return { error: `${file}: none of the observed runs is this workflow's (in none do more than half the kinds of call match its steps)` };
  return { workflow: file, calibration };
}

if (require.main === module) {
  process.exitCode = run(process.argv.slice(2), (s) => process.stdout.write(s), (s) => process.stderr.write(s));
}
