import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { IdColumn, TextColumn } from './columns.js';
import { InstitutionEntity } from './institution.entity.js';

@Entity('courses')
@Index('idx_courses_institution', ['institutionId'])
export class CourseEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @IdColumn('institution_id') institutionId!: string;
  @ManyToOne(() => InstitutionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'institution_id', foreignKeyConstraintName: 'fk_courses_institution' })
  institution?: InstitutionEntity;
  @TextColumn('title', 300) title!: string;
  @TextColumn('platform', 100) platform!: string;
  @TextColumn('discipline', 100) discipline!: string;
  @TextColumn('language', 20) language!: string;
}
