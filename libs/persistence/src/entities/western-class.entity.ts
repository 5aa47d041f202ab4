import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CourseEntity } from './course.entity.js';
import { IdColumn, IntColumn, JsonColumn, TextColumn } from './columns.js';
import { InstitutionEntity } from './institution.entity.js';
import { InstructorEntity } from './instructor.entity.js';
import { TermEntity } from './term.entity.js';

@Entity('western_classes')
@Index('idx_western_classes_institution', ['institutionId'])
@Index('idx_western_classes_course', ['courseId'])
export class WesternClassEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @IdColumn('institution_id') institutionId!: string;
  @ManyToOne(() => InstitutionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'institution_id', foreignKeyConstraintName: 'fk_western_classes_institution' })
  institution?: InstitutionEntity;
  @IdColumn('course_id') courseId!: string;
  @ManyToOne(() => CourseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'fk_western_classes_course' })
  course?: CourseEntity;
  @IdColumn('term_id') termId!: string;
  @ManyToOne(() => TermEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'term_id', foreignKeyConstraintName: 'fk_western_classes_term' })
  term?: TermEntity;
  @IdColumn('host_teacher_id', { nullable: true }) hostTeacherId!: string | null;
  @ManyToOne(() => InstructorEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'host_teacher_id', foreignKeyConstraintName: 'fk_western_classes_host_teacher' })
  hostTeacher?: InstructorEntity | null;
  @TextColumn('name', 200) name!: string;
  @TextColumn('discipline', 100) discipline!: string;
  @IntColumn('students_enrolled') studentsEnrolled!: number;
  @IntColumn('sessions_per_week') sessionsPerWeek!: number;
  @IntColumn('duration_minutes') durationMinutes!: number;
  @JsonColumn('allowed_period_names') allowedPeriodNames!: string[];
}
