// Token counts of inline prompt text with a real tokenizer (OpenAI's o200k_base, from the
// gpt-tokenizer package). Its rank table is 2 MB: it loads on the first file that has inline
// text, never at startup.

export const TOKENIZER = 'o200k_base (gpt-tokenizer)';

let counter: ((text: string) => number) | null = null;

export function countTokens(text: string): number {
  if (text.length === 0) return 0;
  // The bundles map this require to their own file, dist/tokenizer.js (see esbuild.js).
  counter ??= (require('gpt-tokenizer/encoding/o200k_base') as { countTokens: (text: string) => number }).countTokens;
  return counter(text);
}

/** Model families whose own tokenizer is o200k_base, so the count is exact rather than close. */
export function tokenizerMatches(modelId: string): boolean {
  return /^(gpt-5|gpt-4o|gpt-4\.1|o[134]|gpt-oss)/.test(modelId);
}
