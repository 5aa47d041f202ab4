import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { fk, id, instant, ref, text } from './table-helpers.js';

/** Accounts: refresh-token families, API tokens, sign-in attempts; and the audit log. */
export class AccountsAndAudit1766000000000 implements MigrationInterface {
  name = 'AccountsAndAudit1766000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const tables: Table[] = [
      new Table({
        name: 'refresh_tokens',
        columns: [
          id(),
          ref('user_id'),
          ref('family_id'),
          text('token_hash', 64),
          instant('expires_at'),
          instant('created_at'),
          instant('replaced_at', true),
          instant('revoked_at', true),
        ],
        uniques: [{ name: 'uq_refresh_tokens_hash', columnNames: ['token_hash'] }],
        foreignKeys: [fk('fk_refresh_tokens_user', 'user_id', 'users', 'CASCADE')],
        indices: [
          { name: 'idx_refresh_tokens_family', columnNames: ['family_id'] },
          { name: 'idx_refresh_tokens_user', columnNames: ['user_id'] },
        ],
      }),
      new Table({
        name: 'api_tokens',
        columns: [
          id(),
          ref('user_id'),
          text('name', 100),
          text('token_hash', 64),
          text('prefix', 16),
          instant('created_at'),
          instant('last_used_at', true),
          instant('revoked_at', true),
        ],
        uniques: [{ name: 'uq_api_tokens_hash', columnNames: ['token_hash'] }],
        foreignKeys: [fk('fk_api_tokens_user', 'user_id', 'users', 'CASCADE')],
        indices: [{ name: 'idx_api_tokens_user', columnNames: ['user_id'] }],
      }),
      new Table({
        name: 'login_attempts',
        columns: [id(), text('account_key', 64), text('address', 64), text('outcome', 10), instant('attempted_at')],
        indices: [
          { name: 'idx_login_attempts_account', columnNames: ['account_key', 'attempted_at'] },
          { name: 'idx_login_attempts_address', columnNames: ['address', 'attempted_at'] },
        ],
      }),
      new Table({
        name: 'audit_entries',
        columns: [
          id(),
          instant('at'),
          ref('actor_id', true),
          text('actor_role', 40),
          text('entity_type', 40),
          ref('entity_id'),
          text('action', 10),
          { name: 'before', type: 'text', isNullable: true },
          { name: 'after', type: 'text', isNullable: true },
        ],
        indices: [
          { name: 'idx_audit_entries_entity', columnNames: ['entity_type', 'entity_id'] },
          { name: 'idx_audit_entries_at', columnNames: ['at'] },
        ],
      }),
    ];
    for (const table of tables) await queryRunner.createTable(table, false, true, true);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of ['audit_entries', 'login_attempts', 'api_tokens', 'refresh_tokens']) await queryRunner.dropTable(name);
  }
}
