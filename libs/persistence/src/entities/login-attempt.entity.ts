import { Entity, Index, PrimaryColumn } from 'typeorm';
import { InstantColumn, TextColumn } from './columns.js';

/** Recent sign-in attempts, for the per-account and per-address limits; pruned after a day. */
@Entity('login_attempts')
@Index('idx_login_attempts_account', ['accountKey', 'attemptedAt'])
@Index('idx_login_attempts_address', ['address', 'attemptedAt'])
export class LoginAttemptEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @TextColumn('account_key', 64) accountKey!: string;
  @TextColumn('address', 64) address!: string;
  @TextColumn('outcome', 10) outcome!: 'success' | 'failure';
  @InstantColumn('attempted_at') attemptedAt!: string;
}
