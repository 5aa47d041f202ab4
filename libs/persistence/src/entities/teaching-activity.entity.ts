import { Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { IdColumn, InstantColumn, IntColumn } from './columns.js';

/** One delivered joint session, counted once for the program (the ledger; later issues extend it). */
@Entity('teaching_activities')
@Unique('uq_teaching_activities_session', ['jointSessionId'])
@Index('idx_teaching_activities_starts_at', ['startsAt'])
export class TeachingActivityEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @IdColumn('joint_session_id', { nullable: true }) jointSessionId!: string | null;
  @IdColumn('instructor_id') instructorId!: string;
  @InstantColumn('starts_at') startsAt!: string;
  @IntColumn('duration_minutes') durationMinutes!: number;
  @InstantColumn('recorded_at') recordedAt!: string;
}
