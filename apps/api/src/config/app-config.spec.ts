import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACCESS_SECRET_FILE, ConfigError, loadConfig, parseConfig } from './app-config';

describe('loadConfig', () => {
  it('starts with safe defaults: port 3000 on loopback only, embedded database under .data, one connection', () => {
    const c = parseConfig({}, '/srv/polar');
    expect(c.host).toBe('127.0.0.1');
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeNull();
    expect(c.dataDir).toBe('/srv/polar/.data');
    expect(c.dbPoolMax).toBe(1);
    expect(c.jwt.accessTtlSeconds).toBeLessThanOrEqual(900);
    expect(c.demoSeed).toBe(true);
  });

  it('names every bad variable in one error', () => {
    let error: unknown;
    try {
      parseConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', CORS_ORIGINS: 'not a url', NODE_ENV: 'staging' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('PORT');
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain('CORS_ORIGINS');
    expect(message).toContain('NODE_ENV');
  });

  it('requires the JWT secret in production and never seeds demo data there', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x' })).toThrow(/JWT_ACCESS_SECRET/);
    expect(() =>
      loadConfig({ NODE_ENV: 'production', JWT_ACCESS_SECRET: 'x'.repeat(40), DEMO_SEED: 'true' }),
    ).toThrow(/DEMO_SEED/);
    const prod = loadConfig({ NODE_ENV: 'production', JWT_ACCESS_SECRET: 'x'.repeat(40), DATABASE_URL: 'postgres://db/x' });
    expect(prod.demoSeed).toBe(false);
    expect(prod.corsOrigins).toEqual([]);
  });

  it('refuses access tokens that live longer than 15 minutes', () => {
    expect(() => parseConfig({ JWT_ACCESS_TTL_SECONDS: '3600' })).toThrow(/JWT_ACCESS_TTL_SECONDS/);
  });

  it('uses a real pool against PostgreSQL', () => {
    expect(parseConfig({ DATABASE_URL: 'postgres://localhost/polar', DB_POOL_MAX: '20' }).dbPoolMax).toBe(20);
  });

  it('reads reports from a replica only beside a PostgreSQL primary', () => {
    const replica = 'postgres://standby/polar';
    expect(parseConfig({ DATABASE_URL: 'postgres://localhost/polar', DATABASE_REPLICA_URL: replica }).databaseReplicaUrl).toBe(replica);
    // The embedded database has no replica: everything reads PGlite.
    expect(parseConfig({ DATABASE_REPLICA_URL: replica }).databaseReplicaUrl).toBeNull();
    expect(parseConfig({}).databaseReplicaUrl).toBeNull();
    expect(() => parseConfig({ DATABASE_URL: 'postgres://localhost/polar', DATABASE_REPLICA_URL: 'mysql://x' })).toThrow(/DATABASE_REPLICA_URL/);
    expect(() => parseConfig({ DATABASE_URL: 'postgres://localhost/polar', REPLICA_MAX_LAG_SECONDS: '0' })).toThrow(/REPLICA_MAX_LAG_SECONDS/);
  });

  it('listens on another interface only when HOST says so', () => {
    expect(parseConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(() => parseConfig({ HOST: 'a b' })).toThrow(/HOST/);
  });

  it('throttles sign-in failures per e-mail and address, with a far higher limit per address', () => {
    const t = parseConfig({}).loginThrottle;
    expect(t).toEqual({ windowSeconds: 900, maxFailuresPerEmailAndIp: 5, maxFailuresPerEmail: 20, maxFailuresPerIp: 200 });
    expect(parseConfig({ LOGIN_MAX_FAILURES_PER_EMAIL_AND_IP: '3' }).loginThrottle.maxFailuresPerEmailAndIp).toBe(3);
  });
});

describe('the access-token secret', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'polar-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is taken from JWT_ACCESS_SECRET when set, and nothing is written', () => {
    const c = loadConfig({ JWT_ACCESS_SECRET: 's'.repeat(40), DATA_DIR: dir });
    expect(c.jwt.accessSecret).toBe('s'.repeat(40));
    expect(c.jwt.accessSecretSource).toBe('env');
    expect(() => statSync(join(dir, ACCESS_SECRET_FILE))).toThrow();
  });

  it('is generated on the first start, readable by the owner only, and reused on the next start', () => {
    const first = loadConfig({ DATA_DIR: dir });
    const file = join(dir, ACCESS_SECRET_FILE);
    expect(first.jwt.accessSecretSource).toEqual({ file, created: true });
    expect(first.jwt.accessSecret.length).toBeGreaterThanOrEqual(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.jwt.accessSecret);

    const second = loadConfig({ DATA_DIR: dir });
    expect(second.jwt.accessSecret).toBe(first.jwt.accessSecret);
    expect(second.jwt.accessSecretSource).toEqual({ file, created: false });
  });

  it('differs between installations (no value fixed in the code)', () => {
    const other = mkdtempSync(join(tmpdir(), 'polar-config-'));
    try {
      expect(loadConfig({ DATA_DIR: dir }).jwt.accessSecret).not.toBe(loadConfig({ DATA_DIR: other }).jwt.accessSecret);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('lives in the data directory also when the database is a PostgreSQL server', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://localhost/polar' }, dir);
    expect(c.jwt.accessSecretSource).toEqual({ file: join(dir, '.data', ACCESS_SECRET_FILE), created: true });
  });

  it('is made private again if its permissions were loosened, and an empty file is refused by name', () => {
    const file = join(dir, ACCESS_SECRET_FILE);
    writeFileSync(file, 'k'.repeat(64), { mode: 0o644 });
    expect(loadConfig({ DATA_DIR: dir }).jwt.accessSecret).toBe('k'.repeat(64));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    writeFileSync(file, '');
    expect(() => loadConfig({ DATA_DIR: dir })).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_DIR: dir })).toThrow(/jwt-access-secret/);
  });

  it('is never generated in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x', DATA_DIR: dir })).toThrow(/JWT_ACCESS_SECRET/);
    expect(() => statSync(join(dir, ACCESS_SECRET_FILE))).toThrow();
  });
});
