import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '#config';
import { AccessTokens, Clock, SYSTEM_ACTOR, Users, type Role } from '#scheduling';
import { bootstrap, type BootstrapOptions } from '../apps/api/src/bootstrap.js';
import { FixedClock } from './fixed-clock.js';

export interface TestResponse {
  status: number;
  body: any;
  headers: Record<string, unknown>;
}

export type Requester = (method: string, url: string, body?: unknown, headers?: Record<string, string>) => Promise<TestResponse>;

/** What a test account of an institution coordinator (institutionId) or a teacher (instructorId) is linked to. */
export interface AccountLink {
  institutionId?: string;
  instructorId?: string;
}

export interface TestApp {
  app: NestFastifyApplication;
  clock: FixedClock;
  config: AppConfig;
  /**
   * Sends a request through the real HTTP stack (no socket) and parses a JSON answer. WITHOUT
   * credentials: every route but the public ones answers 401. Use `asAdmin` or `as(role)`.
   */
  request: Requester;
  /** `request` signed in as a program administrator (who may call every route). */
  asAdmin: Requester;
  /**
   * `request` signed in as a test account of this role, made on first use (one per role and link).
   * Each call signs a fresh access token at the fixed clock's time, so advancing the clock never
   * expires it. Example: `t.as('institution_coordinator', { institutionId: kashgarId })('GET', '/pairings')`.
   */
  as: (role: Role, link?: AccountLink) => Requester;
  /** A bearer access token for that test account, valid at the clock's current time. */
  tokenFor: (role: Role, link?: AccountLink) => Promise<string>;
  close: () => Promise<void>;
}

/**
 * The API booted through the same `bootstrap()` as `main.ts`, on a fresh database: a new SQLite
 * file, or a new schema in the PostgreSQL database when DATABASE_URL is set. Demo data is off
 * unless asked for; the clock is fixed.
 */
export async function createTestApp(
  options: { env?: Record<string, string>; clock?: FixedClock; imports?: BootstrapOptions['imports'] } = {},
): Promise<TestApp> {
  const clock = options.clock ?? new FixedClock();
  const database = await freshDatabaseUrl();
  const config = loadConfig({
    NODE_ENV: 'test',
    DEMO_DATA: 'off',
    LOG_LEVEL: 'silent',
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    ...database.env,
    ...options.env,
  });
  const app = await bootstrap(config, { overrides: [{ provide: Clock, useValue: clock }], imports: options.imports });
  await app.getHttpAdapter().getInstance().ready();
  const request: Requester = async (method, url, body, headers = {}) => {
    const response = await app.inject({
      method: method as 'GET',
      url,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      payload: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const type = String(response.headers['content-type'] ?? '');
    return { status: response.statusCode, body: type.includes('json') ? response.json() : response.body, headers: response.headers };
  };
  const accounts = new Map<string, Promise<string>>();
  const accountFor = (role: Role, link: AccountLink = {}): Promise<string> => {
    const key = `${role}:${link.institutionId ?? ''}:${link.instructorId ?? ''}`;
    if (!accounts.has(key)) {
      const made = app
        .get(Users)
        .create(SYSTEM_ACTOR, {
          email: `${role}.${accounts.size}@test.local`,
          displayName: `Test ${role}`,
          role,
          ...link,
          password: randomUUID(),
        })
        .then((user) => user.id);
      accounts.set(key, made);
    }
    return accounts.get(key)!;
  };
  const tokenFor = async (role: Role, link?: AccountLink): Promise<string> =>
    app
      .get(AccessTokens)
      .sign({ userId: await accountFor(role, link), familyId: randomUUID() }, clock.now(), config.auth.accessTokenMinutes);
  const as =
    (role: Role, link?: AccountLink): Requester =>
    async (method, url, body, headers = {}) =>
      request(method, url, body, { authorization: `Bearer ${await tokenFor(role, link)}`, ...headers });
  return {
    app,
    clock,
    config,
    request,
    asAdmin: as('admin'),
    as,
    tokenFor,
    close: async () => {
      await app.close();
      await database.dispose();
    },
  };
}

async function freshDatabaseUrl(): Promise<{ env: Record<string, string>; dispose: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) return { env: { SQLITE_PATH: join(tmpdir(), `scheduler-e2e-${randomUUID()}.sqlite`) }, dispose: async () => {} };
  const schema = `e2e_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new DataSource({ type: 'postgres', url });
  await admin.initialize();
  await admin.query(`CREATE SCHEMA "${schema}"`);
  const separator = url.includes('?') ? '&' : '?';
  return {
    env: { DATABASE_URL: `${url}${separator}options=-c%20search_path%3D${schema}` },
    dispose: async () => {
      await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
      await admin.destroy();
    },
  };
}
