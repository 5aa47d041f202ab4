import { Body, Controller, Get, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  assertMayConfigureInstitution,
  DeadLetters,
  Inbox,
  ownRecipient,
  recipientsOf,
  ReminderPreferences,
  type Actor,
  type PersonReminderPreferences,
} from '#scheduling';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { Roles, type Role } from '../auth/roles.decorator.js';
import { PageQuery } from '../http/paging.dto.js';
import { IdPipe } from '../http/validation.js';
import { InstitutionReminderSettingsDto, PersonReminderPreferencesDto } from './reminders.dto.js';

const people: Role[] = ['program_coordinator', 'institution_coordinator', 'teacher'];
const coordinators: Role[] = ['program_coordinator', 'institution_coordinator'];

/** The webhook secret is write-only. */
const preferencesResponse = ({ webhookSecret, ...rest }: PersonReminderPreferences) => ({
  ...rest,
  webhookSecretSet: webhookSecret !== null,
});

@ApiTags('Reminders')
@Controller()
export class RemindersController {
  constructor(
    @Inject(ReminderPreferences) private readonly preferences: ReminderPreferences,
    @Inject(Inbox) private readonly inbox: Inbox,
    @Inject(DeadLetters) private readonly deadLetters: DeadLetters,
  ) {}

  @Get('reminder-preferences/me')
  @Roles(...people)
  @ApiOperation({ summary: 'My reminder offsets, quiet hours, channels and addresses (null = inherited)' })
  async mine(@CurrentActor() actor: Actor) {
    return preferencesResponse(await this.preferences.person(ownRecipient(actor)));
  }

  @Put('reminder-preferences/me')
  @Roles(...people)
  @ApiOperation({ summary: 'Change my reminder preferences; reminders planned from now on follow them' })
  async updateMine(@CurrentActor() actor: Actor, @Body() body: PersonReminderPreferencesDto) {
    return preferencesResponse(await this.preferences.updatePerson(ownRecipient(actor), body));
  }

  @Get('institutions/:id/reminder-settings')
  @Roles(...coordinators)
  @ApiOperation({ summary: "An institution's default reminder offsets and quiet hours" })
  async institution(@Param('id', new IdPipe('institution')) institutionId: string) {
    return this.preferences.institution(institutionId);
  }

  @Put('institutions/:id/reminder-settings')
  @Roles(...coordinators)
  async updateInstitution(
    @CurrentActor() actor: Actor,
    @Param('id', new IdPipe('institution')) institutionId: string,
    @Body() body: InstitutionReminderSettingsDto,
  ) {
    assertMayConfigureInstitution(actor, institutionId);
    return this.preferences.updateInstitution(institutionId, body);
  }

  @Get('inbox')
  @Roles(...people)
  @ApiOperation({ summary: 'My in-app inbox, newest first' })
  async myInbox(@CurrentActor() actor: Actor, @Query() page: PageQuery) {
    return this.inbox.list(recipientsOf(actor), { page: page.page, pageSize: page.pageSize });
  }

  @Get('dead-letters')
  @Roles(...coordinators)
  @ApiOperation({ summary: 'Messages that failed on every channel and retry, with every attempt' })
  async listDead(@Query() page: PageQuery) {
    return this.deadLetters.list({ page: page.page, pageSize: page.pageSize });
  }

  @Post('dead-letters/:id/retry')
  @Roles(...coordinators)
  @ApiOperation({ summary: 'Send a dead letter again (through the outbox: safe while Redis is down)' })
  async retry(@Param('id', new IdPipe('dead letter')) deliveryId: string) {
    return this.deadLetters.retry(deliveryId);
  }
}
