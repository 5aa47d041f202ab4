import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateNested } from 'class-validator';
import type { TeacherRole, Weekday } from '#scheduling';
import { PageQuery } from '../http/paging.dto.js';
import { IsLocalDate, IsLocalTime, IsTimeZone } from '../http/validators.js';

export class WeeklyWindowDto {
  @ApiProperty({ minimum: 1, maximum: 7, description: 'ISO weekday, 1 = Monday' }) @IsInt() @Min(1) @Max(7) weekday!: Weekday;
  @ApiProperty({ example: '08:00' }) @IsLocalTime() localStart!: string;
  @ApiProperty({ example: '12:00' }) @IsLocalTime() localEnd!: string;
}

export class CreateInstructorDto {
  @ApiProperty({ example: 'Li Wei 李伟' }) @IsString() @Length(1, 200) name!: string;
  @ApiProperty() @IsUUID() institutionId!: string;
  @ApiPropertyOptional({ enum: ['instructor', 'host'], default: 'instructor' })
  @IsOptional()
  @IsIn(['instructor', 'host'])
  role?: TeacherRole;
  @ApiProperty({ example: ['computer-science'] }) @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) disciplines!: string[];
  @ApiProperty({ example: ['zh', 'en'] }) @IsArray() @ArrayMaxSize(10) @IsString({ each: true }) languages!: string[];
  @ApiPropertyOptional({ example: 'Asia/Shanghai', description: "Defaults to the institution's zone" })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;
  @ApiPropertyOptional({ type: [WeeklyWindowDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => WeeklyWindowDto)
  availability?: WeeklyWindowDto[];
  @ApiPropertyOptional({ example: ['2026-11-11'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(400)
  @IsLocalDate({ each: true })
  unavailableLocalDates?: string[];
  @ApiPropertyOptional({ default: 2 }) @IsOptional() @IsInt() @Min(1) @Max(12) maxSessionsPerDay?: number;
  @ApiPropertyOptional({ default: 8 }) @IsOptional() @IsInt() @Min(1) @Max(60) maxSessionsPerWeek?: number;
  @ApiPropertyOptional({ default: 120 }) @IsOptional() @IsInt() @Min(1) @Max(1000) maxSessionsPerTerm?: number;
}

export class UpdateInstructorDto extends PartialType(CreateInstructorDto) {}

export class InstructorQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() institutionId?: string;
  @ApiPropertyOptional({ enum: ['instructor', 'host'] }) @IsOptional() @IsIn(['instructor', 'host']) role?: TeacherRole;
  @ApiPropertyOptional() @IsOptional() @IsString() discipline?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() search?: string;
}
