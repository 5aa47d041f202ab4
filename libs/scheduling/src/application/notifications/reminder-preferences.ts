import { validateReminderSettings } from '../../domain/reminder-plan.js';
import type { QuietHours } from '../../domain/reminder-plan.js';
import { isValidTimeZone } from '../../domain/time-zone.js';
import { ApplicationError } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type {
  ChannelKind,
  InstitutionReminderSettings,
  PersonReminderPreferences,
  RecipientRef,
  WebhookFlavor,
} from '../ports/notifications.js';
import type { UnitOfWork } from '../ports/stores.js';

export interface PersonPreferencesInput {
  offsetsMinutes?: number[] | null;
  quietHours?: QuietHours | null;
  channels?: ChannelKind[] | null;
  locale?: string | null;
  email?: string | null;
  webhookUrl?: string | null;
  webhookFlavor?: WebhookFlavor;
  webhookSecret?: string | null;
  coordinatorReminders?: boolean;
  timeZone?: string | null;
}

export interface InstitutionSettingsInput {
  offsetsMinutes?: number[] | null;
  quietHours?: QuietHours | null;
}

const blankPerson = (recipient: RecipientRef, at: string): PersonReminderPreferences => ({
  recipient,
  offsetsMinutes: null,
  quietHours: null,
  channels: null,
  locale: null,
  email: null,
  webhookUrl: null,
  webhookFlavor: 'generic',
  webhookSecret: null,
  coordinatorReminders: false,
  timeZone: null,
  updatedAt: at,
});

function check(layer: { offsetsMinutes?: number[] | null; quietHours?: QuietHours | null }): void {
  const problems = validateReminderSettings(layer);
  if (problems.length > 0) {
    const [field, ...rest] = problems[0]!.split(': ');
    throw ApplicationError.invalidInput(field!, rest.join(': '));
  }
}

/** Reminder offsets, quiet hours, channels and addresses per person and per institution. Changes apply to reminders planned afterwards. */
export class ReminderPreferences {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  person(recipient: RecipientRef): Promise<PersonReminderPreferences> {
    return this.unitOfWork.run(
      async (stores) => (await stores.reminderSettings.findPerson(recipient)) ?? blankPerson(recipient, this.now()),
    );
  }

  updatePerson(recipient: RecipientRef, input: PersonPreferencesInput): Promise<PersonReminderPreferences> {
    check(input);
    if (input.channels && new Set(input.channels).size !== input.channels.length)
      throw ApplicationError.invalidInput('channels', 'name each channel once');
    if (input.timeZone && !isValidTimeZone(input.timeZone))
      throw ApplicationError.invalidInput('timeZone', `"${input.timeZone}" is not an IANA time zone`);
    return this.unitOfWork.run(async (stores) => {
      const current = (await stores.reminderSettings.findPerson(recipient)) ?? blankPerson(recipient, this.now());
      const defined = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
      const next: PersonReminderPreferences = { ...current, ...defined, recipient, updatedAt: this.now() };
      if (next.channels?.includes('email') && !next.email && recipient.kind === 'instructor') {
        const account = (await stores.reminderSettings.teacherAccounts([recipient.id]))[0];
        if (!account) throw ApplicationError.invalidInput('email', 'email is among the channels but there is no address: give one');
      }
      if (next.channels?.includes('webhook') && !next.webhookUrl)
        throw ApplicationError.invalidInput('webhookUrl', 'webhook is among the channels but no webhookUrl is set');
      await stores.reminderSettings.savePerson(next);
      return next;
    });
  }

  institution(institutionId: string): Promise<InstitutionReminderSettings> {
    return this.unitOfWork.run(async (stores) => {
      if (!(await stores.institutions.findById(institutionId))) throw ApplicationError.notFound('institution', institutionId);
      const [found] = await stores.reminderSettings.findInstitutions([institutionId]);
      return found ?? { institutionId, offsetsMinutes: null, quietHours: null, updatedAt: this.now() };
    });
  }

  updateInstitution(institutionId: string, input: InstitutionSettingsInput): Promise<InstitutionReminderSettings> {
    check(input);
    return this.unitOfWork.run(async (stores) => {
      if (!(await stores.institutions.findById(institutionId))) throw ApplicationError.notFound('institution', institutionId);
      const [current] = await stores.reminderSettings.findInstitutions([institutionId]);
      const next: InstitutionReminderSettings = {
        institutionId,
        offsetsMinutes: input.offsetsMinutes === undefined ? (current?.offsetsMinutes ?? null) : input.offsetsMinutes,
        quietHours: input.quietHours === undefined ? (current?.quietHours ?? null) : input.quietHours,
        updatedAt: this.now(),
      };
      await stores.reminderSettings.saveInstitution(next);
      return next;
    });
  }

  private now(): string {
    return this.clock.now().toUTC().toISO()!;
  }
}
