import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApplicationError, ApplicationErrorCode, CalendarFeeds, type Actor } from '#scheduling';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { Public, Roles } from '../auth/roles.decorator.js';
import { IdPipe } from '../http/validation.js';
import { sendCalendar } from './calendar-reply.js';
import { renderCalendar } from './ical-calendar.js';

/** `<token>.ics`, the token as issued (43 base64url characters); anything else names no feed. */
const FEED_FILE = /^([A-Za-z0-9_-]{20,100})\.ics$/;

@ApiTags('Calendar feeds')
@Controller()
export class CalendarController {
  constructor(@Inject(CalendarFeeds) private readonly feeds: CalendarFeeds) {}

  @Get('calendar/:file')
  @Public()
  @ApiProduces('text/calendar')
  @ApiOperation({ summary: 'A subscribable iCalendar feed; the secret token in the URL is the credential (404 when unknown or revoked)' })
  async feed(@Param('file') file: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const token = FEED_FILE.exec(file)?.[1];
    if (!token) throw new ApplicationError(ApplicationErrorCode.NotFound, 'No calendar feed at this URL.');
    const { owner, events } = await this.feeds.content(token);
    return sendCalendar(request, reply, renderCalendar({ name: `${owner.name}: joint classes`, timeZone: owner.timeZone, events }));
  }

  @Get('joint-sessions/:id/ics')
  @Roles('program_coordinator', 'institution_coordinator', 'teacher', 'analyst')
  @ApiProduces('text/calendar')
  @ApiOperation({ summary: 'One session as an .ics file, to add to a calendar by hand' })
  async session(
    @Param('id', new IdPipe('joint session')) id: string,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const event = await this.feeds.sessionEvent(id, actor);
    const body = renderCalendar({
      name: event.course?.title ?? 'Joint class',
      timeZone: event.view.session.anchorTimeZone,
      events: [event],
    });
    return sendCalendar(request, reply, body, { filename: `joint-session-${event.view.session.startsAt.slice(0, 10)}.ics` });
  }
}
