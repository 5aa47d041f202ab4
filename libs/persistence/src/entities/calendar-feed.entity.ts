import { Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import type { CalendarFeedOwnerKind } from '#scheduling';
import { IdColumn, InstantColumn, TextColumn } from './columns.js';

/**
 * Secret calendar feed URLs, stored as the SHA-256 of their token. The owner is an instructor, an
 * institution or a western class (`owner_kind`), so `owner_id` has no foreign key.
 */
@Entity('calendar_feeds')
@Unique('uq_calendar_feeds_token_hash', ['tokenHash'])
@Index('idx_calendar_feeds_owner', ['ownerKind', 'ownerId'])
export class CalendarFeedEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @TextColumn('owner_kind', 20) ownerKind!: CalendarFeedOwnerKind;
  @IdColumn('owner_id') ownerId!: string;
  @TextColumn('token_hash', 64) tokenHash!: string;
  @InstantColumn('created_at') createdAt!: string;
  @InstantColumn('revoked_at', { nullable: true }) revokedAt!: string | null;
}
