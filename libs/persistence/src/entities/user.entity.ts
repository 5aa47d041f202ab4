import { Entity, PrimaryColumn, Unique } from 'typeorm';
import { IdColumn, InstantColumn, TextColumn } from './columns.js';

@Entity('users')
@Unique('uq_users_email', ['email'])
export class UserEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @TextColumn('email', 254) email!: string;
  @TextColumn('display_name', 200) displayName!: string;
  @TextColumn('role', 40) role!: string;
  @IdColumn('institution_id', { nullable: true }) institutionId!: string | null;
  @IdColumn('instructor_id', { nullable: true }) instructorId!: string | null;
  @TextColumn('locale', 10) locale!: string;
  @TextColumn('password_hash', 300, { nullable: true }) passwordHash!: string | null;
  @InstantColumn('created_at') createdAt!: string;
}
