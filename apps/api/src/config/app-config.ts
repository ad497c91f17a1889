import { isAbsolute, join, resolve } from 'node:path';
import { readOrCreateSecret } from './secret-file';

/** Validated runtime configuration. Built once at boot from the environment. */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  /** Interface to listen on: loopback unless `HOST` opens it (containers set 0.0.0.0). */
  host: string;
  port: number;
  /** Real PostgreSQL; null means the embedded PGlite under `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  /** Connection pool size. Always 1 for the embedded database. */
  dbPoolMax: number;
  /**
   * A PostgreSQL streaming replica (hot standby) that reports and exports read from;
   * null = every read goes to the primary. Only with `databaseUrl` (never with PGlite).
   */
  databaseReplicaUrl: string | null;
  /** Connection pool size towards the replica. */
  dbReplicaPoolMax: number;
  /**
   * Where the API's one LISTEN connection goes (common/notifications): null = the
   * database the pool uses. Set it when DATABASE_URL goes through a transaction-mode pool
   * (pgbouncer), which cannot carry LISTEN: point it at PostgreSQL itself or a session-mode pool.
   */
  databaseListenUrl: string | null;
  /**
   * Cache the signed-in user and session between requests (modules/auth/actor-cache.ts):
   * only on PostgreSQL, invalidated through LISTEN/NOTIFY. AUTH_CACHE=false loads them on
   * every request, as before.
   */
  authCache: boolean;
  /**
   * Run the hot reads as named prepared statements (common/sql/prepared-query.ts).
   * DB_PREPARED_STATEMENTS=false sends them unnamed, for a transaction-mode pgbouncer older
   * than 1.21 (or without `max_prepared_statements`), which cannot carry named statements.
   */
  dbPreparedStatements: boolean;
  /** The replica is used only while it is at most this far behind the primary; otherwise reads go to the primary. */
  replicaMaxLagSeconds: number;
  jwt: {
    accessSecret: string;
    /** Where the secret came from: the environment, or a file generated in the data directory. */
    accessSecretSource: 'env' | { file: string; created: boolean };
    accessTtlSeconds: number;
    refreshTtlSeconds: number;
  };
  corsOrigins: string[];
  bodyLimitBytes: number;
  loginThrottle: {
    windowSeconds: number;
    /** Failures of one e-mail from one address: the usual typo / guessing limit. */
    maxFailuresPerEmailAndIp: number;
    /** Failures of one e-mail from all addresses together (guessing spread over many IPs). */
    maxFailuresPerEmail: number;
    /** Failures from one address over all e-mails: high, since an office shares one address. */
    maxFailuresPerIp: number;
  };
  /** Seed the "Лидер" demo data when the database has no users. */
  demoSeed: boolean;
  /** Folder of the built SPA to serve at `/`; null to serve the API only. */
  serveWebDir: string | null;
  logLevel: string;
  /** Express `trust proxy`: whom to believe in X-Forwarded-For (for client IPs). */
  trustProxy: boolean | number | string;
  /**
   * A client text search counts, ranks and pages at most this many matches; beyond it the
   * answer says «more than this» (`totalIsEstimate`, `totalLowerBound`). Its cost grows
   * with it: every match read is a row fetch and a rank (issue 16).
   */
  clientSearchCap: number;
  jobs: {
    /** Scheduled jobs tick in this instance (off in tests, which run jobs by hand). */
    enabled: boolean;
    /** Cron (Europe/Moscow) of the payment-control call job; it skips non-working days. */
    paymentCallsCron: string;
    /** A claimed run's lease: renewed while it works; when it runs out, another instance takes the run over. */
    leaseSeconds: number;
    /** Pause before a failed daily slot is tried again (times the attempts so far). */
    retryPauseSeconds: number;
    /** Rows a job handles per transaction (large runs commit in steps and survive a crash with what they did). */
    chunkSize: number;
  };
  quality: {
    /** A complaint is answered within this many working days of its arrival (seed 002: 3). */
    complaintDeadlineDays: number;
    /** Default working days a department has to answer the quality officer's request. */
    requestDeadlineDays: number;
    /** Cron (Europe/Moscow) of the deadline watchdog; it escalates only in working hours. */
    watchdogCron: string;
    /** Cron of the survey job: on the first working day of a month, phone surveys of one-purchase clients. */
    surveyCallsCron: string;
    /** Days a personal e-mail survey link stays valid. */
    surveyLinkDays: number;
    /** Requests per minute one address may make to the public survey page's API (a burst of as many). */
    publicSurveyPerMinute: number;
    /** Where the SPA is reachable, for the personal survey links (e.g. https://crm.lider.ru). */
    publicBaseUrl: string;
  };
  service: {
    /** A deal handed over fewer working days than this before its installation deadline is flagged as a late hand-over. */
    handoverMinWorkingDays: number;
    /** Cron (Europe/Moscow) of the visit-plan job. */
    visitPlanCron: string;
    /** Service contracts plan their visits this many calendar days ahead. */
    visitHorizonDays: number;
    /** A contract ending within this many days gives its client's manager a renewal task. */
    renewalDaysBefore: number;
    /** The engineers of a planned visit get a reminder task this many working days ahead. */
    visitReminderWorkingDays: number;
    /** Response time of a service request, in working hours. */
    responseHours: { malfunction: number; consultation: number };
  };
  queue: {
    /** Workers of the persistent work queue poll in this instance (off in tests, which drain the queue by hand). */
    enabled: boolean;
    /** How often an idle worker looks for due items. */
    pollMs: number;
    /** Default lease (visibility timeout) of a claimed item, renewed while its handler runs. */
    leaseSeconds: number;
    /** Finished items are kept this long (for the admin screen), then deleted. */
    keepDoneDays: number;
  };
  mail: {
    /** SMTP server of outgoing mail (mailings, test sends). */
    smtpHost: string;
    smtpPort: number;
    /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
    smtpSecure: boolean;
    smtpUser: string | null;
    smtpPassword: string | null;
    /** The From of every mailing, e.g. `"Лидер" <news@lider.example>`. */
    from: string;
    /** At most this many mails leave per minute, across all instances (the provider's limit). */
    perMinute: number;
    /** Public address of the web client: unsubscribe links in mails point there. */
    publicUrl: string;
  };
  integrations: {
    /** Default sustained rate of a new API token (requests per second) and its burst. */
    tokenRatePerSecond: number;
    tokenBurst: number;
    /** Lets every webhook deliver to loopback / private / link-local addresses (otherwise a per-webhook flag). */
    webhooksAllowPrivate: boolean;
    /** Website lead form: posts per address per minute. */
    leadsPerMinutePerIp: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** The configuration as the environment gives it: the access secret may still be missing. */
export type ParsedConfig = Omit<AppConfig, 'jwt'> & {
  jwt: Omit<AppConfig['jwt'], 'accessSecret' | 'accessSecretSource'> & { accessSecret: string | null };
};

/** File in the data directory that keeps the generated access-token secret. */
export const ACCESS_SECRET_FILE = 'jwt-access-secret';

/**
 * Reads and validates the configuration. Without `JWT_ACCESS_SECRET` (allowed outside
 * production only) the secret is generated once and kept in `DATA_DIR/jwt-access-secret`
 * (mode 0600), so a restart keeps everyone signed in and nobody can forge a token from
 * a value written in the source code.
 */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): AppConfig {
  return resolveAccessSecret(parseConfig(env, cwd));
}

