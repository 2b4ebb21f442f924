// The inputs of one step that a file may give as ranges, in the order every draw and rule uses.
export const VARIABLES = ['input_tokens', 'output_tokens', 'turns', 'tool_tokens', 'tool_latency_s', 'reasoning_tokens'] as const;
export type StepVariable = (typeof VARIABLES)[number];
export const VARS = VARIABLES.length;
/** The index of the turns, the one input a step's figures are quadratic in (a replayed context). */
export const TURNS = 2;
