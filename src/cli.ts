// agent-cost: the CLI over the same core as the extension, so a team can gate costs in CI.
//   agent-cost estimate <file|folder>... [--format table|json|markdown|csv] [--catalog FILE]...
//                       [--region NAME] [--price-date YYYY-MM-DD] [--seed N] [--samples N] [--fail-on-budget]
// Exit codes: 0 estimated; 1 a budget is exceeded, or cannot be checked, and --fail-on-budget is
// set; 2 a file could not be estimated (or the command line is wrong). No stack trace reaches the
// user, and one file's failure never hides another's result.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { bundledCatalog } from './core/catalog/catalog';
import { isIsoDate } from './core/dates';
import { readCatalogText } from './core/catalog/userCatalog';
import { GRID_REGIONS, findRegion, PROVIDER_GRIDS } from './core/grids';
import { estimateWorkflow, failedEstimate } from './core/estimate/estimate';
import { findWorkflowFiles, readTextFile, readWorkflowFile } from './core/files';
import { MAX_CATALOG_BYTES } from './core/limits';
import { csvReport } from './core/reports/csv';
import { jsonReport } from './core/reports/json';
import { terminalText } from './core/reports/escape';
import { markdownReport } from './core/reports/markdown';
import { tableReport } from './core/reports/table';
import type { Estimate, PartialModel, Problem } from './core/types';

const USAGE = `Usage: agent-cost estimate <file|folder>... [options]

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
  -h, --help                         this help

Exit codes: 0 estimated, 1 a budget exceeded or not checkable (with --fail-on-budget), 2 a file
could not be estimated.`;

const FORMATS = { table: tableReport, json: jsonReport, markdown: markdownReport, csv: csvReport } as const;

class UsageError extends Error {}

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} takes a whole number, got '${value}'`);
  return n;
}

/** `file:line:column: severity: message`, with workspace text unable to send control sequences. */
function describeProblem(p: Problem): string {
  return terminalText(`${p.file}:${p.span.start.line}:${p.span.start.column}: ${p.severity}: ${p.message}`);
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
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    err(`agent-cost: ${(e as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    out(`${USAGE}\n`);
    return 0;
  }
  const [command, ...paths] = positionals;
  try {
    if (command !== 'estimate') throw new UsageError(command ? `unknown command '${command}'` : 'no command given');
    if (paths.length === 0) throw new UsageError('give at least one workflow file or folder');
    const format = values.format as keyof typeof FORMATS;
    if (!Object.hasOwn(FORMATS, format)) throw new UsageError(`--format is one of ${Object.keys(FORMATS).join(', ')}, got '${values.format}'`);
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
    if (problems.length) {
      for (const p of problems) err(`${describeProblem(p)}\n`);
      return 2;
    }
    const found = findWorkflowFiles(paths);
    for (const p of found.problems) err(`${describeProblem(p)}\n`);
    const named = new Set(paths.map((p) => path.resolve(p)));
    const catalog = bundledCatalog(priceDate).withOverrides(overrides);
    const estimates: Estimate[] = [];
    const notWorkflows: { file: string; reason: string }[] = [];
    for (const file of found.files) {
      try {
        const reading = readWorkflowFile(file, { deployments });
        if (reading.kind === 'workflow') estimates.push(estimateWorkflow(reading.workflow, { catalog, region, seed, samples }));
        else if (named.has(path.resolve(file))) notWorkflows.push({ file, reason: reading.reason });
      } catch (e) {
        estimates.push(failedEstimate(file, 'unknown', e));
      }
    }
    for (const n of notWorkflows) err(`${terminalText(`${n.file}: not a workflow: ${n.reason}`)}\n`);
    if (estimates.length === 0 && notWorkflows.length === 0 && found.problems.length === 0) {
      err(`agent-cost: no workflow files under ${paths.join(', ')}\n`);
      return 2;
    }
    out(format === 'json' ? jsonReport(estimates, notWorkflows) : FORMATS[format](estimates));
    if (format !== 'table') for (const e of estimates) for (const p of e.errors) if (p.severity === 'error') err(`${describeProblem(p)}\n`);
    if (notWorkflows.length > 0) return 2;
    if (found.problems.length > 0 || estimates.some((e) => !e.ok)) return 2;
    if (values['fail-on-budget']) {
      // A budget that cannot be checked (an unknown total) fails the gate as a broken one does.
      const unchecked = estimates.flatMap((e) => e.budget.filter((b) => b.holds === null).map((b) => `${e.file}: budget '${b.key}' could not be checked`));
      for (const line of unchecked) err(`${terminalText(line)}\n`);
      if (unchecked.length || estimates.some((e) => e.budget.some((b) => b.holds === false))) return 1;
    }
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      err(`agent-cost: ${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    err(`agent-cost: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
}

if (require.main === module) {
  process.exitCode = run(process.argv.slice(2), (s) => process.stdout.write(s), (s) => process.stderr.write(s));
}
