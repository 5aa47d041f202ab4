import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsUrl, IsUUID, Max, Min } from 'class-validator';
import type { JointSessionStatus } from '#scheduling';
import { PageQuery } from '../http/paging.dto.js';
import { IsTimeZone, IsUtcInstant } from '../http/validators.js';

export class CreateJointSessionDto {
  @ApiProperty() @IsUUID() pairingId!: string;
  @ApiProperty({ example: '2026-09-28T04:00:00Z', description: 'Start instant with an offset; stored in UTC' })
  @IsUtcInstant()
  startsAt!: string;
  @ApiProperty({ example: 95 }) @IsInt() @Min(15) @Max(480) durationMinutes!: number;
  @ApiPropertyOptional({ description: "Defaults to all of the pairing's classes" })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  westernClassIds?: string[];
  @ApiPropertyOptional({ example: 'https://meeting.tencent.com/dm/abc' })
  @IsOptional()
  @IsUrl({ require_protocol: true })
  meetingUrl?: string;
}

export class MoveJointSessionDto {
  @ApiPropertyOptional({ example: '2026-09-29T04:00:00Z' }) @IsOptional() @IsUtcInstant() startsAt?: string;
  @ApiPropertyOptional({ example: 95 }) @IsOptional() @IsInt() @Min(15) @Max(480) durationMinutes?: number;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsUrl({ require_protocol: true }) meetingUrl?: string;
}

const statuses = ['scheduled', 'cancelled', 'completed'];
export class JointSessionQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() pairingId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() instructorId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() westernClassId?: string;
  @ApiPropertyOptional({ enum: statuses }) @IsOptional() @IsIn(statuses) status?: JointSessionStatus;
  @ApiPropertyOptional({ description: 'Sessions ending after this instant' }) @IsOptional() @IsUtcInstant() from?: string;
  @ApiPropertyOptional({ description: 'Sessions starting before this instant' }) @IsOptional() @IsUtcInstant() to?: string;
  @ApiPropertyOptional({ description: 'Also show every instant in this zone' }) @IsOptional() @IsTimeZone() viewTimeZone?: string;
}
