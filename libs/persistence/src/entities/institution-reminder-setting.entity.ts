import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { InstantColumn, TextColumn } from './columns.js';
import { InstitutionEntity } from './institution.entity.js';

/** An institution's default reminder offsets and quiet hours for its people. */
@Entity('institution_reminder_settings')
export class InstitutionReminderSettingEntity {
  @PrimaryColumn({ name: 'institution_id', type: 'varchar', length: 36 }) institutionId!: string;
  @OneToOne(() => InstitutionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'institution_id', foreignKeyConstraintName: 'fk_institution_reminder_settings_institution' })
  institution?: InstitutionEntity;
  @Column({ name: 'offsets_minutes', type: 'text', nullable: true }) offsetsMinutes!: string | null;
  @TextColumn('quiet_start', 5, { nullable: true }) quietStart!: string | null;
  @TextColumn('quiet_end', 5, { nullable: true }) quietEnd!: string | null;
  @InstantColumn('updated_at') updatedAt!: string;
}
