#!/usr/bin/env node
/**
 * Prints the gzip size of the JavaScript a browser must download before the first
 * screen (the entry chunk plus every chunk it imports statically, from the Vite
 * manifest) and fails when it exceeds the budget. Lazy (dynamic-import) chunks are
 * listed for information only.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = Number(process.env.WEB_INITIAL_JS_BUDGET_KB ?? 250);
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));

const gzipSize = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

const entries = Object.entries(manifest).filter(([, chunk]) => chunk.isEntry);
if (entries.length === 0) {
  console.error('report-size: no entry chunk in dist/.vite/manifest.json');
  process.exit(1);
}

const initial = new Set();
const css = new Set();
const visit = (key) => {
  const chunk = manifest[key];
  if (!chunk || initial.has(chunk.file)) return;
  initial.add(chunk.file);
  for (const file of chunk.css ?? []) css.add(file);
  for (const imported of chunk.imports ?? []) visit(imported);
};
for (const [key] of entries) visit(key);

const rows = [...initial].map((file) => ({ file, gzip: gzipSize(file) })).sort((a, b) => b.gzip - a.gzip);
const totalJs = rows.reduce((sum, row) => sum + row.gzip, 0);
const totalCss = [...css].reduce((sum, file) => sum + gzipSize(file), 0);

const lazy = new Set(
  Object.values(manifest)
    .map((chunk) => chunk.file)
    .filter((file) => file.endsWith('.js') && !initial.has(file)),
);
const lazyTotal = [...lazy].reduce((sum, file) => sum + gzipSize(file), 0);

console.log('\nInitial JavaScript (entry + static imports), gzip:');
for (const row of rows) console.log(`  ${kb(row.gzip).padStart(10)}  ${row.file}`);
console.log(`  ${'-'.repeat(10)}`);
console.log(`  ${kb(totalJs).padStart(10)}  total initial JS gzip (budget ${BUDGET_KB} KB)`);
console.log(`  ${kb(totalCss).padStart(10)}  initial CSS gzip (not budgeted)`);
console.log(`  ${kb(lazyTotal).padStart(10)}  in ${lazy.size} lazy chunks (routes, dialogs, charts)\n`);

if (totalJs > BUDGET_KB * 1024) {
  console.error(`report-size: initial JS ${kb(totalJs)} gzip exceeds the ${BUDGET_KB} KB budget`);
  process.exit(1);
}
