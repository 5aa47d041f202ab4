import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { IdColumn, InstantColumn, TextColumn } from './columns.js';
import { DeliveryEntity } from './delivery.entity.js';

/** The in-app inbox: one message per delivery sent through the `inbox` channel. */
@Entity('inbox_messages')
@Unique('uq_inbox_messages_delivery', ['deliveryId'])
@Index('idx_inbox_messages_recipient', ['recipientKind', 'recipientId', 'createdAt'])
export class InboxMessageEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @TextColumn('recipient_kind', 20) recipientKind!: string;
  @IdColumn('recipient_id') recipientId!: string;
  @IdColumn('delivery_id') deliveryId!: string;
  @ManyToOne(() => DeliveryEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delivery_id', foreignKeyConstraintName: 'fk_inbox_messages_delivery' })
  delivery?: DeliveryEntity;
  @TextColumn('subject', 300) subject!: string;
  @Column({ name: 'body', type: 'text' }) body!: string;
  @IdColumn('session_id') sessionId!: string;
  @InstantColumn('created_at') createdAt!: string;
  @InstantColumn('read_at', { nullable: true }) readAt!: string | null;
}
