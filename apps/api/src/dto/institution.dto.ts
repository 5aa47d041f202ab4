import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateNested } from 'class-validator';
import type { Region, Weekday } from '#scheduling';
import { PageQuery } from '../http/paging.dto.js';
import { IsLocalDate, IsLocalTime, IsTimeZone } from '../http/validators.js';

export class ClassPeriodDto {
  @ApiProperty({ example: '第1-2节' }) @IsString() @Length(1, 50) name!: string;
  @ApiProperty({ minimum: 1, maximum: 7, description: 'ISO weekday, 1 = Monday' }) @IsInt() @Min(1) @Max(7) weekday!: Weekday;
  @ApiProperty({ example: '08:00' }) @IsLocalTime() localStart!: string;
  @ApiProperty({ example: '09:35' }) @IsLocalTime() localEnd!: string;
}

export class CalendarExceptionDto {
  @ApiProperty({ example: '2026-09-27' }) @IsLocalDate() localDate!: string;
  @ApiProperty({ enum: ['holiday', 'makeup'] }) @IsIn(['holiday', 'makeup']) kind!: 'holiday' | 'makeup';
  @ApiPropertyOptional({ minimum: 1, maximum: 7, description: 'For a make-up day: the weekday whose timetable runs' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(7)
  runsWeekday?: Weekday;
  @ApiProperty({ example: '国庆节调休' }) @IsString() @Length(1, 100) name!: string;
}

export class CreateInstitutionDto {
  @ApiProperty({ example: '喀什大学' }) @IsString() @Length(1, 200) nameZh!: string;
  @ApiProperty({ example: 'Kashgar University' }) @IsString() @Length(1, 200) nameEn!: string;
  @ApiProperty({ enum: ['east', 'west', 'international'] }) @IsIn(['east', 'west', 'international']) region!: Region;
  @ApiProperty({ example: 'Xinjiang', description: 'Province, or country for partners abroad' })
  @IsString()
  @Length(1, 100)
  province!: string;
  @ApiProperty({ example: 'Asia/Urumqi', description: 'IANA zone of every wall-clock rule of this institution' })
  @IsTimeZone()
  timeZone!: string;
  @ApiPropertyOptional({ type: String, example: 'Asia/Shanghai', nullable: true, description: 'A second clock shown beside the first' })
  @IsOptional()
  @IsTimeZone()
  secondaryTimeZone?: string | null;
  @ApiPropertyOptional({ type: [ClassPeriodDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ClassPeriodDto)
  classPeriods?: ClassPeriodDto[];
  @ApiPropertyOptional({ type: [CalendarExceptionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(400)
  @ValidateNested({ each: true })
  @Type(() => CalendarExceptionDto)
  calendarExceptions?: CalendarExceptionDto[];
}

export class UpdateInstitutionDto extends PartialType(CreateInstitutionDto) {}

export class InstitutionQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['east', 'west', 'international'] }) @IsOptional() @IsIn(['east', 'west', 'international']) region?: Region;
  @ApiPropertyOptional() @IsOptional() @IsString() province?: string;
  @ApiPropertyOptional({ description: 'Part of the Chinese or English name' }) @IsOptional() @IsString() search?: string;
}

export class CreateTermDto {
  @ApiProperty() @IsUUID() institutionId!: string;
  @ApiProperty({ example: '2026-2027学年第一学期' }) @IsString() @Length(1, 100) name!: string;
  @ApiProperty({ example: '2026-09-07' }) @IsLocalDate() startLocalDate!: string;
  @ApiProperty({ example: '2027-01-15' }) @IsLocalDate() endLocalDate!: string;
}

export class UpdateTermDto extends PartialType(CreateTermDto) {}

export class TermQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() institutionId?: string;
}
