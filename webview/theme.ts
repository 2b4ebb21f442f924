// Colours from VS Code's theme variables, re-read when the theme changes (VS Code swaps the body's
// class: vscode-light, vscode-dark, vscode-high-contrast).

export interface Palette {
  foreground: string;
  muted: string;
  grid: string;
  small: string;
  large: string;
  font: string;
}

export function palette(): Palette {
  const css = getComputedStyle(document.body);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    foreground: v('--vscode-foreground', '#cccccc'),
    muted: v('--vscode-descriptionForeground', '#999999'),
    grid: v('--vscode-editorWidget-border', v('--vscode-panel-border', '#80808040')),
    small: v('--vscode-charts-blue', '#3794ff'),
    large: v('--vscode-charts-orange', '#d18616'),
    font: v('--vscode-font-family', 'sans-serif'),
  };
}

export function onThemeChange(callback: () => void): void {
  new MutationObserver(callback).observe(document.body, { attributes: true, attributeFilter: ['class'] });
}
