// The webview's side of the protocol: posting to the host, and the state VS Code keeps for us.
import type { HostMessage, WebviewMessage } from '../src/shared/protocol';

const api = acquireVsCodeApi<PanelState>();

export interface PanelState {
  last?: HostMessage;
}

export function post(message: WebviewMessage): void {
  api.postMessage(message);
}

export function loadState(): PanelState {
  return api.getState() ?? {};
}

export function saveState(state: PanelState): void {
  api.setState(state);
}
