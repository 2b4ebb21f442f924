// Energy and carbon: the EcoLogits fit for generation plus a labelled prefill term for input
// tokens, as written in docs/estimation-model.md. Constants are the spec's, to the digit.

/** EcoLogits' fit on ML.ENERGY H100 measurements: Wh per output token per GPU. */
export const ECOLOGITS = {
  alpha: 1.1665e-6,
  beta: -1.1206e-2,
  gamma: 4.0529e-5,
  batchSize: 64,
  gpuMemoryGb: 80,
  bytesPerParam: 2,
  memoryOverhead: 1.2,
  serverPowerW: 1200,
  gpusPerServer: 8,
} as const;

/** H100: 989 TFLOP/s dense bf16 at 700 W; model FLOP utilisation during prefill. */
export const PREFILL = { h100Flops: 989e12, h100PowerW: 700, mfu: 0.4, cachedShare: 0.1 } as const;

export function whPerOutputTokenPerGpu(activeB: number): number {
  return ECOLOGITS.alpha * Math.exp(ECOLOGITS.beta * ECOLOGITS.batchSize) * activeB + ECOLOGITS.gamma;
}

/** GPUs to hold the weights: the next power of two ≥ ceil(1.2 × P_total × 2 bytes / 80 GB). */
export function gpuCount(totalB: number): number {
  const needed = Math.ceil((ECOLOGITS.memoryOverhead * totalB * ECOLOGITS.bytesPerParam) / ECOLOGITS.gpuMemoryGb);
  let gpus = 1;
  while (gpus < needed) gpus *= 2;
  return gpus;
}

/** Wh of the rest of the server (CPU, memory, ...) over a request's latency, shared by the batch. */
export function serverWh(latencyS: number, gpus: number): number {
  return ((latencyS / 3600) * ECOLOGITS.serverPowerW * (gpus / ECOLOGITS.gpusPerServer)) / ECOLOGITS.batchSize;
}

/** Wh per input token of prefill: 2·P FLOPs per token at the H100's FLOPs per joule, at `mfu`. */
export function whPerInputToken(activeB: number, mfu: number = PREFILL.mfu): number {
  return (2 * activeB * 1e9) / ((mfu * PREFILL.h100Flops) / PREFILL.h100PowerW) / 3600;
}

export interface GridRegion {
  id: string;
  name: string;
  gPerKwh: number;
  source: string;
}

/** Grid carbon intensity, gCO2e per kWh. */
export const GRID_REGIONS: readonly GridRegion[] = [
  { id: 'eu', name: 'EU average', gPerKwh: 281, source: 'EEA, GHG emission intensity of electricity generation, EU-27, 2018 (indicator IND-353)' },
  { id: 'france', name: 'France', gPerKwh: 44.18, source: "EcoLogits 0.9.1's electricity mix for France" },
  { id: 'sweden', name: 'Sweden', gPerKwh: 35.82, source: "EcoLogits 0.9.1's electricity mix for Sweden" },
  { id: 'germany', name: 'Germany', gPerKwh: 344.14, source: "EcoLogits 0.9.1's electricity mix for Germany" },
  { id: 'ireland', name: 'Ireland', gPerKwh: 279.7, source: "EcoLogits 0.9.1's electricity mix for Ireland" },
  { id: 'us', name: 'US average', gPerKwh: 383.55, source: "EcoLogits 0.9.1's electricity mix for the USA" },
  { id: 'world', name: 'World average', gPerKwh: 473.01, source: "EcoLogits 0.9.1's world electricity mix" },
];

export const DEFAULT_REGION = 'eu';

export function findRegion(id: string): GridRegion | undefined {
  const key = id.trim().toLowerCase();
  return GRID_REGIONS.find((r) => r.id === key || r.name.toLowerCase() === key);
}

/**
 * Mistral's published life-cycle analysis of Mistral Large 2 (with Carbone 4 and ADEME, July 2025):
 * one 400-token Le Chat response, inference, all life-cycle stages. A reference point, not our model.
 */
export const MISTRAL_LARGE_2_LCA = {
  outputTokens: 400,
  gCo2e: 1.14,
  waterMl: 45,
  source: 'Mistral AI, "Our contribution to a global environmental standard for AI", 22 Jul 2025 (with Carbone 4 and ADEME)',
} as const;
