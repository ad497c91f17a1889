/**
 * A tiny command-line parser: `--name value`, `--name=value` and boolean `--flag`.
 * Every option is declared with its type and default; anything unknown is an error.
 */

export class UsageError extends Error {}

/**
 * @param {string[]} argv
 * @param {Record<string, { type: 'int' | 'number' | 'string' | 'boolean', default: unknown, min?: number, max?: number, help: string }>} spec
 */
export function parseArgs(argv, spec) {
  const out = Object.fromEntries(Object.entries(spec).map(([k, v]) => [k, v.default]));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') continue; // `pnpm bench:clients -- --clients 1000`
    if (arg === '--help' || arg === '-h') {
      out.help = true;
      continue;
    }
    const m = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/.exec(arg);
    if (!m) throw new UsageError(`Unexpected argument "${arg}"`);
    const [, name, inline] = m;
    const key = name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    const opt = spec[key];
    if (!opt) throw new UsageError(`Unknown option --${name}`);
    if (opt.type === 'boolean') {
      if (inline === undefined) out[key] = true;
      else if (['true', '1', 'yes'].includes(inline)) out[key] = true;
      else if (['false', '0', 'no'].includes(inline)) out[key] = false;
      else throw new UsageError(`--${name} takes no value or true/false`);
      continue;
    }
    const raw = inline ?? argv[++i];
    if (raw === undefined) throw new UsageError(`--${name} needs a value`);
    if (opt.type === 'int' || opt.type === 'number') {
      const text = raw.replace(/[_\s]/g, '');
      const value = opt.type === 'int' ? (/^\d+$/.test(text) ? Number(text) : NaN) : Number(text);
      if (!Number.isFinite(value)) throw new UsageError(`--${name} must be a ${opt.type === 'int' ? 'whole ' : ''}number (got "${raw}")`);
      if (opt.min !== undefined && value < opt.min) throw new UsageError(`--${name} must be at least ${opt.min}`);
      if (opt.max !== undefined && value > opt.max) throw new UsageError(`--${name} must be at most ${opt.max}`);
      out[key] = value;
    } else {
      out[key] = raw;
    }
  }
  return out;
}

export function usage(command, spec) {
  const lines = [`Usage: ${command} [options]`, '', 'Options:'];
  for (const [key, opt] of Object.entries(spec)) {
    const flag = `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}${opt.type === 'boolean' ? '' : ` <${opt.type === 'string' ? 'text' : 'n'}>`}`;
    const def = opt.type === 'boolean' || opt.default === undefined || opt.default === null ? '' : ` (default ${opt.default})`;
    lines.push(`  ${flag.padEnd(28)} ${opt.help}${def}`);
  }
  return lines.join('\n');
}
