// Entry point loaded by the VS Code extension host (extensionTestsPath), under @vscode/test-electron
// or code-server alike: the suites of a trusted workspace.
import { runMocha } from './runMocha';

export function run(): Promise<void> {
  return runMocha(__dirname);
}
