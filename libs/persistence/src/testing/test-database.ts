import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { openDatabase } from '../data-source.js';

/**
 * A fresh, migrated database for one test file: a new SQLite file, or, when DATABASE_URL is set,
 * a new PostgreSQL schema in that database (so suites running in parallel never share tables).
 */
export async function openTestDatabase(): Promise<DataSource> {
  const url = process.env.DATABASE_URL;
  if (!url) return openDatabase({ kind: 'sqlite', path: join(tmpdir(), `scheduler-test-${randomUUID()}.sqlite`) });
  const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new DataSource({ type: 'postgres', url });
  await admin.initialize();
  await admin.query(`CREATE SCHEMA "${schema}"`);
  await admin.destroy();
  const separator = url.includes('?') ? '&' : '?';
  return openDatabase({ kind: 'postgres', url: `${url}${separator}options=-c%20search_path%3D${schema}` });
}
