import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { IdColumn, InstantColumn, IntColumn, TextColumn } from './columns.js';

/**
 * One message to one person. `delivery_key` is unique: the last guard against sending a reminder
 * twice when the queue delivers its job more than once.
 */
@Entity('deliveries')
@Unique('uq_deliveries_key', ['deliveryKey'])
// Only the dead letters are found by status (see the migration DeadDeliveriesIndex).
@Index('idx_deliveries_dead', ['updatedAt'], { where: "status = 'dead'" })
export class DeliveryEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @TextColumn('delivery_key', 120) deliveryKey!: string;
  @TextColumn('kind', 20) kind!: string;
  @IdColumn('session_id') sessionId!: string;
  @IntColumn('session_version') sessionVersion!: number;
  @TextColumn('recipient_kind', 20) recipientKind!: string;
  @IdColumn('recipient_id') recipientId!: string;
  @IntColumn('offset_minutes', { nullable: true }) offsetMinutes!: number | null;
  @IdColumn('changed_session_id', { nullable: true }) changedSessionId!: string | null;
  @TextColumn('status', 20) status!: string;
  @TextColumn('channel', 20, { nullable: true }) channel!: string | null;
  @IntColumn('attempts') attempts!: number;
  @InstantColumn('lease_until', { nullable: true }) leaseUntil!: string | null;
  @TextColumn('last_error', 1000, { nullable: true }) lastError!: string | null;
  @TextColumn('subject', 300, { nullable: true }) subject!: string | null;
  @InstantColumn('sent_at', { nullable: true }) sentAt!: string | null;
  @InstantColumn('created_at') createdAt!: string;
  @InstantColumn('updated_at') updatedAt!: string;
}

/** Every attempt to deliver, with its outcome. */
@Entity('delivery_attempts')
@Index('idx_delivery_attempts_delivery', ['deliveryId'])
export class DeliveryAttemptEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @IdColumn('delivery_id') deliveryId!: string;
  @ManyToOne(() => DeliveryEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delivery_id', foreignKeyConstraintName: 'fk_delivery_attempts_delivery' })
  delivery?: DeliveryEntity;
  @TextColumn('channel', 20, { nullable: true }) channel!: string | null;
  @TextColumn('outcome', 20) outcome!: string;
  @TextColumn('error', 1000, { nullable: true }) error!: string | null;
  @InstantColumn('at') at!: string;
}
