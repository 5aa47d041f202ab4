import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ScheduleRunStatus } from '#scheduling';
import { IdColumn, InstantColumn, IntColumn, TextColumn } from './columns.js';

/** One timetabling run: its scope, progress, and the draft plan (JSON) once it succeeds. */
@Entity('schedule_runs')
@Index('idx_schedule_runs_status', ['status'])
export class ScheduleRunEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  /** `{ termIds, pairingIds }` as JSON. */
  @Column({ name: 'scope', type: 'text' }) scope!: string;
  @IntColumn('seed') seed!: number;
  @TextColumn('status', 20) status!: ScheduleRunStatus;
  @IntColumn('progress_percent') progressPercent!: number;
  @Column({ name: 'cancel_requested', type: 'boolean' }) cancelRequested!: boolean;
  @Column({ name: 'error', type: 'text', nullable: true }) error!: string | null;
  /** The TermPlan as JSON; null until the run succeeds. */
  @Column({ name: 'plan', type: 'text', nullable: true }) plan!: string | null;
  @TextColumn('fingerprint', 64, { nullable: true }) fingerprint!: string | null;
  @Column({ name: 'published', type: 'text', nullable: true }) published!: string | null;
  @IdColumn('requested_by', { nullable: true }) requestedBy!: string | null;
  @InstantColumn('created_at') createdAt!: string;
  @InstantColumn('started_at', { nullable: true }) startedAt!: string | null;
  @InstantColumn('finished_at', { nullable: true }) finishedAt!: string | null;
  @InstantColumn('published_at', { nullable: true }) publishedAt!: string | null;
}
