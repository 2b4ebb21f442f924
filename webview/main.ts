// The side panel. It renders what the host posts (validated against the shared protocol) and
// keeps the last state, so the panel shows at once when it comes back.
import { isHostMessage, type HostMessage } from '../src/shared/protocol';
import { loadState, post, saveState } from './host';
import { renderWorkflows } from './workflows';

const app = document.getElementById('app') as HTMLElement;

function render(message: HostMessage): void {
  app.replaceChildren(renderWorkflows(message.rows));
  saveState({ last: message });
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (isHostMessage(event.data)) render(event.data); // anything else is ignored
});

const saved = loadState().last;
if (saved && isHostMessage(saved)) render(saved);
post({ type: 'ready' });
