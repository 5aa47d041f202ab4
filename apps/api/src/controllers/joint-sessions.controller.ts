import { Body, Controller, Delete, Get, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { JointSessions } from '#scheduling';
import { CreateJointSessionDto, JointSessionQuery, MoveJointSessionDto } from '../dto/joint-session.dto.js';
import { IdPipe } from '../http/validation.js';
import { jointSessionResponse, pageResponse } from '../mappers/responses.js';

const id = new IdPipe('joint session');

@ApiTags('Joint sessions')
@Controller('joint-sessions')
export class JointSessionsController {
  constructor(@Inject(JointSessions) private readonly sessions: JointSessions) {}

  @Post()
  @ApiOperation({ summary: 'Book a joint session by hand; refused (409/422) when it breaks a rule, with each party\'s local time' })
  async create(@Body() body: CreateJointSessionDto) {
    const session = await this.sessions.place(body);
    return jointSessionResponse(await this.sessions.view(session.id));
  }

  @Post('check')
  @ApiOperation({ summary: 'Check a hand-placed slot without booking it: every rule it would break' })
  async check(@Body() body: CreateJointSessionDto) {
    const violations = await this.sessions.check(body);
    return { bookable: violations.length === 0, violations };
  }

  @Get()
  @ApiOperation({ summary: 'List joint sessions, each in UTC and in every party\'s local time' })
  async list(@Query() query: JointSessionQuery) {
    const { page, pageSize, viewTimeZone, ...filter } = query;
    const views = await this.sessions.listViews(filter, { page, pageSize });
    return pageResponse(views, (view) => jointSessionResponse(view, viewTimeZone));
  }

  @Get(':id')
  async get(@Param('id', id) sessionId: string) {
    return jointSessionResponse(await this.sessions.view(sessionId));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Move a session or change its link; the version grows' })
  async move(@Param('id', id) sessionId: string, @Body() body: MoveJointSessionDto) {
    await this.sessions.move(sessionId, body);
    return jointSessionResponse(await this.sessions.view(sessionId));
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Cancel a session (it is kept, with status cancelled)' })
  async cancel(@Param('id', id) sessionId: string) {
    await this.sessions.cancel(sessionId);
    return jointSessionResponse(await this.sessions.view(sessionId));
  }
}
