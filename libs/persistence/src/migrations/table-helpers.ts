import type { TableColumnOptions, TableForeignKeyOptions } from 'typeorm';

// Column shapes shared by the migrations; they mirror entities/columns.ts so both databases agree.
export const id = (name = 'id'): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary: name === 'id' });
export const ref = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable });
export const text = (name: string, length: number, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});
export const json = (name: string): TableColumnOptions => ({ name, type: 'text' });
export const int = (name: string): TableColumnOptions => ({ name, type: 'integer' });
export const instant = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: '24',
  isNullable: nullable,
});

export const fk = (
  name: string,
  column: string,
  referencedTableName: string,
  onDelete: 'RESTRICT' | 'CASCADE' = 'RESTRICT',
): TableForeignKeyOptions => ({ name, columnNames: [column], referencedTableName, referencedColumnNames: ['id'], onDelete });
export const primary = (column: TableColumnOptions, constraintName: string): TableColumnOptions => ({
  ...column,
  isPrimary: true,
  primaryKeyConstraintName: constraintName,
});
