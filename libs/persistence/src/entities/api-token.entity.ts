import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { IdColumn, InstantColumn, TextColumn } from './columns.js';
import { UserEntity } from './user.entity.js';

/** Integration tokens, stored hashed; the token itself is shown once. */
@Entity('api_tokens')
@Unique('uq_api_tokens_hash', ['tokenHash'])
@Index('idx_api_tokens_user', ['userId'])
export class ApiTokenEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @IdColumn('user_id') userId!: string;
  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_api_tokens_user' })
  user?: UserEntity;
  @TextColumn('name', 100) name!: string;
  @TextColumn('token_hash', 64) tokenHash!: string;
  @TextColumn('prefix', 16) prefix!: string;
  @InstantColumn('created_at') createdAt!: string;
  @InstantColumn('last_used_at', { nullable: true }) lastUsedAt!: string | null;
  @InstantColumn('revoked_at', { nullable: true }) revokedAt!: string | null;
}
