// The panel's own state: which sections are open and what the user chose, kept by VS Code
// (setState) so it survives the panel being hidden or reloaded.
export type Metric = 'speed' | 'energy' | 'cost' | 'quality';
export type Compound = 'cost' | 'time' | 'energy';

export interface UiState {
  open: Record<string, boolean>;
  small: string;
  large: string;
  metric: Metric;
  /** Share of input tokens in the blended price. */
  blend: number;
  compound: Compound;
  callsIndex: number;
  /** A workflow's URI for "Use my workflow", or null for the synthetic loop. */
  workflow: string | null;
  gapScale: 'linear' | 'logarithmic';
  gapModel: string;
  gapWorkflow: string | null;
  papyri: { documents: number; pages: number; price: number; speed: number } | null;
  tables: Record<string, boolean>;
}

export const INITIAL: UiState = {
  open: { workflows: true, 'small-vs-large': true, 'compute-gap': true, 'narrow-models': true, readings: true },
  small: '',
  large: '',
  metric: 'speed',
  blend: 0.75,
  compound: 'cost',
  callsIndex: 11,
  workflow: null,
  gapScale: 'logarithmic',
  gapModel: '',
  gapWorkflow: null,
  papyri: null,
  tables: {},
};
