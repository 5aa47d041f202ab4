import { Column, Entity, PrimaryColumn } from 'typeorm';
import { InstantColumn, IntColumn, TextColumn } from './columns.js';

/** One person's reminder choices; the person is an instructor/host (`instructor`) or a user (`user`), so no foreign key. */
@Entity('reminder_preferences')
export class ReminderPreferenceEntity {
  @PrimaryColumn({ name: 'recipient_kind', type: 'varchar', length: 20, primaryKeyConstraintName: 'pk_reminder_preferences' })
  recipientKind!: string;
  @PrimaryColumn({ name: 'recipient_id', type: 'varchar', length: 36, primaryKeyConstraintName: 'pk_reminder_preferences' })
  recipientId!: string;
  @Column({ name: 'offsets_minutes', type: 'text', nullable: true }) offsetsMinutes!: string | null;
  @TextColumn('quiet_start', 5, { nullable: true }) quietStart!: string | null;
  @TextColumn('quiet_end', 5, { nullable: true }) quietEnd!: string | null;
  @Column({ name: 'channels', type: 'text', nullable: true }) channels!: string | null;
  @TextColumn('locale', 10, { nullable: true }) locale!: string | null;
  @TextColumn('email', 254, { nullable: true }) email!: string | null;
  @TextColumn('webhook_url', 500, { nullable: true }) webhookUrl!: string | null;
  @TextColumn('webhook_flavor', 20) webhookFlavor!: string;
  @TextColumn('webhook_secret', 200, { nullable: true }) webhookSecret!: string | null;
  /** 1 when a coordinator asked for reminders of the sessions they coordinate. */
  @IntColumn('coordinator_reminders') coordinatorReminders!: number;
  @TextColumn('time_zone', 64, { nullable: true }) timeZone!: string | null;
  @InstantColumn('updated_at') updatedAt!: string;
}
