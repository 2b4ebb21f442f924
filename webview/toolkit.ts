// The one module that knows the UI toolkit. @vscode/webview-ui-toolkit is sunset upstream; to move
// to @vscode-elements/elements, change this file only.
import { provideVSCodeDesignSystem, vsCodeButton, vsCodeCheckbox, vsCodeRadio, vsCodeRadioGroup } from '@vscode/webview-ui-toolkit';

provideVSCodeDesignSystem().register(vsCodeButton(), vsCodeRadioGroup(), vsCodeRadio(), vsCodeCheckbox());

export function button(label: string, onClick: () => void, appearance: 'primary' | 'secondary' = 'primary'): HTMLElement {
  const b = document.createElement('vscode-button');
  b.setAttribute('appearance', appearance);
  b.textContent = label;
  b.addEventListener('click', onClick);
  return b;
}

/** A labelled group of radio buttons; `onChange` gets the chosen value. */
export function radioGroup(label: string, options: readonly { value: string; label: string }[], value: string, onChange: (value: string) => void): HTMLElement {
  const group = document.createElement('vscode-radio-group');
  const title = document.createElement('label');
  title.slot = 'label';
  title.textContent = label;
  group.append(title);
  for (const o of options) {
    const radio = document.createElement('vscode-radio');
    radio.setAttribute('value', o.value);
    radio.dataset.value = o.value;
    radio.textContent = o.label;
    if (o.value === value) radio.setAttribute('checked', '');
    group.append(radio);
  }
  // the toolkit also fires `change` when it sets up the checked radio: only real changes count
  group.addEventListener('change', (e) => {
    const v = (e.target as HTMLElement & { value?: string }).value ?? (group as HTMLElement & { value?: string }).value;
    if (v && v !== value) onChange(v);
  });
  return group;
}

/** A checkbox; `onChange` gets whether it is checked. */
export function checkbox(label: string, checked: boolean, onChange: (checked: boolean) => void): HTMLElement {
  const box = document.createElement('vscode-checkbox') as HTMLElement & { checked: boolean };
  box.textContent = label;
  if (checked) box.setAttribute('checked', '');
  box.addEventListener('change', () => box.checked !== checked && onChange(box.checked));
  return box;
}
