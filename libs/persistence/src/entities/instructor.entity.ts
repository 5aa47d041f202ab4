import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { TeacherRole, WeeklyWindow } from '#scheduling';
import { IdColumn, InstantColumn, IntColumn, JsonColumn, TextColumn } from './columns.js';
import { InstitutionEntity } from './institution.entity.js';

@Entity('instructors')
@Index('idx_instructors_institution', ['institutionId'])
export class InstructorEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @IdColumn('institution_id') institutionId!: string;
  @ManyToOne(() => InstitutionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'institution_id', foreignKeyConstraintName: 'fk_instructors_institution' })
  institution?: InstitutionEntity;
  @TextColumn('name', 200) name!: string;
  @TextColumn('role', 20) role!: TeacherRole;
  @JsonColumn('disciplines') disciplines!: string[];
  @JsonColumn('languages') languages!: string[];
  @TextColumn('time_zone', 64) timeZone!: string;
  @JsonColumn('availability') availability!: WeeklyWindow[];
  @JsonColumn('unavailable_local_dates') unavailableLocalDates!: string[];
  @IntColumn('max_sessions_per_day') maxSessionsPerDay!: number;
  @IntColumn('max_sessions_per_week') maxSessionsPerWeek!: number;
  @IntColumn('max_sessions_per_term') maxSessionsPerTerm!: number;
  @InstantColumn('created_at') createdAt!: string;
  @InstantColumn('updated_at') updatedAt!: string;
}
