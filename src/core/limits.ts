// The largest values a file may give. Beyond them a figure is a typo or an attack: it is refused
// with a problem at its line, so that every count stays arithmetic on finite numbers, and no
// estimate can be made to take unbounded time or memory. The schemas carry the same maxima (a
// unit test keeps them equal).
export const LIMITS = {
  /** Tokens of one call (input or output); no model reads or writes more than a few million. */
  tokens: 100_000_000,
  /** Turns of one agent loop, or items of one iteration. */
  turns: 100_000,
  /** Calls of one step: repeats, test cases × prompts × repeats. */
  calls: 1_000_000_000,
  /** Test cases of one eval (generated or listed). */
  testCases: 10_000_000,
  /** Runs of a workflow a day. */
  runsPerDay: 1_000_000_000,
  /** Seconds, such as a tool's latency. */
  seconds: 1_000_000,
  /** USD per million tokens, per page or per image. */
  price: 1_000_000,
  /** Billions of parameters. */
  params: 100_000,
  /** Pages of one call. */
  pages: 1_000_000,
  /** A budget's limit. */
  budget: 1e15,
  /** Characters of a model name: longer names are not looked up. */
  modelName: 256,
} as const;

export type LimitKey = keyof typeof LIMITS;

/** Larger files are refused before parsing: no workflow is this big, and parsing would stall. */
export const MAX_FILE_BYTES = 1024 * 1024;
/** Catalog files (LiteLLM's price map is 1.7 MB) may be larger. */
export const MAX_CATALOG_BYTES = 32 * 1024 * 1024;

/** Why a number from a file is refused, or null when it is finite, ≥ min and ≤ the limit. */
export function outOfBounds(value: number, limit: LimitKey, min = 0): string | null {
  if (!Number.isFinite(value)) return `${value} is not a finite number`;
  if (value < min) return `${value} is below ${min}`;
  if (value > LIMITS[limit]) return `${value} is above the limit of ${LIMITS[limit].toLocaleString('en-US')}`;
  return null;
}

/** Observation files this large or larger are refused: a month of a busy agent's traces is smaller. */
export const MAX_OBSERVATION_BYTES = 2 * 1024 * 1024 * 1024;
/**
 * The parts of an observation file: past them a file is refused with its line named, having held
 * no more than that in memory. A field (a CSV field, a JSON string or number) and a line (a JSONL
 * line, a CSV row, or a record of a JSON document: a promptfoo result, an OTLP span) in
 * characters (bytes in a JSON document); the values of a line or a record, each of which V8 holds
 * as an object of its own (a 60 MB line of `{},` would be 20 million, and 2 GB); the header, a
 * CSV file's first row; and how deep JSON nests (a tool's output nests a few levels).
 */
export const OBSERVED_CAPS = { field: 16 * 1024 * 1024, line: 64 * 1024 * 1024, values: 2_000_000, header: 64 * 1024, depth: 512 } as const;
/** Characters of a file's text an error message quotes at most. */
export const QUOTED_CHARS = 200;
/** Model calls read from observation files at most: a week of a busy agent's traces, held in memory. */
export const MAX_OBSERVED_CALLS = 5_000_000;
