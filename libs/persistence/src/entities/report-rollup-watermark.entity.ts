import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row (id 1): the highest activity `seq` whose counted lines are all in report_rollups. */
@Entity('report_rollup_watermarks')
export class ReportRollupWatermarkEntity {
  @PrimaryColumn({ name: 'id', type: 'smallint', primaryKeyConstraintName: 'pk_report_rollup_watermarks' }) id!: number;
  @Column({ name: 'rolled_up_seq', type: 'bigint' }) rolledUpSeq!: string;
}
