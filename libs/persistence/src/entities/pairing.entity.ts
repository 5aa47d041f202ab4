import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { PairingStatus } from '#scheduling';
import { CourseEntity } from './course.entity.js';
import { IdColumn, InstantColumn, TextColumn } from './columns.js';
import { InstructorEntity } from './instructor.entity.js';
import { TermEntity } from './term.entity.js';
import { WesternClassEntity } from './western-class.entity.js';

@Entity('pairings')
@Index('idx_pairings_instructor', ['instructorId'])
export class PairingEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @IdColumn('instructor_id') instructorId!: string;
  @ManyToOne(() => InstructorEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'instructor_id', foreignKeyConstraintName: 'fk_pairings_instructor' })
  instructor?: InstructorEntity;
  @IdColumn('course_id') courseId!: string;
  @ManyToOne(() => CourseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'fk_pairings_course' })
  course?: CourseEntity;
  @IdColumn('term_id') termId!: string;
  @ManyToOne(() => TermEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'term_id', foreignKeyConstraintName: 'fk_pairings_term' })
  term?: TermEntity;
  @TextColumn('status', 20) status!: PairingStatus;
  @InstantColumn('created_at') createdAt!: string;
  @InstantColumn('updated_at') updatedAt!: string;
}

/** Which western classes a pairing serves (one live lesson, many campuses). */
@Entity('pairing_classes')
@Index('idx_pairing_classes_class', ['westernClassId'])
export class PairingClassEntity {
  @PrimaryColumn({ name: 'pairing_id', type: 'varchar', length: 36, primaryKeyConstraintName: 'pk_pairing_classes' })
  pairingId!: string;
  @ManyToOne(() => PairingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pairing_id', foreignKeyConstraintName: 'fk_pairing_classes_pairing' })
  pairing?: PairingEntity;
  @PrimaryColumn({ name: 'western_class_id', type: 'varchar', length: 36, primaryKeyConstraintName: 'pk_pairing_classes' })
  westernClassId!: string;
  @ManyToOne(() => WesternClassEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'western_class_id', foreignKeyConstraintName: 'fk_pairing_classes_class' })
  westernClass?: WesternClassEntity;
}
