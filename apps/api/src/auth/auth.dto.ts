import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { ROLES, type AuditedEntity, type Role } from '#scheduling';
import { PageQuery } from '../http/paging.dto.js';

export class LoginDto {
  @ApiProperty({ example: 'admin@demo.local' }) @IsString() @Length(1, 254) email!: string;
  @ApiProperty({ example: 'demo-admin-password' }) @IsString() @Length(1, 200) password!: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'The refresh token from the last sign-in or refresh; it is replaced by a new one' })
  @IsString()
  @Length(1, 200)
  refreshToken!: string;
}

export class LogoutDto {
  @ApiPropertyOptional({ description: 'Also end the sign-in this refresh token belongs to' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  refreshToken?: string;
}

export class ChangePasswordDto {
  @ApiProperty() @IsString() @Length(1, 200) currentPassword!: string;
  @ApiProperty({ minLength: 12 }) @IsString() @MaxLength(200) newPassword!: string;
}

export class CreateApiTokenDto {
  @ApiProperty({ example: 'Provincial reporting sync' }) @IsString() @Length(1, 100) name!: string;
}

export class CreateUserDto {
  @ApiProperty({ example: 'coordinator.kashgar@example.edu.cn' }) @IsEmail() @MaxLength(254) email!: string;
  @ApiProperty({ example: '热依拉·阿不都拉' }) @IsString() @Length(1, 200) displayName!: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role!: Role;
  @ApiPropertyOptional({ description: 'Required for an institution coordinator', nullable: true })
  @IsOptional()
  @IsUUID()
  institutionId?: string | null;
  @ApiPropertyOptional({ description: 'Required for a teacher: the instructor or host teacher the account acts as', nullable: true })
  @IsOptional()
  @IsUUID()
  instructorId?: string | null;
  @ApiPropertyOptional({ enum: ['zh-CN', 'en'], default: 'zh-CN' }) @IsOptional() @IsIn(['zh-CN', 'en']) locale?: string;
  @ApiProperty({ minLength: 12 }) @IsString() @MaxLength(200) password!: string;
}

export class UpdateUserDto extends PartialType(CreateUserDto) {}

export class UserQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional() @IsOptional() @IsUUID() institutionId?: string;
  @ApiPropertyOptional({ description: 'Part of the email or name' }) @IsOptional() @IsString() @MaxLength(100) search?: string;
}

const AUDITED: AuditedEntity[] = ['institution', 'pairing', 'joint_session'];

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ enum: AUDITED }) @IsOptional() @IsIn(AUDITED) entityType?: AuditedEntity;
  @ApiPropertyOptional() @IsOptional() @IsUUID() entityId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() actorId?: string;
}

export class UpdateMeDto {
  @ApiPropertyOptional({ example: '翁立新' }) @IsOptional() @IsString() @Length(1, 200) displayName?: string;
  @ApiPropertyOptional({ enum: ['zh-CN', 'en'], description: 'Language of the web app and of reminders' })
  @IsOptional()
  @IsIn(['zh-CN', 'en'])
  locale?: 'zh-CN' | 'en';
}
