import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Timetables, type Actor, type TimetableSubjectKind } from '#scheduling';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { IdPipe } from '../http/validation.js';
import { timetableRange, TimetableQueryDto } from './timetable.dto.js';
import { timetableResponse } from './timetable-response.js';

const viewers = ['program_coordinator', 'institution_coordinator', 'teacher', 'analyst'] as const;

@ApiTags('Timetables')
@Controller('timetables')
@Roles(...viewers)
export class TimetablesController {
  constructor(@Inject(Timetables) private readonly timetables: Timetables) {}

  private async build(kind: TimetableSubjectKind, id: string, query: TimetableQueryDto, actor: Actor) {
    const timetable = await this.timetables.build({ subject: { kind, id }, range: timetableRange(query), timeZone: query.timeZone }, actor);
    return timetableResponse(timetable);
  }

  @Get('instructors/:id')
  @ApiOperation({ summary: "An instructor's sessions by local day, in their zone (or `timeZone`), with each partner's local time" })
  instructor(@Param('id', new IdPipe('instructor')) id: string, @Query() query: TimetableQueryDto, @CurrentActor() actor: Actor) {
    return this.build('instructor', id, query, actor);
  }

  @Get('host-teachers/:id')
  @ApiOperation({ summary: "A host teacher's sessions (the classes they host) by local day" })
  hostTeacher(@Param('id', new IdPipe('host teacher')) id: string, @Query() query: TimetableQueryDto, @CurrentActor() actor: Actor) {
    return this.build('host-teacher', id, query, actor);
  }

  @Get('western-classes/:id')
  @ApiOperation({ summary: "A western class's sessions by local day, in its institution's zone, with the instructor's local time" })
  westernClass(@Param('id', new IdPipe('western class')) id: string, @Query() query: TimetableQueryDto, @CurrentActor() actor: Actor) {
    return this.build('western-class', id, query, actor);
  }

  @Get('institutions/:id')
  @ApiOperation({ summary: "Every session of an institution's instructors and classes by local day" })
  institution(@Param('id', new IdPipe('institution')) id: string, @Query() query: TimetableQueryDto, @CurrentActor() actor: Actor) {
    return this.build('institution', id, query, actor);
  }
}
