import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IntColumn } from './columns.js';

const Small = (name: string) => Column({ name, type: 'smallint' });
const Key = (name: string, nullable = false) => IntColumn(name, { nullable });

/**
 * One credit line of an activity: one campus (western class) x one instructor, with every
 * reporting dimension copied in as a compact key (ledger_keys) and the local months precomputed
 * (Beijing time and UTC). Reports that the rollups cannot answer read these lines.
 */
@Entity('teaching_activity_lines', { withoutRowid: true })
@Index('idx_teaching_activity_lines_starts', ['startsMinute'])
// Month first, so lines appended in time order land at the indexes' end (see LineIndexesByMonth).
@Index('idx_teaching_activity_lines_month_instructor', ['monthCn', 'instructorKey', 'startsMinute'])
@Index('idx_teaching_activity_lines_month_western', ['monthCn', 'westernInstitutionKey', 'startsMinute'])
export class TeachingActivityLineEntity {
  @PrimaryColumn({ name: 'activity_seq', type: 'bigint', primaryKeyConstraintName: 'pk_teaching_activity_lines' }) activitySeq!: string;
  @PrimaryColumn({ name: 'line', type: 'smallint', primaryKeyConstraintName: 'pk_teaching_activity_lines' }) line!: number;
  /** 1 while the activity counts; 0 once it is marked not held. */
  @Small('counted') counted!: number;
  /** Minutes since 1970-01-01T00:00Z. */
  @IntColumn('starts_minute') startsMinute!: number;
  /** yyyymm on Beijing time and on UTC. */
  @IntColumn('month_cn') monthCn!: number;
  @IntColumn('month_utc') monthUtc!: number;
  @Small('campus_index') campusIndex!: number;
  @Small('instructor_index') instructorIndex!: number;
  @Key('region_key') regionKey!: number;
  @Key('province_key') provinceKey!: number;
  @Key('western_institution_key') westernInstitutionKey!: number;
  @Key('western_class_key', true) westernClassKey!: number | null;
  @Key('host_teacher_key', true) hostTeacherKey!: number | null;
  @Key('eastern_institution_key') easternInstitutionKey!: number;
  @Key('instructor_key') instructorKey!: number;
  @Key('discipline_key') disciplineKey!: number;
  @Key('course_key', true) courseKey!: number | null;
  @IntColumn('students_enrolled') studentsEnrolled!: number;
  @IntColumn('students_present') studentsPresent!: number;
  @IntColumn('share_bp') shareBp!: number;
  @IntColumn('activity_units') activityUnits!: number;
  @IntColumn('period_units') periodUnits!: number;
  @IntColumn('participation_units') participationUnits!: number;
}
