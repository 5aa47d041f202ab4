import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { IdColumn, InstantColumn, IntColumn, TextColumn } from './columns.js';

/**
 * One teaching activity: the ledger's header row. Its participants and credit are its lines
 * (teaching_activity_lines). `seq` is the compact key the lines and rollups use.
 */
@Entity('teaching_activities')
@Unique('uq_teaching_activities_seq', ['seq'])
// Partial: imported history has no session, and its rows stay out of the index.
@Index('uq_teaching_activities_session', ['jointSessionId'], { unique: true, where: 'joint_session_id IS NOT NULL' })
@Unique('uq_teaching_activities_external', ['externalId'])
@Index('idx_teaching_activities_starts_at', ['startsAt'])
export class TeachingActivityEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'seq', type: 'bigint' }) seq!: string;
  @IdColumn('joint_session_id', { nullable: true }) jointSessionId!: string | null;
  @TextColumn('external_id', 100, { nullable: true }) externalId!: string | null;
  /** The lead instructor. */
  @IdColumn('instructor_id') instructorId!: string;
  @TextColumn('status', 20) status!: string;
  @InstantColumn('starts_at') startsAt!: string;
  @IntColumn('duration_minutes') durationMinutes!: number;
  @IntColumn('teaching_periods') teachingPeriods!: number;
  @TextColumn('discipline', 100) discipline!: string;
  @IdColumn('course_id', { nullable: true }) courseId!: string | null;
  @IdColumn('term_id', { nullable: true }) termId!: string | null;
  @IntColumn('students_present') studentsPresent!: number;
  @InstantColumn('attendance_confirmed_at', { nullable: true }) attendanceConfirmedAt!: string | null;
  @TextColumn('not_held_reason', 500, { nullable: true }) notHeldReason!: string | null;
  @IdColumn('make_up_session_id', { nullable: true }) makeUpSessionId!: string | null;
  @InstantColumn('recorded_at') recordedAt!: string;
}
