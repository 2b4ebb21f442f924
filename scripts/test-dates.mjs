#!/usr/bin/env node
// `npm run test:dates`: the unit suite (as `npm run test:unit` compiled it) again on other days and
// in other time zones, so that a test that passes only on the day it was written, or only in UTC,
// fails here: today's date comes from one clock (src/core/dates.ts), which AGENT_COST_TODAY pins.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mocha = path.join(root, 'node_modules/mocha/bin/mocha.js');
const RUNS = [
  { today: '2027-06-01', tz: 'Etc/GMT+12' }, // UTC−12
  { today: '2029-12-31', tz: 'Pacific/Kiritimati' }, // UTC+14
];

let failed = 0;
for (const { today, tz } of RUNS) {
  console.log(`\nunit tests on ${today}, time zone ${tz}`);
  const r = spawnSync(process.execPath, [mocha, '--config', '.mocharc.json', '--reporter', 'dot'], {
    cwd: root, stdio: 'inherit', env: { ...process.env, AGENT_COST_TODAY: today, TZ: tz },
  });
  if (r.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
