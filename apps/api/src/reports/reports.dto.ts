import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { IsTimeZone } from '../http/validators.js';

const PERIOD = /^(\d{4}|\d{4}-\d{2}|\d{4}-\d{4}-[12])$/;
const PERIOD_HINT = 'must be a year (2026), a month (2026-09) or a term (2026-2027-1)';

export class TeachingReportQuery {
  @ApiPropertyOptional({
    description:
      'One or two of region, province, westernInstitution, easternInstitution, discipline, instructor, month, term, year (comma-separated); none for the total',
    example: 'province,month',
  })
  @IsOptional()
  @IsString()
  groupBy?: string;

  @ApiPropertyOptional({ enum: ['east', 'west', 'international'] }) @IsOptional() @IsString() region?: string;
  @ApiPropertyOptional({ example: 'Xinjiang' }) @IsOptional() @IsString() province?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() westernInstitution?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() easternInstitution?: string;
  @ApiPropertyOptional({ example: 'computer-science' }) @IsOptional() @IsString() discipline?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() instructor?: string;
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
