// Entry point for the suites of an untrusted workspace, in Restricted Mode.
import { runMocha } from '../runMocha';

export function run(): Promise<void> {
  return runMocha(__dirname);
}
