import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { IdColumn, InstantColumn, TextColumn } from './columns.js';
import { UserEntity } from './user.entity.js';

/** Refresh tokens, stored hashed, grouped in families so reuse of a rotated one revokes them all. */
@Entity('refresh_tokens')
@Unique('uq_refresh_tokens_hash', ['tokenHash'])
@Index('idx_refresh_tokens_family', ['familyId'])
@Index('idx_refresh_tokens_user', ['userId'])
export class RefreshTokenEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @IdColumn('user_id') userId!: string;
  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_refresh_tokens_user' })
  user?: UserEntity;
  @IdColumn('family_id') familyId!: string;
  @TextColumn('token_hash', 64) tokenHash!: string;
  @InstantColumn('expires_at') expiresAt!: string;
  @InstantColumn('created_at') createdAt!: string;
  @InstantColumn('replaced_at', { nullable: true }) replacedAt!: string | null;
  @InstantColumn('revoked_at', { nullable: true }) revokedAt!: string | null;
}
