import { Column, type ColumnOptions } from 'typeorm';

/**
 * Instants are stored as fixed-width ISO-8601 UTC text (`2026-09-28T02:00:00.000Z`, 24 chars) on
 * both databases: it sorts and compares correctly as text, and no driver converts it through a
 * local-time `Date` on the way in or out.
 */
export const InstantColumn = (name: string, options: Partial<ColumnOptions> = {}) =>
  Column({ name, type: 'varchar', length: 24, ...options });

export const IdColumn = (name: string, options: Partial<ColumnOptions> = {}) => Column({ name, type: 'varchar', length: 36, ...options });

export const TextColumn = (name: string, length: number, options: Partial<ColumnOptions> = {}) =>
  Column({ name, type: 'varchar', length, ...options });

export const JsonColumn = (name: string) => Column({ name, type: 'simple-json' });

export const IntColumn = (name: string, options: Partial<ColumnOptions> = {}) => Column({ name, type: 'integer', ...options });
