import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './app-config.js';

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
});
