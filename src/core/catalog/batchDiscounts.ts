// Batch discounts providers publish for every model of their batch APIs, used where the price
// data has no batch price of the model's own. Each says where the figure comes from.

interface BatchDiscount {
  /** Share off the standard input and output rates. */
  discount: number;
  source: string;
}

const LITELLM_EVIDENCE = (provider: string, count: number): string =>
  `every one of the ${count} ${provider} batch prices in LiteLLM's price list of 2026-07-24 is half the standard rate`;

/** By the price library's provider id. */
const PUBLISHED: Record<string, BatchDiscount> = {
  openai: { discount: 0.5, source: `OpenAI's Batch API discount, 50% (${LITELLM_EVIDENCE('OpenAI', 52)})` },
  google: { discount: 0.5, source: `Google's Gemini Batch API discount, 50% (${LITELLM_EVIDENCE('Gemini', 14)})` },
  anthropic: { discount: 0.5, source: "Anthropic's Message Batches discount, 50% of input, output and cache prices (dev.to, \"Claude Batch API: half price if you can wait\"; Vertex AI's Claude batch prices in LiteLLM's list agree)" },
  mistral: { discount: 0.5, source: "Mistral's Batch API discount, 50% (amnic.com, \"Mistral API pricing\"; a secondary source)" },
};

/** The batch discount a provider publishes, or null where none is known. */
export function publishedBatchDiscount(providerId: string): BatchDiscount | null {
  return Object.hasOwn(PUBLISHED, providerId) ? PUBLISHED[providerId] : null;
}
