#!/usr/bin/env node
// `pnpm dev`: the API with restart-on-change on :3000 and the web client through Vite
// (hot reload, /api proxied to the API) on :5173. Ctrl+C stops both.
import { spawn } from 'node:child_process';

const procs = [
  spawn(process.execPath, ['--watch-path=apps/api/src', '--watch-path=libs', '-r', '@swc-node/register', 'apps/api/src/main.ts'], {
    stdio: 'inherit',
    env: { ...process.env, SERVE_WEB_DIR: '' },
    cwd: new URL('..', import.meta.url).pathname,
  }),
  spawn('pnpm', ['--filter', '@polar/web', 'exec', 'vite', '--port', '5173'], { stdio: 'inherit', shell: false }),
];
const stop = () => procs.forEach((p) => p.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
procs.forEach((p) => p.on('exit', (code) => { if (code) stop(); }));
