import { Table, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';
import { fk, id, instant, int, primary, ref, text } from './table-helpers.js';

const longText = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });
const nullableInt = (name: string): TableColumnOptions => ({ ...int(name), isNullable: true });

/** Reminders: the outbox, reminder preferences per person and institution, deliveries and their attempts, the in-app inbox. */
export class Notifications1767600000000 implements MigrationInterface {
  name = 'Notifications1767600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const tables: Table[] = [
      new Table({
        name: 'outbox_events',
        columns: [id(), text('kind', 40), longText('payload'), instant('created_at'), instant('relayed_at', true)],
        indices: [{ name: 'idx_outbox_events_pending', columnNames: ['relayed_at', 'created_at'] }],
      }),
      new Table({
        name: 'reminder_preferences',
        columns: [
          primary(text('recipient_kind', 20), 'pk_reminder_preferences'),
          primary(ref('recipient_id'), 'pk_reminder_preferences'),
          longText('offsets_minutes', true),
          text('quiet_start', 5, true),
          text('quiet_end', 5, true),
          longText('channels', true),
          text('locale', 10, true),
          text('email', 254, true),
          text('webhook_url', 500, true),
          text('webhook_flavor', 20),
          text('webhook_secret', 200, true),
          int('coordinator_reminders'),
          text('time_zone', 64, true),
          instant('updated_at'),
        ],
      }),
      new Table({
        name: 'institution_reminder_settings',
        columns: [
          { ...ref('institution_id'), isPrimary: true },
          longText('offsets_minutes', true),
          text('quiet_start', 5, true),
          text('quiet_end', 5, true),
          instant('updated_at'),
        ],
        foreignKeys: [fk('fk_institution_reminder_settings_institution', 'institution_id', 'institutions', 'CASCADE')],
      }),
      new Table({
        name: 'deliveries',
        columns: [
          id(),
          text('delivery_key', 120),
          text('kind', 20),
          ref('session_id'),
          int('session_version'),
          text('recipient_kind', 20),
          ref('recipient_id'),
          nullableInt('offset_minutes'),
          ref('changed_session_id', true),
          text('status', 20),
          text('channel', 20, true),
          int('attempts'),
          instant('lease_until', true),
          text('last_error', 1000, true),
          text('subject', 300, true),
          instant('sent_at', true),
          instant('created_at'),
          instant('updated_at'),
        ],
        uniques: [{ name: 'uq_deliveries_key', columnNames: ['delivery_key'] }],
        indices: [{ name: 'idx_deliveries_status', columnNames: ['status', 'updated_at'] }],
      }),
      new Table({
        name: 'delivery_attempts',
        columns: [id(), ref('delivery_id'), text('channel', 20, true), text('outcome', 20), text('error', 1000, true), instant('at')],
        foreignKeys: [fk('fk_delivery_attempts_delivery', 'delivery_id', 'deliveries', 'CASCADE')],
        indices: [{ name: 'idx_delivery_attempts_delivery', columnNames: ['delivery_id'] }],
      }),
      new Table({
        name: 'inbox_messages',
        columns: [
          id(),
          text('recipient_kind', 20),
          ref('recipient_id'),
          ref('delivery_id'),
          text('subject', 300),
          longText('body'),
          ref('session_id'),
          instant('created_at'),
          instant('read_at', true),
        ],
        uniques: [{ name: 'uq_inbox_messages_delivery', columnNames: ['delivery_id'] }],
        foreignKeys: [fk('fk_inbox_messages_delivery', 'delivery_id', 'deliveries', 'CASCADE')],
        indices: [{ name: 'idx_inbox_messages_recipient', columnNames: ['recipient_kind', 'recipient_id', 'created_at'] }],
      }),
    ];
    for (const table of tables) await queryRunner.createTable(table, false, true, true);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of [
      'inbox_messages',
      'delivery_attempts',
      'deliveries',
      'institution_reminder_settings',
      'reminder_preferences',
      'outbox_events',
    ])
      await queryRunner.dropTable(name);
  }
}
