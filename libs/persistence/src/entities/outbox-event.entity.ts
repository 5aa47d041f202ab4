import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { InstantColumn, TextColumn } from './columns.js';

/** Jobs implied by a committed change, written in the same transaction and relayed to the queue later. */
@Entity('outbox_events')
@Index('idx_outbox_events_pending', ['relayedAt', 'createdAt'])
export class OutboxEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @TextColumn('kind', 40) kind!: string;
  @Column({ name: 'payload', type: 'text' }) payload!: string;
  @InstantColumn('created_at') createdAt!: string;
  @InstantColumn('relayed_at', { nullable: true }) relayedAt!: string | null;
}
