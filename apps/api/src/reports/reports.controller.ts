import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ReportTeachingActivities, type Actor, type ReportDimension, type ReportGrouping, type TeachingReportRequest } from '#scheduling';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { reportCsv, reportXlsx } from './report-export.js';
import { TeachingGrowthQuery, TeachingReportExportQuery, TeachingReportQuery } from './reports.dto.js';

const FILTERS: readonly ReportDimension[] = ['region', 'province', 'westernInstitution', 'easternInstitution', 'discipline', 'instructor'];

function toRequest(actor: Actor, query: TeachingGrowthQuery & Pick<TeachingReportQuery, 'groupBy'>): TeachingReportRequest {
  const filters = Object.fromEntries(FILTERS.filter((key) => query[key] !== undefined).map((key) => [key, query[key]!]));
  const groupBy = (query.groupBy ?? '')
    .split(',')
    .map((g) => g.trim())
    .filter(Boolean) as ReportGrouping[];
  return { actor, groupBy, filters, periodFrom: query.periodFrom, periodTo: query.periodTo, timeZone: query.timeZone };
}

@ApiTags('Reports')
@Controller('reports/teaching-activities')
@Roles('program_coordinator', 'analyst')
export class ReportsController {
  constructor(@Inject(ReportTeachingActivities) private readonly reports: ReportTeachingActivities) {}

  @Get()
  @ApiOperation({
    summary: 'Activities, 学时, participations and distinct teachers, courses and universities, grouped by up to two dimensions',
  })
  report(@CurrentActor() actor: Actor, @Query() query: TeachingReportQuery) {
    return this.reports.execute(toRequest(actor, query));
  }

  @Get('growth')
  @ApiOperation({ summary: 'Month by month, with running totals' })
  growth(@CurrentActor() actor: Actor, @Query() query: TeachingGrowthQuery) {
    const { groupBy: _none, ...request } = toRequest(actor, query);
    return this.reports.growth(request);
  }

  @Get('export')
  @ApiOperation({ summary: 'The same report as a CSV or XLSX file, headers in Chinese or English' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async export(@CurrentActor() actor: Actor, @Query() query: TeachingReportExportQuery, @Res() reply: FastifyReply): Promise<void> {
    const report = await this.reports.execute(toRequest(actor, query));
    const lang = query.lang ?? 'zh';
    const name = `teaching-activities-${report.groupBy.join('-') || 'total'}`;
    if (query.format === 'xlsx') {
      await reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${name}.xlsx"`)
        .send(await reportXlsx(report, lang));
      return;
    }
    await reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}.csv"`)
      .send(reportCsv(report, lang));
  }
}
