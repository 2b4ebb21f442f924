// Bundled on its own as dist/prices.js: the price library's data, and the LiteLLM snapshot, are
// loaded on the first estimate that needs them (see src/core/catalog/priceLibrary.ts,
// priceSnapshot.ts and esbuild.js, which defines the version).
export { calcPrice } from '@pydantic/genai-prices';
export { default as litellmSnapshot } from '../catalog/litellm-snapshot.json';
export const version = process.env.GENAI_PRICES_VERSION ?? 'unknown';
