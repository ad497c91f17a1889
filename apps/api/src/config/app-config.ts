import { isAbsolute, resolve } from 'node:path';

/** Validated runtime configuration. Built once at boot from the environment. */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  /** Real PostgreSQL; null means the embedded PGlite under `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  /** Connection pool size. Always 1 for the embedded database. */
  dbPoolMax: number;
  jwt: {
    accessSecret: string;
    accessTtlSeconds: number;
    refreshTtlSeconds: number;
  };
  corsOrigins: string[];
  bodyLimitBytes: number;
  loginThrottle: {
    windowSeconds: number;
    maxFailuresPerEmail: number;
    maxFailuresPerIp: number;
  };
  /** Seed the "Лидер" demo data when the database has no users. */
  demoSeed: boolean;
  /** Folder of the built SPA to serve at `/`; null to serve the API only. */
  serveWebDir: string | null;
  logLevel: string;
  /** Express `trust proxy`: whom to believe in X-Forwarded-For (for client IPs). */
  trustProxy: boolean | number | string;
  jobs: {
    /** Scheduled jobs tick in this instance (off in tests, which run jobs by hand). */
    enabled: boolean;
    /** Cron (Europe/Moscow) of the payment-control call job; it skips non-working days. */
    paymentCallsCron: string;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const DEV_ACCESS_SECRET = 'polar-dev-access-secret-change-me';

/**
 * Reads and validates the configuration. Every problem is collected so that one
 * failed start names every bad variable, not just the first.
 */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): AppConfig {
  const problems: string[] = [];
  const str = (name: string) => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  const int = (name: string, def: number, min: number, max: number): number => {
    const raw = str(name);
    if (raw === undefined) return def;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return def;
    }
    return Number(raw);
  };
  const bool = (name: string, def: boolean): boolean => {
    const raw = str(name);
    if (raw === undefined) return def;
    if (['true', '1', 'yes'].includes(raw.toLowerCase())) return true;
    if (['false', '0', 'no'].includes(raw.toLowerCase())) return false;
    problems.push(`${name} must be true or false (got "${raw}")`);
    return def;
  };

  const nodeEnvRaw = str('NODE_ENV') ?? 'development';
  if (!['development', 'production', 'test'].includes(nodeEnvRaw)) {
    problems.push(`NODE_ENV must be development, production or test (got "${nodeEnvRaw}")`);
  }
  const nodeEnv = (['development', 'production', 'test'].includes(nodeEnvRaw) ? nodeEnvRaw : 'development') as AppConfig['nodeEnv'];
  const production = nodeEnv === 'production';

  const databaseUrl = str('DATABASE_URL') ?? null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }

  const accessSecret = str('JWT_ACCESS_SECRET');
  if (production && !accessSecret) {
    problems.push('JWT_ACCESS_SECRET is required when NODE_ENV=production');
  } else if (accessSecret && accessSecret.length < 32) {
    problems.push('JWT_ACCESS_SECRET must be at least 32 characters');
  }

  const accessTtlSeconds = int('JWT_ACCESS_TTL_SECONDS', 900, 30, 900);
  const refreshTtlSeconds = int('JWT_REFRESH_TTL_SECONDS', 30 * 24 * 3600, 300, 90 * 24 * 3600);

  const corsOrigins = (str('CORS_ORIGINS') ?? (production ? '' : 'http://localhost:5173,http://127.0.0.1:5173'))
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of corsOrigins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) problems.push(`CORS_ORIGINS has an invalid origin "${origin}" (expected scheme://host[:port])`);
  }

  const dataDirRaw = str('DATA_DIR') ?? '.data';
  const dataDir = isAbsolute(dataDirRaw) ? dataDirRaw : resolve(cwd, dataDirRaw);
  const webDirRaw = str('SERVE_WEB_DIR');
  const serveWebDir = webDirRaw ? (isAbsolute(webDirRaw) ? webDirRaw : resolve(cwd, webDirRaw)) : null;

  const demoSeed = bool('DEMO_SEED', !production);
  if (production && demoSeed) {
    problems.push('DEMO_SEED cannot be true when NODE_ENV=production (demo data is never loaded in production by itself)');
  }

  const config: AppConfig = {
    nodeEnv,
    port: int('PORT', 3000, 0, 65535),
    databaseUrl,
    dataDir,
    dbPoolMax: databaseUrl ? int('DB_POOL_MAX', 10, 1, 200) : 1,
    jwt: {
      accessSecret: accessSecret ?? DEV_ACCESS_SECRET,
      accessTtlSeconds,
      refreshTtlSeconds,
    },
    corsOrigins,
    bodyLimitBytes: int('BODY_LIMIT_BYTES', 1024 * 1024, 1024, 100 * 1024 * 1024),
    loginThrottle: {
      windowSeconds: int('LOGIN_THROTTLE_WINDOW_SECONDS', 15 * 60, 1, 24 * 3600),
      maxFailuresPerEmail: int('LOGIN_MAX_FAILURES_PER_EMAIL', 5, 1, 1000),
      maxFailuresPerIp: int('LOGIN_MAX_FAILURES_PER_IP', 30, 1, 100000),
    },
    demoSeed: production ? false : demoSeed,
    serveWebDir,
    logLevel: str('LOG_LEVEL') ?? (nodeEnv === 'test' ? 'silent' : 'info'),
    trustProxy: parseTrustProxy(str('TRUST_PROXY')),
    jobs: {
      enabled: bool('JOBS_ENABLED', nodeEnv !== 'test'),
      paymentCallsCron: str('PAYMENT_CALLS_CRON') ?? '0 9 * * *',
    },
  };
  if (!/^(\S+\s+){4}\S+$/.test(config.jobs.paymentCallsCron)) {
    problems.push(`PAYMENT_CALLS_CRON must be a 5-field cron expression (got "${config.jobs.paymentCallsCron}")`);
  }
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(config.logLevel)) {
    problems.push(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "${config.logLevel}")`);
  }
  if (problems.length) throw new ConfigError(problems);
  return config;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

/** `false` (default), `true`, a hop count, or express's named ranges / addresses. */
function parseTrustProxy(raw: string | undefined): boolean | number | string {
  if (raw === undefined || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  return raw;
}
