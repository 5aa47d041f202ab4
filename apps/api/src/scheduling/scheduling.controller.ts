import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CancelScheduleRun,
  FindCommonSlots,
  GetScheduleRun,
  ProposePairings,
  PublishScheduleRun,
  StartScheduleRun,
  type Actor,
} from '#scheduling';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { IdPipe } from '../http/validation.js';
import { CommonSlotsQuery, ProposePairingsDto, RunPlanQuery, StartScheduleRunDto } from './scheduling.dto.js';
import { commonSlotResponse, pairingProposalResponse, scheduleRunPlanResponse, scheduleRunResponse } from './scheduling.responses.js';

const runId = new IdPipe('schedule run');

@ApiTags('Scheduling')
@Controller('scheduling')
export class SchedulingController {
  constructor(
    @Inject(ProposePairings) private readonly proposePairings: ProposePairings,
    @Inject(StartScheduleRun) private readonly startRun: StartScheduleRun,
    @Inject(GetScheduleRun) private readonly getRun: GetScheduleRun,
    @Inject(CancelScheduleRun) private readonly cancelRun: CancelScheduleRun,
    @Inject(PublishScheduleRun) private readonly publishRun: PublishScheduleRun,
    @Inject(FindCommonSlots) private readonly commonSlots: FindCommonSlots,
  ) {}

  @Post('pairing-proposals')
  @HttpCode(200)
  @Roles('program_coordinator')
  @ApiOperation({ summary: 'Propose pairings for a term or some classes, with pins and forbids; nothing is saved' })
  async propose(@CurrentActor() actor: Actor, @Body() body: ProposePairingsDto) {
    return pairingProposalResponse(await this.proposePairings.execute(body, actor));
  }

  @Post('runs')
  @HttpCode(202)
  @Roles('program_coordinator')
  @ApiOperation({ summary: 'Start a timetabling run (a queued job); poll GET /scheduling/runs/:id for progress' })
  async start(@CurrentActor() actor: Actor, @Body() body: StartScheduleRunDto) {
    const run = await this.startRun.execute(body, actor);
    return scheduleRunResponse({ run, report: null });
  }

  @Get('runs/:id')
  @Roles('program_coordinator')
  @ApiOperation({ summary: "A run's status, progress in percent and score report" })
  async get(@CurrentActor() actor: Actor, @Param('id', runId) id: string) {
    return scheduleRunResponse(await this.getRun.execute(id, actor));
  }

  @Get('runs/:id/plan')
  @Roles('program_coordinator')
  @ApiOperation({ summary: "The draft plan, paged: sessions in each party's local time, moved sessions and unplaced ones with reasons" })
  async plan(@CurrentActor() actor: Actor, @Param('id', runId) id: string, @Query() query: RunPlanQuery) {
    return scheduleRunPlanResponse(await this.getRun.plan(id, { page: query.page, pageSize: query.pageSize }, actor));
  }

  @Post('runs/:id/cancel')
  @HttpCode(200)
  @Roles('program_coordinator')
  @ApiOperation({ summary: "Cancel a queued or running run; a running one stops at the engine's next check" })
  async cancel(@CurrentActor() actor: Actor, @Param('id', runId) id: string) {
    const run = await this.cancelRun.execute(id, actor);
    return scheduleRunResponse({ run, report: null });
  }

  @Post('runs/:id/publish')
  @HttpCode(200)
  @Roles('program_coordinator')
  @ApiOperation({
    summary: 'Publish a succeeded run: creates, moves and cancels joint sessions in one transaction (409 when stale or published)',
  })
  async publish(@CurrentActor() actor: Actor, @Param('id', runId) id: string) {
    await this.publishRun.execute(id, actor);
    return scheduleRunResponse(await this.getRun.execute(id, actor));
  }

  @Get('common-slots')
  @Roles('program_coordinator', 'institution_coordinator')
  @ApiOperation({ summary: 'Times in the coming weeks when an instructor and classes can meet, ranked by how many classes join live' })
  async slots(@CurrentActor() actor: Actor, @Query() query: CommonSlotsQuery) {
    const slots = await this.commonSlots.execute(query, actor);
    return { items: slots.map(commonSlotResponse) };
  }
}
