#!/usr/bin/env node
// Runs the whole Jest suite (API unit + e2e, libraries). PGlite loads its WebAssembly
// through dynamic import, which Jest's VM only allows with --experimental-vm-modules.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const jestBin = require.resolve('jest/bin/jest');
const args = [jestBin, ...process.argv.slice(2)];
if (process.env.CI) args.push('--ci');
const result = spawnSync(process.execPath, args, {
  stdio: 'inherit',
  env: {
    ...process.env,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings=ExperimentalWarning`.trim(),
    TZ: process.env.TZ ?? 'UTC',
  },
});
process.exit(result.status ?? 1);
