import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ConfigError, environmentWithDotEnv, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  it('gives the documented defaults on an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      database: { kind: 'sqlite', path: 'data/scheduler.sqlite' },
      redisUrl: 'redis://127.0.0.1:6379',
      demoData: true,
      processRole: 'all',
    });
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://127.0.0.1:5432/test' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://127.0.0.1:5432/test',
    });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT (got "eighty")'],
    [{ DEMO_DATA: 'yes' }, 'DEMO_DATA (got "yes")'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL (got "mysql://x"): must be a postgres://'],
    [{ PROCESS_ROLE: 'api' }, 'PROCESS_ROLE (got "api"): must be "all" on SQLite'],
  ])('refuses %p naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('makes a random signing key outside production and says so; requires one in production without echoing it', () => {
    const development = loadConfig({});
    expect(development.auth).toMatchObject({ secretGenerated: true, accessTokenMinutes: 15, refreshTokenDays: 30 });
    expect(development.auth.secret.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({}).auth.secret).not.toBe(development.auth.secret);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow('AUTH_SECRET: is required in production');
    const short = 'too-short-secret-value';
    expect(() => loadConfig({ AUTH_SECRET: short })).toThrow('AUTH_SECRET: must be at least 32 characters');
    expect(() => loadConfig({ AUTH_SECRET: short })).not.toThrow(short);
    const secret = 'x'.repeat(40);
    expect(loadConfig({ NODE_ENV: 'production', AUTH_SECRET: secret }).auth).toMatchObject({ secret, secretGenerated: false });
  });

  it('reads CORS origins as a list and refuses paths', () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example.edu.cn, http://localhost:5173' }).corsOrigins).toEqual([
      'https://a.example.edu.cn',
      'http://localhost:5173',
    ]);
    expect(() => loadConfig({ CORS_ORIGINS: 'https://a.example/path' })).toThrow('CORS_ORIGINS');
  });
});

describe('environmentWithDotEnv', () => {
  it('adds the variables of a .env file (as config/.env.example suggests); a variable already set wins; no file, no change', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dotenv-'));
    const path = join(dir, '.env');
    writeFileSync(path, '# comment\nEWS_TEST_FROM_FILE=3100\nEWS_TEST_SET=file\n');
    process.env.EWS_TEST_SET = 'environment';
    try {
      expect(environmentWithDotEnv(join(dir, 'missing.env')).EWS_TEST_FROM_FILE).toBeUndefined();
      const env = environmentWithDotEnv(path);
      expect([env.EWS_TEST_FROM_FILE, env.EWS_TEST_SET]).toEqual(['3100', 'environment']);
    } finally {
      delete process.env.EWS_TEST_FROM_FILE;
      delete process.env.EWS_TEST_SET;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
