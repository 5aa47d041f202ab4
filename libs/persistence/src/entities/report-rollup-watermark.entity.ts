import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row (id 1): the highest activity `seq` whose counted lines are all in report_rollups, and how
 * many times lines above it were rewritten (an import's in-memory rollups are stale once it moves).
 */
@Entity('report_rollup_watermarks')
export class ReportRollupWatermarkEntity {
  @PrimaryColumn({ name: 'id', type: 'smallint', primaryKeyConstraintName: 'pk_report_rollup_watermarks' }) id!: number;
  @Column({ name: 'rolled_up_seq', type: 'bigint' }) rolledUpSeq!: string;
  @Column({ name: 'lines_revision', type: 'bigint', default: 0 }) linesRevision!: string;
}
