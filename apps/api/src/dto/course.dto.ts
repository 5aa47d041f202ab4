import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import type { PairingStatus } from '#scheduling';
import { PageQuery } from '../http/paging.dto.js';

export class CreateCourseDto {
  @ApiProperty({ example: '数据结构 Data Structures' }) @IsString() @Length(1, 300) title!: string;
  @ApiProperty({ example: 'icourse163' }) @IsString() @Length(1, 100) platform!: string;
  @ApiProperty({ example: 'computer-science' }) @IsString() @Length(1, 100) discipline!: string;
  @ApiProperty({ example: 'zh' }) @IsString() @Length(2, 20) language!: string;
  @ApiProperty({ description: 'The eastern institution that owns the MOOC' }) @IsUUID() institutionId!: string;
}
export class UpdateCourseDto extends PartialType(CreateCourseDto) {}
export class CourseQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() institutionId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() discipline?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() search?: string;
}

export class CreateWesternClassDto {
  @ApiProperty({ example: '计算机2025级1班' }) @IsString() @Length(1, 200) name!: string;
  @ApiProperty() @IsUUID() institutionId!: string;
  @ApiProperty() @IsUUID() courseId!: string;
  @ApiProperty() @IsUUID() termId!: string;
  @ApiPropertyOptional({ description: "Defaults to the course's discipline" })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  discipline?: string;
  @ApiProperty({ example: 45 }) @IsInt() @Min(1) @Max(2000) studentsEnrolled!: number;
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) @Max(10) sessionsPerWeek!: number;
  @ApiProperty({ example: 95 }) @IsInt() @Min(15) @Max(480) durationMinutes!: number;
  @ApiProperty({ example: ['第3-4节'] }) @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) allowedPeriodNames!: string[];
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsUUID() hostTeacherId?: string | null;
}
export class UpdateWesternClassDto extends PartialType(CreateWesternClassDto) {}
export class WesternClassQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() institutionId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() courseId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() termId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() hostTeacherId?: string;
}

const pairingStatuses = ['proposed', 'confirmed', 'ended'];
export class CreatePairingDto {
  @ApiProperty() @IsUUID() instructorId!: string;
  @ApiProperty() @IsUUID() courseId!: string;
  @ApiProperty() @IsUUID() termId!: string;
  @ApiProperty({ description: 'Western classes of the same course joined by one live lesson' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  westernClassIds!: string[];
  @ApiPropertyOptional({ enum: pairingStatuses, default: 'proposed' }) @IsOptional() @IsIn(pairingStatuses) status?: PairingStatus;
}
export class UpdatePairingDto extends PartialType(CreatePairingDto) {}
export class PairingQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() instructorId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() courseId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() termId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() westernClassId?: string;
  @ApiPropertyOptional({ enum: pairingStatuses }) @IsOptional() @IsIn(pairingStatuses) status?: PairingStatus;
}
