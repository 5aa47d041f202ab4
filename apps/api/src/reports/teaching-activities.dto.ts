import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import type { TeachingActivityStatus } from '#scheduling';
import { PageQuery } from '../http/paging.dto.js';
import { IsUtcInstant } from '../http/validators.js';

export class TeachingActivityQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['counted', 'not_held'] }) @IsOptional() @IsIn(['counted', 'not_held']) status?: TeachingActivityStatus;
  @ApiPropertyOptional() @IsOptional() @IsUUID() instructorId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() westernInstitutionId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() jointSessionId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() externalId?: string;
  @ApiPropertyOptional({ description: 'Activities starting at or after this instant' }) @IsOptional() @IsUtcInstant() from?: string;
  @ApiPropertyOptional({ description: 'Activities starting before this instant' }) @IsOptional() @IsUtcInstant() to?: string;
}

export class CampusAttendanceDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() westernClassId?: string;
  @ApiPropertyOptional({ description: 'For a campus recorded without a class' }) @IsOptional() @IsUUID() westernInstitutionId?: string;
  @ApiProperty({ example: 38 }) @IsInt() @Min(0) @Max(100_000) studentsPresent!: number;
}

export class InstructorShareDto {
  @ApiProperty() @IsUUID() instructorId!: string;
  @ApiProperty({ example: 60 }) @IsInt() @Min(1) @Max(100) sharePercent!: number;
}

export class ConfirmTeachingActivityDto {
  @ApiProperty({ type: [CampusAttendanceDto], description: 'Students present on each campus' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CampusAttendanceDto)
  attendance!: CampusAttendanceDto[];

  @ApiPropertyOptional({ type: [InstructorShareDto], description: 'Co-teaching credit; shares add up to 100' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => InstructorShareDto)
  instructors?: InstructorShareDto[];
}

export class MarkNotHeldDto {
  @ApiPropertyOptional({ example: 'Network outage on campus' }) @IsOptional() @IsString() @Length(1, 500) reason?: string;
  @ApiPropertyOptional({ description: 'The make-up session that replaces it' }) @IsOptional() @IsUUID() makeUpSessionId?: string;
}
