import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, UnsupportedMediaTypeException } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ConfirmTeachingActivity, ImportTeachingActivities, ListTeachingActivities, MarkSessionNotHeld, type Actor } from '#scheduling';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { IdPipe } from '../http/validation.js';
import { ConfirmTeachingActivityDto, MarkNotHeldDto, TeachingActivityQuery } from './teaching-activities.dto.js';

const id = new IdPipe('teaching activity');

export const CSV_BODY_HINT =
  "Send the CSV file itself as the body, with content-type text/csv (e.g. curl --data-binary @history.csv -H 'content-type: text/csv')";

/** The ledger: one row per delivered joint session, confirmed by its teachers, importable from CSV. */
@ApiTags('Teaching activities')
@Controller('teaching-activities')
export class TeachingActivitiesController {
  constructor(
    @Inject(ListTeachingActivities) private readonly activities: ListTeachingActivities,
    @Inject(ImportTeachingActivities) private readonly importer: ImportTeachingActivities,
    @Inject(ConfirmTeachingActivity) private readonly confirmer: ConfirmTeachingActivity,
    @Inject(MarkSessionNotHeld) private readonly notHeld: MarkSessionNotHeld,
  ) {}

  @Get()
  @Roles('program_coordinator', 'institution_coordinator', 'teacher', 'analyst')
  list(@CurrentActor() actor: Actor, @Query() query: TeachingActivityQuery) {
    const { page, pageSize, ...filter } = query;
    return this.activities.list(actor, filter, { page, pageSize });
  }

  @Get(':id')
  @Roles('program_coordinator', 'institution_coordinator', 'teacher', 'analyst')
  get(@CurrentActor() actor: Actor, @Param('id', id) activityId: string) {
    return this.activities.get(actor, activityId);
  }

  @Post('import')
  @HttpCode(200)
  @Roles('program_coordinator')
  @ApiConsumes('text/csv')
  @ApiBody({
    schema: { type: 'string', example: 'externalId,startsAt,durationMinutes,instructors,westernClasses,campuses,courseId,status' },
  })
  @ApiOperation({ summary: 'Import historic activities from CSV: idempotent by externalId; each bad line reported with its reason' })
  import(@CurrentActor() actor: Actor, @Body() csv: unknown) {
    // A form post (curl -d) or a multipart upload arrives parsed, not as the file's text.
    if (typeof csv !== 'string') throw new UnsupportedMediaTypeException(CSV_BODY_HINT);
    return this.importer.execute({ csv, actor });
  }

  @Post(':id/confirm')
  @HttpCode(200)
  @Roles('program_coordinator', 'institution_coordinator', 'teacher')
  @ApiOperation({ summary: 'Confirm a held session with the students present on each campus (and co-teaching shares)' })
  confirm(@CurrentActor() actor: Actor, @Param('id', id) activityId: string, @Body() body: ConfirmTeachingActivityDto) {
    return this.confirmer.execute({ activityId, actor, attendance: body.attendance, instructors: body.instructors });
  }

  @Post(':id/not-held')
  @HttpCode(200)
  @Roles('program_coordinator', 'institution_coordinator', 'teacher')
  @ApiOperation({ summary: 'Mark a session not held: it is not counted; a make-up session can be linked' })
  markNotHeld(@CurrentActor() actor: Actor, @Param('id', id) activityId: string, @Body() body: MarkNotHeldDto) {
    return this.notHeld.execute({ activityId, actor, reason: body.reason ?? null, makeUpSessionId: body.makeUpSessionId ?? null });
  }
}
