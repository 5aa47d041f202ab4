import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { IsTimeZone } from '../http/validators.js';

const PERIOD = /^(\d{4}|\d{4}-\d{2}|\d{4}-\d{4}-[12])$/;
const PERIOD_HINT = 'must be a year (2026), a month (2026-09) or a term (2026-2027-1)';
const REGIONS = ['east', 'west', 'international'];

export class TeachingReportQuery {
  @ApiPropertyOptional({
    description:
      'One or two of region, province, westernInstitution, easternInstitution, discipline, instructor, month, term, year (comma-separated); none for the total',
    example: 'province,month',
  })
  @IsOptional()
  @IsString()
  groupBy?: string;

  @ApiPropertyOptional({ enum: REGIONS }) @IsOptional() @IsIn(REGIONS) region?: string;
  @ApiPropertyOptional({ example: 'Xinjiang' }) @IsOptional() @IsString() province?: string;
  @ApiPropertyOptional({ description: 'Institution id' }) @IsOptional() @IsUUID() westernInstitution?: string;
  @ApiPropertyOptional({ description: 'Institution id' }) @IsOptional() @IsUUID() easternInstitution?: string;
  @ApiPropertyOptional({ example: 'computer-science' }) @IsOptional() @IsString() discipline?: string;
  @ApiPropertyOptional({ description: 'Instructor id' }) @IsOptional() @IsUUID() instructor?: string;
  @ApiPropertyOptional({ example: '2026-09' }) @IsOptional() @Matches(PERIOD, { message: PERIOD_HINT }) periodFrom?: string;
  @ApiPropertyOptional({ example: '2027-01' }) @IsOptional() @Matches(PERIOD, { message: PERIOD_HINT }) periodTo?: string;
  @ApiPropertyOptional({ default: 'Asia/Shanghai', description: 'Whose wall clock decides months, terms and years' })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;
}

export class TeachingReportExportQuery extends TeachingReportQuery {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'csv' }) @IsOptional() @IsIn(['csv', 'xlsx']) format?: 'csv' | 'xlsx';
  @ApiPropertyOptional({ enum: ['zh', 'en'], default: 'zh', description: 'Language of the column headers' })
  @IsOptional()
  @IsIn(['zh', 'en'])
  lang?: 'zh' | 'en';
}

/** The growth series is by month: it takes every filter, and no groupBy. */
export class TeachingGrowthQuery extends OmitType(TeachingReportQuery, ['groupBy'] as const) {}
