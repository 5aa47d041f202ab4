import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { IdColumn, TextColumn } from './columns.js';
import { InstitutionEntity } from './institution.entity.js';

@Entity('terms')
@Index('idx_terms_institution', ['institutionId'])
export class TermEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @IdColumn('institution_id') institutionId!: string;
  @ManyToOne(() => InstitutionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'institution_id', foreignKeyConstraintName: 'fk_terms_institution' })
  institution?: InstitutionEntity;
  @TextColumn('name', 100) name!: string;
  @TextColumn('start_local_date', 10) startLocalDate!: string;
  @TextColumn('end_local_date', 10) endLocalDate!: string;
}