/** Supplies the generated secret from the data directory when the environment has none. */
export function resolveAccessSecret(parsed: ParsedConfig): AppConfig {
  const { accessSecret, ...jwt } = parsed.jwt;
  if (accessSecret) return { ...parsed, jwt: { ...jwt, accessSecret, accessSecretSource: 'env' } };
  if (parsed.nodeEnv === 'production') throw new ConfigError(['JWT_ACCESS_SECRET is required when NODE_ENV=production']);
  const file = join(parsed.dataDir, ACCESS_SECRET_FILE);
  let generated: { secret: string; created: boolean };
  try {
    generated = readOrCreateSecret(file);
  } catch (error) {
    throw new ConfigError([`JWT_ACCESS_SECRET is not set and the generated one could not be kept: ${(error as Error).message}`]);
  }
  const { secret, created } = generated;
  return { ...parsed, jwt: { ...jwt, accessSecret: secret, accessSecretSource: { file, created } } };
}

/**
 * Reads and validates the environment without touching the disk. Every problem is
 * collected so that one failed start names every bad variable, not just the first.
 */
export function parseConfig(env: Env = process.env, cwd = process.cwd()): ParsedConfig {
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

  // The replica only makes sense beside a PostgreSQL primary; with the embedded
  // database the variable is ignored (main.ts says so) and everything reads PGlite.
  const replicaUrlRaw = str('DATABASE_REPLICA_URL') ?? null;
  if (replicaUrlRaw && !/^postgres(ql)?:\/\//.test(replicaUrlRaw)) {
    problems.push('DATABASE_REPLICA_URL must be a postgres:// or postgresql:// URL');
  }
  const databaseReplicaUrl = databaseUrl ? replicaUrlRaw : null;
  const listenUrlRaw = str('DATABASE_LISTEN_URL') ?? null;
  if (listenUrlRaw && !/^postgres(ql)?:\/\//.test(listenUrlRaw)) {
    problems.push('DATABASE_LISTEN_URL must be a postgres:// or postgresql:// URL');
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

  const host = str('HOST') ?? '127.0.0.1';
  if (!/^[A-Za-z0-9.:_-]+$/.test(host)) problems.push(`HOST must be an interface address or host name, e.g. 127.0.0.1 or 0.0.0.0 (got "${host}")`);

  const loginThrottle = {
    windowSeconds: int('LOGIN_THROTTLE_WINDOW_SECONDS', 15 * 60, 1, 24 * 3600),
    maxFailuresPerEmailAndIp: int('LOGIN_MAX_FAILURES_PER_EMAIL_AND_IP', 5, 1, 1000),
    maxFailuresPerEmail: int('LOGIN_MAX_FAILURES_PER_EMAIL', 20, 1, 10000),
    maxFailuresPerIp: int('LOGIN_MAX_FAILURES_PER_IP', 200, 1, 100000),
  };

  const config: ParsedConfig = {
    nodeEnv,
    host,
    port: int('PORT', 3000, 0, 65535),
    databaseUrl,
    dataDir,
    dbPoolMax: databaseUrl ? int('DB_POOL_MAX', 10, 1, 200) : 1,
    databaseReplicaUrl,
    dbReplicaPoolMax: int('DB_REPLICA_POOL_MAX', 5, 1, 200),
    databaseListenUrl: listenUrlRaw,
    authCache: bool('AUTH_CACHE', true),
    dbPreparedStatements: bool('DB_PREPARED_STATEMENTS', true),
    replicaMaxLagSeconds: int('REPLICA_MAX_LAG_SECONDS', 10, 1, 3600),
    jwt: {
      accessSecret: accessSecret ?? null,
      accessTtlSeconds,
      refreshTtlSeconds,
    },
    corsOrigins,
    bodyLimitBytes: int('BODY_LIMIT_BYTES', 1024 * 1024, 1024, 100 * 1024 * 1024),
    loginThrottle,
    demoSeed: production ? false : demoSeed,
    serveWebDir,
    logLevel: str('LOG_LEVEL') ?? (nodeEnv === 'test' ? 'silent' : 'info'),
    trustProxy: parseTrustProxy(str('TRUST_PROXY')),
    clientSearchCap: int('CLIENT_SEARCH_CAP', CLIENT_SEARCH_CAP, 1, 10_000),
    jobs: {
      enabled: bool('JOBS_ENABLED', nodeEnv !== 'test'),
      paymentCallsCron: str('PAYMENT_CALLS_CRON') ?? '0 9 * * *',
      leaseSeconds: int('JOB_LEASE_SECONDS', 120, 1, 24 * 3600),
      retryPauseSeconds: int('JOB_RETRY_PAUSE_SECONDS', 300, 0, 24 * 3600),
      chunkSize: int('JOBS_CHUNK_SIZE', 5000, 1, 1_000_000),
    },
    quality: {
      complaintDeadlineDays: int('QUALITY_COMPLAINT_DEADLINE_DAYS', 3, 0, 60),
      requestDeadlineDays: int('QUALITY_REQUEST_DEADLINE_DAYS', 1, 0, 60),
      watchdogCron: str('QUALITY_WATCHDOG_CRON') ?? '30 9 * * *',
      surveyCallsCron: str('QUALITY_SURVEY_CALLS_CRON') ?? '0 10 * * *',
      surveyLinkDays: int('QUALITY_SURVEY_LINK_DAYS', 14, 1, 365),
      publicSurveyPerMinute: int('QUALITY_PUBLIC_SURVEY_PER_MINUTE', 20, 1, 10_000),
      publicBaseUrl: (str('PUBLIC_BASE_URL') ?? 'http://localhost:3000').replace(/\/+$/, ''),
    },
    service: {
      handoverMinWorkingDays: int('SERVICE_HANDOVER_MIN_WORKING_DAYS', 10, 0, 250),
      visitPlanCron: str('SERVICE_VISIT_PLAN_CRON') ?? '30 6 * * *',
      visitHorizonDays: int('SERVICE_VISIT_HORIZON_DAYS', 90, 1, 730),
      renewalDaysBefore: int('SERVICE_RENEWAL_DAYS_BEFORE', 30, 0, 365),
      visitReminderWorkingDays: int('SERVICE_VISIT_REMINDER_WORKING_DAYS', 2, 0, 30),
      responseHours: {
        malfunction: int('SERVICE_RESPONSE_HOURS_MALFUNCTION', 4, 1, 400),
        consultation: int('SERVICE_RESPONSE_HOURS_CONSULTATION', 8, 1, 400),
      },
    },
    queue: {
      enabled: bool('QUEUE_ENABLED', nodeEnv !== 'test'),
      pollMs: int('QUEUE_POLL_MS', 1000, 50, 600_000),
      leaseSeconds: int('QUEUE_LEASE_SECONDS', 60, 1, 24 * 3600),
      keepDoneDays: int('QUEUE_KEEP_DONE_DAYS', 7, 0, 3650),
    },
    mail: {
      smtpHost: str('SMTP_HOST') ?? '127.0.0.1',
      smtpPort: int('SMTP_PORT', 25, 1, 65535),
      smtpSecure: bool('SMTP_SECURE', false),
      smtpUser: str('SMTP_USER') ?? null,
      smtpPassword: str('SMTP_PASSWORD') ?? null,
      from: str('MAIL_FROM') ?? '"Лидер" <noreply@lider.test>',
      perMinute: int('MAIL_PER_MINUTE', 60, 1, 100_000),
      publicUrl: (str('PUBLIC_URL') ?? 'http://localhost:3000').replace(/\/+$/, ''),
    },
    integrations: {
      tokenRatePerSecond: int('API_TOKEN_RATE_PER_SECOND', 20, 1, 100_000),
      tokenBurst: int('API_TOKEN_BURST', 40, 1, 100_000),
      webhooksAllowPrivate: bool('WEBHOOKS_ALLOW_PRIVATE', false),
      leadsPerMinutePerIp: int('LEADS_PER_MINUTE_PER_IP', 10, 1, 100_000),
    },
  };
  if (!/^https?:\/\/[^\s]+$/.test(config.mail.publicUrl)) problems.push(`PUBLIC_URL must be an http(s) URL (got "${config.mail.publicUrl}")`);
  if (!/^(\S+\s+){4}\S+$/.test(config.jobs.paymentCallsCron)) {
    problems.push(`PAYMENT_CALLS_CRON must be a 5-field cron expression (got "${config.jobs.paymentCallsCron}")`);
  }
  for (const [name, cron] of [
    ['QUALITY_WATCHDOG_CRON', config.quality.watchdogCron],
    ['QUALITY_SURVEY_CALLS_CRON', config.quality.surveyCallsCron],
    ['SERVICE_VISIT_PLAN_CRON', config.service.visitPlanCron],
  ]) {
    if (!/^(\S+\s+){4}\S+$/.test(cron)) problems.push(`${name} must be a 5-field cron expression (got "${cron}")`);
  }
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(config.logLevel)) {
    problems.push(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "${config.logLevel}")`);
  }
  if (problems.length) throw new ConfigError(problems);
  return config;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

/**
 * The default of `clientSearchCap`, chosen by measurement. At 1M clients (`pnpm bench:scale`,
 * 2026-11-30, load average ~13) a word with 25,000 matches cost 48 ms of database time per
 * request at 1,000 (934 ms at the old 10,001). Then EXPLAIN (ANALYZE, BUFFERS) of the search
 * on polar_bench (2026-12-01, analyzed, warm, the machine loaded, min of 5 per round, four
 * rounds alternating): a manager's word with 3,571 matches in scope 65 / 28 / 54 / 41 ms at
 * 1,000 → 33 / 20 / 34 / 28 ms at 200, where the row fetch and the rank of the matches read
 * were ~40% of the time; the director's «северного» (25,000 matches) 93 / 39 / 81 / 61 →
 * 78 / 37 / 53 / 59 ms, because ~85% of it is the GIN bitmap of all matches (a prefix scan
 * of the Russian stem and of the simple form), which no cap shortens. 200 keeps 8 pages of
 * 25; a more specific text (a second word, a longer prefix) reaches the rest.
 */
export const CLIENT_SEARCH_CAP = 200;

/** `false` (default), `true`, a hop count, or express's named ranges / addresses. */
function parseTrustProxy(raw: string | undefined): boolean | number | string {
  if (raw === undefined || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  return raw;
}
