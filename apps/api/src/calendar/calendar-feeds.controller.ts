import { Body, Controller, Delete, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AppConfig } from '#config';
import { CalendarFeeds, type Actor } from '#scheduling';
import { APP_CONFIG } from '../app-config.token.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { pageResponse } from '../mappers/responses.js';
import { IdPipe } from '../http/validation.js';
import { CalendarFeedOwnerDto, CalendarFeedQuery } from './calendar-feed.dto.js';
import { calendarFeedResponse, issuedCalendarFeedResponse } from './calendar-feed-response.js';

const id = new IdPipe('calendar feed');

@ApiTags('Calendar feeds')
@Controller('calendar-feeds')
@Roles('program_coordinator', 'institution_coordinator', 'teacher')
export class CalendarFeedsController {
  constructor(
    @Inject(CalendarFeeds) private readonly feeds: CalendarFeeds,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Issue a secret iCalendar feed URL for a teacher, an institution or a western class (the token is shown only here)',
  })
  async issue(@Body() body: CalendarFeedOwnerDto, @CurrentActor() actor: Actor) {
    const issued = await this.feeds.issue({ kind: body.ownerKind, id: body.ownerId }, actor);
    return issuedCalendarFeedResponse(issued, this.config.publicUrl);
  }

  @Get()
  @ApiOperation({ summary: "An owner's feeds, active and revoked (without tokens)" })
  async list(@Query() query: CalendarFeedQuery, @CurrentActor() actor: Actor) {
    const page = await this.feeds.list({ kind: query.ownerKind, id: query.ownerId }, actor, { page: query.page, pageSize: query.pageSize });
    return pageResponse(page, calendarFeedResponse);
  }

  @Post(':id/renew')
  @ApiOperation({ summary: 'Revoke a feed URL and issue a new one for the same owner' })
  async renew(@Param('id', id) feedId: string, @CurrentActor() actor: Actor) {
    return issuedCalendarFeedResponse(await this.feeds.renew(feedId, actor), this.config.publicUrl);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Revoke a feed URL: it answers 404 from now on' })
  async revoke(@Param('id', id) feedId: string, @CurrentActor() actor: Actor) {
    return calendarFeedResponse(await this.feeds.revoke(feedId, actor));
  }
}
