import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditLog, type Actor } from '#scheduling';
import { pageResponse } from '../mappers/responses.js';
import { AuditQuery } from './auth.dto.js';
import { auditEntryResponse } from './auth.responses.js';
import { CurrentActor } from './current-actor.decorator.js';
import { Roles } from './roles.decorator.js';

@ApiTags('Audit log')
@Controller('audit-log')
@Roles()
export class AuditLogController {
  constructor(@Inject(AuditLog) private readonly auditLog: AuditLog) {}

  @Get()
  @ApiOperation({
    summary: 'Changes to institutions, pairings and joint sessions, newest first: who, when, before and after (administrators)',
  })
  async list(@CurrentActor() actor: Actor, @Query() query: AuditQuery) {
    const { page, pageSize, ...filter } = query;
    return pageResponse(await this.auditLog.list(actor, filter, { page, pageSize }), auditEntryResponse);
  }
}
