#!/usr/bin/env node
// `pnpm test`: the whole test suite — API unit and e2e tests and the libraries (Jest),
// then the web client's unit tests (Vitest). Arguments go to Jest and skip Vitest,
// e.g. `pnpm test --selectProjects api-e2e`.
//
// PGlite loads its WebAssembly through dynamic import, which Jest's VM only allows
// with --experimental-vm-modules.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const jestArgs = process.argv.slice(2);
const run = (cmd, args, env = process.env) => spawnSync(cmd, args, { stdio: 'inherit', env }).status ?? 1;

const jestStatus = run(process.execPath, [require.resolve('jest/bin/jest'), ...(process.env.CI ? ['--ci'] : []), ...jestArgs], {
  ...process.env,
  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings=ExperimentalWarning`.trim(),
  TZ: process.env.TZ ?? 'UTC',
});
if (jestStatus !== 0 || jestArgs.length) process.exit(jestStatus);
process.exit(run('pnpm', ['--filter', '@polar/web', 'run', 'test']));
