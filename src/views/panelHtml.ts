// The side panel's HTML shell: a strict Content Security Policy with a nonce, the bundled script
// and stylesheet from dist/ and media/, and nothing inline.
import * as vscode from 'vscode';

export function panelHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  // Web Crypto: no `node:crypto` to load at activation
  const nonce = Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'panel.css'));
  const csp = [
    "default-src 'none'",
    // the UI toolkit probes :focus-visible support with a <style> element that carries the nonce
    `style-src ${webview.cspSource} 'nonce-${nonce}'`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta property="csp-nonce" content="${nonce}">
<link rel="stylesheet" href="${style}">
<title>Agent Cost Lens</title>
</head>
<body>
<main id="app" aria-live="polite"><p class="muted">Estimating your workflows…</p></main>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}
