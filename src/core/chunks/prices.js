// Bundled on its own as dist/prices.js: the price library's data is loaded on the first estimate
// that needs it (see src/core/catalog/priceLibrary.ts, and esbuild.js, which defines the version).
export { calcPrice } from '@pydantic/genai-prices';
export const version = process.env.GENAI_PRICES_VERSION ?? 'unknown';
