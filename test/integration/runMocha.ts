// Runs every *.test.js in a folder with mocha, in the extension host, and writes the counts to
// AGENT_COST_RESULTS_FILE for the runner (test/integration/run.mjs) to read.
import fs from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';

/** AGENT_COST_TEST_GREP runs only the tests whose titles match it (to repeat one while hunting a race). */
export function runMocha(dir: string): Promise<void> {
  const grep = process.env.AGENT_COST_TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30000, reporter: 'spec', ...(grep ? { grep } : {}) });
  for (const f of fs.readdirSync(dir).sort()) if (f.endsWith('.test.js')) mocha.addFile(path.join(dir, f));
  const resultsFile = process.env.AGENT_COST_RESULTS_FILE;
  return new Promise((resolve, reject) => {
    const results = { passed: [] as string[], failed: [] as { title: string; error: string }[], pending: [] as string[] };
    const runner = mocha.run((failures) => {
      if (resultsFile) fs.writeFileSync(resultsFile, JSON.stringify(results, null, 2));
      console.log(`[integration] ${results.passed.length} passed, ${failures} failed`);
      if (failures > 0) reject(new Error(`${failures} tests failed`));
      else resolve();
    });
    runner.on('pass', (t) => results.passed.push(t.fullTitle()));
    runner.on('fail', (t, err: Error) => results.failed.push({ title: t.fullTitle(), error: String(err?.stack ?? err) }));
    runner.on('pending', (t) => results.pending.push(t.fullTitle()));
  });
}
