#!/usr/bin/env node
/**
 * Summarises a V8 .cpuprofile (e.g. from `pnpm bench:clients --api-cpu-prof`): self time
 * by package and by function.
 *
 *   node bench/lib/cpuprofile.mjs bench/results/api-<stamp>.cpuprofile [--top 25]
 */
import { readFileSync } from 'node:fs';

export function summarise(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const byFunction = new Map();
  const byPackage = new Map();
  let total = 0;
  for (const [id, us] of self) {
    const { callFrame: f } = byId.get(id);
    const fn = `${f.functionName || '(anonymous)'} ${shortUrl(f.url)}${f.url ? `:${f.lineNumber + 1}` : ''}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    const pkg = packageOf(f);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
    total += us;
  }
  const sorted = (m) => [...m].sort((a, b) => b[1] - a[1]).map(([k, us]) => ({ name: k, ms: us / 1000, share: us / total }));
  return { totalMs: total / 1000, packages: sorted(byPackage), functions: sorted(byFunction) };
}

function shortUrl(url) {
  if (!url) return '';
  return url
    .replace(/^file:\/\//, '')
    .replace(/.*\/node_modules\/\.pnpm\/[^/]+\/node_modules\//, '')
    .replace(/.*\/apps\/api\/dist\//, 'api/');
}

function packageOf(f) {
  const url = f.url ?? '';
  if (!url) return f.functionName.startsWith('(') ? f.functionName : '(native)';
  if (url.startsWith('node:')) return 'node core';
  const m = /\/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.includes('/apps/api/dist/')) return '@polar/api';
  if (url.includes('/libs/')) return '@polar/libs';
  return url;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  const topIdx = process.argv.indexOf('--top');
  const top = topIdx > 0 ? Number(process.argv[topIdx + 1]) : 25;
  if (!file) {
    process.stderr.write('Usage: node bench/lib/cpuprofile.mjs <file.cpuprofile> [--top 25]\n');
    process.exit(1);
  }
  const s = summarise(JSON.parse(readFileSync(file, 'utf8')));
  const line = (r) => `${r.ms.toFixed(0).padStart(9)} ms ${(r.share * 100).toFixed(1).padStart(5)}%  ${r.name}`;
  process.stdout.write(`Total sampled: ${s.totalMs.toFixed(0)} ms\n\nSelf time by package:\n${s.packages.slice(0, top).map(line).join('\n')}\n\n`);
  process.stdout.write(`Self time by function:\n${s.functions.slice(0, top).map(line).join('\n')}\n`);
}
