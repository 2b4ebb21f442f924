// What an Ollama tag pulls when it names no size, and what deepseek-r1's sizes are: Ollama's
// library as scraped on 2026-07-15 (D3rhami/ollama_gallery, data/models and data/tags; read
// 2026-11-30 into ../shared/data/framework-defaults.json).

export const OLLAMA_SOURCE = "Ollama's library (ollama.com/library, as scraped on 2026-07-15)";

/** The size `family` and `family:latest` pull. */
const DEFAULT_SIZE: Record<string, string> = {
  llama3: '8b', 'llama3.1': '8b', 'llama3.2': '3b', 'llama3.3': '70b', 'qwen2.5': '7b', 'qwen2.5-coder': '7b', qwen3: '8b',
  mistral: '7b', 'mistral-nemo': '12b', mixtral: '8x7b', gemma2: '9b', gemma3: '4b', phi3: '3.8b', phi4: '14b', 'deepseek-r1': '8b',
  llava: '7b', codellama: '7b',
};

/** deepseek-r1's sizes below the full model are distillations into other families' weights. */
const R1_DISTILLS: Record<string, string> = {
  '1.5b': 'deepseek-r1-distill-qwen-1.5b', '7b': 'deepseek-r1-distill-qwen-7b', '8b': 'deepseek-r1-0528-qwen3-8b',
  '14b': 'deepseek-r1-distill-qwen-14b', '32b': 'deepseek-r1-distill-qwen-32b', '70b': 'deepseek-r1-distill-llama-70b',
};

/** The size an Ollama tag pulls: its own, else the family's default; undefined for a family not listed. */
export function ollamaSize(family: string, size: string | undefined): { size: string; byDefault: boolean } | undefined {
  if (size) return { size, byDefault: false };
  const key = family.toLowerCase();
  return Object.hasOwn(DEFAULT_SIZE, key) ? { size: DEFAULT_SIZE[key], byDefault: true } : undefined;
}

/** The model an Ollama deepseek-r1 size is: a distillation's name, or undefined for the full R1 (671b). */
export function r1Distill(size: string): string | undefined {
  return Object.hasOwn(R1_DISTILLS, size) ? R1_DISTILLS[size] : undefined;
}
