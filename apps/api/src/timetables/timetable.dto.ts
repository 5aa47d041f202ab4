import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches } from 'class-validator';
import type { TimetableRange } from '#scheduling';
import { RequestValidationError } from '../http/problem.js';
import { IsLocalDate, IsTimeZone } from '../http/validators.js';

export class TimetableQueryDto {
  @ApiPropertyOptional({ example: '2027-03-22', description: "First local date, in the viewer's zone (with `to`: a range; alone: 7 days)" })
  @IsOptional()
  @IsLocalDate()
  from?: string;

  @ApiPropertyOptional({ example: '2027-03-28', description: 'Last local date, included' })
  @IsOptional()
  @IsLocalDate()
  to?: string;

  @ApiPropertyOptional({ example: '2027-W13', description: "An ISO week, Monday to Sunday in the viewer's zone" })
  @IsOptional()
  @Matches(/^\d{4}-W\d{2}$/, { message: 'must be an ISO week such as 2027-W13' })
  week?: string;

  @ApiPropertyOptional({ description: 'A whole term, from its first to its last day' })
  @IsOptional()
  @IsUUID()
  termId?: string;

  @ApiPropertyOptional({ example: 'Asia/Shanghai', description: "Zone to show days and times in; default: the subject's own" })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;
}

/** One way to say which days: a week, a term, or dates (none: the current week). */
export function timetableRange(query: TimetableQueryDto): TimetableRange {
  const ways = [query.week !== undefined, query.termId !== undefined, query.from !== undefined || query.to !== undefined];
  if (ways.filter(Boolean).length > 1)
    throw new RequestValidationError([{ field: 'week', message: 'give one of week, termId, or from/to' }]);
  if (query.week !== undefined) return { kind: 'week', isoWeek: query.week };
  if (query.termId !== undefined) return { kind: 'term', termId: query.termId };
  return { kind: 'dates', fromLocalDate: query.from, toLocalDate: query.to };
}
