import { Column, Entity, PrimaryColumn } from 'typeorm';
import { IntColumn } from './columns.js';

const Key = (name: string, type: 'smallint' | 'integer') => PrimaryColumn({ name, type, primaryKeyConstraintName: 'pk_report_rollups' });

/**
 * One rollup cell: the credited sums of one grain (a set of dimensions, `k1`..`k4`) for one period
 * (`level` month/term/year/all time, on Beijing time or UTC) and the entities present in it, each a
 * multiset (entity key -> lines) so that distinct counts of any union of cells stay exact.
 */
@Entity('report_rollups', { withoutRowid: true })
export class ReportRollupEntity {
  @Key('zone', 'smallint') zone!: number;
  @Key('grain', 'smallint') grain!: number;
  @Key('level', 'smallint') level!: number;
  @Key('period', 'integer') period!: number;
  @Key('k1', 'integer') k1!: number;
  @Key('k2', 'integer') k2!: number;
  @Key('k3', 'integer') k3!: number;
  @Key('k4', 'integer') k4!: number;
  @Column({ name: 'activity_units', type: 'bigint' }) activityUnits!: string;
  @Column({ name: 'period_units', type: 'bigint' }) periodUnits!: string;
  @Column({ name: 'participation_units', type: 'bigint' }) participationUnits!: string;
  @IntColumn('lines') lines!: number;
  /** Base64 multisets, see rollups/multiset.ts. */
  @Column({ name: 'instructors', type: 'text' }) instructors!: string;
  @Column({ name: 'western_teachers', type: 'text' }) westernTeachers!: string;
  @Column({ name: 'courses', type: 'text' }) courses!: string;
  @Column({ name: 'western_universities', type: 'text' }) westernUniversities!: string;
}
