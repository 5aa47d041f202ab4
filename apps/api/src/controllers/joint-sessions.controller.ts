import { Body, Controller, HttpCode, Delete, Get, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { JointSessions, type Actor } from '#scheduling';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { Roles, type Role } from '../auth/roles.decorator.js';
import { CreateJointSessionDto, JointSessionQuery, MoveJointSessionDto } from '../dto/joint-session.dto.js';
import { IdPipe } from '../http/validation.js';
import { jointSessionResponse, pageResponse } from '../mappers/responses.js';

const id = new IdPipe('joint session');
const coordinators: Role[] = ['program_coordinator', 'institution_coordinator'];
// Teachers see the sessions they give or host; analysts read everything.
const viewers: Role[] = [...coordinators, 'analyst', 'teacher'];

@ApiTags('Joint sessions')
@Controller('joint-sessions')
export class JointSessionsController {
  constructor(@Inject(JointSessions) private readonly sessions: JointSessions) {}

  @ApiConflictResponse({
    description:
      "Double-books the instructor, a class or a host teacher, or breaks a load cap: the problem lists each violation with every party's local time",
  })
  @ApiUnprocessableEntityResponse({
    description: "Outside the instructor's availability, the classes' periods, the term or on a holiday: the problem lists each violation",
  })
  @Post()
  @Roles(...coordinators)
  @ApiOperation({ summary: "Book a joint session by hand; refused (409/422) when it breaks a rule, with each party's local time" })
  async create(@CurrentActor() actor: Actor, @Body() body: CreateJointSessionDto) {
    const session = await this.sessions.place(body, actor);
    return jointSessionResponse(await this.sessions.view(session.id, actor));
  }

  @Post('check')
  @HttpCode(200)
  @Roles(...coordinators)
  @ApiOperation({ summary: 'Check a hand-placed slot without booking it: every rule it would break' })
  async check(@CurrentActor() actor: Actor, @Body() body: CreateJointSessionDto) {
    const violations = await this.sessions.check(body, actor);
    return { bookable: violations.length === 0, violations };
  }

  @Post(':id/check')
  @HttpCode(200)
  @Roles(...coordinators)
  @ApiOperation({ summary: 'Check moving a session without moving it: every rule the new time would break' })
  async checkMove(@CurrentActor() actor: Actor, @Param('id', id) sessionId: string, @Body() body: MoveJointSessionDto) {
    const violations = await this.sessions.checkMove(sessionId, body, actor);
    return { bookable: violations.length === 0, violations };
  }

  @Get()
  @Roles(...viewers)
  @ApiOperation({ summary: "List joint sessions, each in UTC and in every party's local time" })
  async list(@CurrentActor() actor: Actor, @Query() query: JointSessionQuery) {
    const { page, pageSize, viewTimeZone, ...filter } = query;
    const views = await this.sessions.listViews(filter, { page, pageSize }, actor);
    return pageResponse(views, (view) => jointSessionResponse(view, viewTimeZone));
  }

  @Get(':id')
  @Roles(...viewers)
  async get(@CurrentActor() actor: Actor, @Param('id', id) sessionId: string) {
    return jointSessionResponse(await this.sessions.view(sessionId, actor));
  }

  @Patch(':id')
  @Roles(...coordinators)
  @ApiOperation({ summary: 'Move a session or change its link; the version grows' })
  async move(@CurrentActor() actor: Actor, @Param('id', id) sessionId: string, @Body() body: MoveJointSessionDto) {
    await this.sessions.move(sessionId, body, actor);
    return jointSessionResponse(await this.sessions.view(sessionId, actor));
  }

  @Delete(':id')
  @Roles(...coordinators)
  @ApiOperation({ summary: 'Cancel a session (it is kept, with status cancelled)' })
  async cancel(@CurrentActor() actor: Actor, @Param('id', id) sessionId: string) {
    await this.sessions.cancel(sessionId, actor);
    return jointSessionResponse(await this.sessions.view(sessionId, actor));
  }
}
