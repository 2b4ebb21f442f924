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

/** What every energy figure counts, said beside the life-cycle figures it is compared with. */
export const ENERGY_BOUNDARY = "inference only: the GPUs, the rest of the server and the data centre's overhead (PUE), as EcoLogits counts a request's usage; not the making of the hardware, not training";

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
