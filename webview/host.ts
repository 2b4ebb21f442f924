// The webview's side of the protocol: posting to the host, and the state VS Code keeps for us.
import type { PanelData, WebviewMessage, WorkflowRow } from '../src/shared/protocol';
import type { UiState } from './state';

export interface PanelState {
  ui?: Partial<UiState>;
  data?: PanelData;
  rows?: WorkflowRow[];
}

const api = acquireVsCodeApi<PanelState>();

export function post(message: WebviewMessage): void {
  api.postMessage(message);
}

export function loadState(): PanelState {
  return api.getState() ?? {};
}

export function saveState(state: PanelState): void {
  api.setState(state);
}
