// Bundled on its own as dist/tokenizer.js: the o200k_base rank table is 2 MB, so the main bundles
// load it only when a file has inline prompt text (see src/core/tokens.ts and esbuild.js).
export { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
