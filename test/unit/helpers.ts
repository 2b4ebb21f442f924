// Shared helpers for the unit tests: estimate a workflow given as text, with the bundled catalog.
import { bundledCatalog } from '../../src/core/catalog/catalog';
import { estimateWorkflow, type EstimateOptions } from '../../src/core/estimate/estimate';
import { parseAgentflow } from '../../src/core/formats/agentflow';
import type { Estimate, StepEstimate } from '../../src/core/types';
import assert from 'node:assert/strict';

/**
 * The day the unit tests read prices for, so their figures do not change with the calendar (prices
 * are dated: gemini-3.6-flash's introductory price ends on 2026-12-31).
 */
export const PRICE_DATE = '2026-11-30';

/** The bundled catalog priced on PRICE_DATE. */
export const testCatalog = () => bundledCatalog(PRICE_DATE);

export function estimateText(text: string, options: Partial<EstimateOptions> = {}, file = 'test.agentflow.yaml'): Estimate {
  return estimateWorkflow(parseAgentflow(file, text), { catalog: testCatalog(), ...options });
}

export function step(e: Estimate, id: string): StepEstimate {
  const s = e.steps.find((x) => x.id === id);
  assert.ok(s, `step ${id} in ${e.steps.map((x) => x.id).join(', ')}`);
  return s;
}

/** Equal to 1e-9 relative, as the hidden vectors are checked. */
export function close(actual: number | undefined | null, expected: number, message = ''): void {
  assert.ok(typeof actual === 'number', `${message}: expected a number, got ${actual}`);
  const tolerance = 1e-9 * Math.max(1, Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= tolerance, `${message}: ${actual} ≠ ${expected}`);
}

/** A local model with round figures, so hand computations stay readable. */
export const LOCAL_MODEL = `
models:
  m:
    price: { input: 2, output: 10, cache_read: 0.2, cache_write: 2.5, batch_input: 1, batch_output: 5 }
    speed: { ttft_s: 0.5, output_tps: 50 }
    params_b: { total: 8, active: 8 }
    pue: 1.2
`;
