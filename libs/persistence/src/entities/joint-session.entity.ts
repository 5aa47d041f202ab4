import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { JointSessionStatus } from '#scheduling';
import { IdColumn, InstantColumn, IntColumn, TextColumn } from './columns.js';
import { PairingEntity } from './pairing.entity.js';
import { WesternClassEntity } from './western-class.entity.js';

@Entity('joint_sessions')
@Index('idx_joint_sessions_pairing', ['pairingId'])
@Index('idx_joint_sessions_starts_at', ['startsAt'])
export class JointSessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @IdColumn('pairing_id') pairingId!: string;
  @ManyToOne(() => PairingEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'pairing_id', foreignKeyConstraintName: 'fk_joint_sessions_pairing' })
  pairing?: PairingEntity;
  /** Denormalised from the pairing so double-booking checks are one indexed range query. */
  @IdColumn('instructor_id') instructorId!: string;
  @InstantColumn('starts_at') startsAt!: string;
  @InstantColumn('ends_at') endsAt!: string;
  @TextColumn('anchor_time_zone', 64) anchorTimeZone!: string;
  @TextColumn('status', 20) status!: JointSessionStatus;
  @IntColumn('version') version!: number;
  @TextColumn('meeting_url', 500, { nullable: true }) meetingUrl!: string | null;
  @InstantColumn('created_at') createdAt!: string;
  @InstantColumn('updated_at') updatedAt!: string;
}

@Entity('joint_session_classes')
@Index('idx_joint_session_classes_class', ['westernClassId'])
export class JointSessionClassEntity {
  @PrimaryColumn({ name: 'joint_session_id', type: 'varchar', length: 36, primaryKeyConstraintName: 'pk_joint_session_classes' })
  jointSessionId!: string;
  @ManyToOne(() => JointSessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'joint_session_id', foreignKeyConstraintName: 'fk_joint_session_classes_session' })
  jointSession?: JointSessionEntity;
  @PrimaryColumn({ name: 'western_class_id', type: 'varchar', length: 36, primaryKeyConstraintName: 'pk_joint_session_classes' })
  westernClassId!: string;
  @ManyToOne(() => WesternClassEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'western_class_id', foreignKeyConstraintName: 'fk_joint_session_classes_class' })
  westernClass?: WesternClassEntity;
}
