import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('starts with safe defaults: port 3000, embedded database under .data, one connection', () => {
    const c = loadConfig({}, '/srv/polar');
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
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', CORS_ORIGINS: 'not a url', NODE_ENV: 'staging' });
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
    expect(() => loadConfig({ JWT_ACCESS_TTL_SECONDS: '3600' })).toThrow(/JWT_ACCESS_TTL_SECONDS/);
  });

  it('uses a real pool against PostgreSQL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://localhost/polar', DB_POOL_MAX: '20' }).dbPoolMax).toBe(20);
  });
});
