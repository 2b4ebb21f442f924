#!/usr/bin/env node
'use strict';
// The `agent-cost` command: runs the bundled CLI (npm run build makes dist/cli.js).
const { run } = require('../dist/cli.js');
process.exitCode = run(process.argv.slice(2), (s) => process.stdout.write(s), (s) => process.stderr.write(s));
