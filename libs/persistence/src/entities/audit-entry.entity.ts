import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, InstantColumn, TextColumn } from './columns.js';

/** Who changed an institution, pairing or joint session, when, and the record before and after. */
@Entity('audit_entries')
@Index('idx_audit_entries_entity', ['entityType', 'entityId'])
@Index('idx_audit_entries_at', ['at'])
export class AuditEntryEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @InstantColumn('at') at!: string;
  @IdColumn('actor_id', { nullable: true }) actorId!: string | null;
  @TextColumn('actor_role', 40) actorRole!: string;
  @TextColumn('entity_type', 40) entityType!: string;
  @IdColumn('entity_id') entityId!: string;
  @TextColumn('action', 10) action!: string;
  @Column({ name: 'before', type: 'simple-json', nullable: true }) before!: unknown;
  @Column({ name: 'after', type: 'simple-json', nullable: true }) after!: unknown;
}
