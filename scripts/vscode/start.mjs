#!/usr/bin/env node
// `npm start`: builds and packages the extension, installs code-server if needed, and opens a real
// VS Code in the browser, on localhost, with Agent Cost Lens installed and examples/ open.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ensureCodeServer, removeTemps, root, startCodeServer } from './codeServer.mjs';

try {
  execFileSync('npm', ['run', 'package'], { cwd: root, stdio: 'inherit' });
  ensureCodeServer();
} catch (e) {
  console.error(`npm start: ${e.message.split('\n')[0]} (see the output above)`);
  process.exit(1);
}
const port = Number(process.env.PORT ?? 8080);
const server = await startCodeServer({ smokeTestDriver: false, installVsix: path.join(root, 'agent-cost-lens.vsix'), port });
const url = `${server.url}/?folder=${encodeURIComponent(path.join(root, 'examples'))}`;
console.log(`\nAgent Cost Lens is running in VS Code at\n\n  ${url}\n\nOpen it in a browser; press Ctrl+C to stop.`);
const stop = () => {
  server.kill();
  removeTemps();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.proc.on('exit', (code) => {
  console.log(`code-server stopped (${code}); log: ${server.logPath}`);
  process.exit(code ?? 1);
});
