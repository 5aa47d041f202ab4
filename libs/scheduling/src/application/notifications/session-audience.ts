import type { Course, Institution, Instructor, JointSession, WesternClass } from '../../domain/model.js';
import { messageLocale, type MessageLocale, type MessagePartner } from '../../domain/reminder-message.js';
import { findLocalTimeChanges, planReminders, resolveReminderSettings, type ReminderSettings } from '../../domain/reminder-plan.js';
import type { ChannelAddress, ScheduledDelivery } from '../ports/notification-jobs.js';
import {
  recipientKey,
  type ChannelKind,
  type InstitutionReminderSettings,
  type PersonReminderPreferences,
  type RecipientRef,
  type SubscribedCoordinator,
  type TeacherAccount,
} from '../ports/notifications.js';
import type { Stores } from '../ports/stores.js';

/** One person who hears about a session, with everything needed to plan and write their messages. */
export interface AudienceMember {
  recipient: RecipientRef;
  name: string;
  role: 'instructor' | 'host' | 'coordinator';
  /** Own zone first, then a second clock (Beijing time beside Xinjiang time). */
  timeZones: string[];
  locale: MessageLocale;
  settings: ReminderSettings;
  channels: ChannelKind[];
  address: ChannelAddress;
  partners: MessagePartner[];
}

export interface SessionAudience {
  session: JointSession;
  courseTitle: string;
  westernClassNames: string[];
  members: AudienceMember[];
}

const BEIJING = 'Asia/Shanghai';

function clocks(ownZone: string, institution: Institution | undefined): string[] {
  const zones = [ownZone];
  if (institution?.secondaryTimeZone && institution.secondaryTimeZone !== ownZone) zones.push(institution.secondaryTimeZone);
  // A Xinjiang-time clock always comes with Beijing time beside it.
  if (ownZone === 'Asia/Urumqi' && !zones.includes(BEIJING)) zones.push(BEIJING);
  return zones;
}

function defaultChannels(email: string | null): ChannelKind[] {
  return email ? ['email', 'inbox'] : ['inbox'];
}

const unique = <T>(items: Iterable<T>): T[] => [...new Set(items)];
const byId = <T extends { id: string }>(items: readonly T[]): Map<string, T> => new Map(items.map((item) => [item.id, item]));

/**
 * Who takes part in a session and how each wants to hear about it: the instructor, each western
 * class's host teacher, and the coordinators who asked (program coordinators for every session,
 * institution coordinators for sessions of their institution).
 */
export async function loadAudience(stores: Stores, session: JointSession): Promise<SessionAudience> {
  return (await loadAudiences(stores, [session]))[0]!;
}

/**
 * The audiences of several sessions with one read per kind of record for all of them (a burst of
 * reminders names hundreds of series at once), in the order of `sessions`.
 */
export async function loadAudiences(stores: Stores, sessions: readonly JointSession[]): Promise<SessionAudience[]> {
  if (sessions.length === 0) return [];
  const pairings = byId(await stores.pairings.findByIds(unique(sessions.map((s) => s.pairingId))));
  const courses = byId(await stores.courses.findByIds(unique([...pairings.values()].map((p) => p.courseId))));
  const classes = byId(await stores.westernClasses.findByIds(unique(sessions.flatMap((s) => s.westernClassIds))));
  const hostIds = [...classes.values()].map((c) => c.hostTeacherId).filter((id): id is string => id !== null);
  const teachers = byId(await stores.instructors.findByIds(unique([...sessions.map((s) => s.instructorId), ...hostIds])));
  const institutions = byId(
    await stores.institutions.findByIds(
      unique([...[...teachers.values()].map((t) => t.institutionId), ...[...classes.values()].map((c) => c.institutionId)]),
    ),
  );
  const subscribed = await stores.reminderSettings.subscribedCoordinators();
  const coordinatorsOf = (institutionIds: readonly string[]) =>
    subscribed.filter((c) => c.role === 'program_coordinator' || (c.institutionId !== null && institutionIds.includes(c.institutionId)));
  const recipients: RecipientRef[] = [
    ...[...teachers.keys()].map((id) => ({ kind: 'instructor' as const, id })),
    ...subscribed.map((c) => ({ kind: 'user' as const, id: c.userId })),
  ];
  const preferences = new Map((await stores.reminderSettings.findPeople(recipients)).map((p) => [recipientKey(p.recipient), p]));
  const accounts = new Map((await stores.reminderSettings.teacherAccounts([...teachers.keys()])).map((a) => [a.instructorId, a]));
  const institutionSettings = new Map(
    (
      await stores.reminderSettings.findInstitutions(
        unique([...institutions.keys(), ...subscribed.map((c) => c.institutionId).filter((id): id is string => id !== null)]),
      )
    ).map((s) => [s.institutionId, s]),
  );
  return sessions.map((session) => {
    const pairing = pairings.get(session.pairingId);
    const sessionClasses = session.westernClassIds.map((id) => classes.get(id)).filter((c): c is WesternClass => c !== undefined);
    return assembleAudience({
      session,
      course: pairing ? (courses.get(pairing.courseId) ?? null) : null,
      classes: sessionClasses,
      teachers,
      institutions,
      coordinatorsOf,
      preferences,
      accounts,
      institutionSettings,
    });
  });
}

interface AudienceRecords {
  session: JointSession;
  course: Course | null;
  /** The session's western classes, in its order. */
  classes: WesternClass[];
  teachers: ReadonlyMap<string, Instructor>;
  institutions: ReadonlyMap<string, Institution>;
  /** The subscribed coordinators who hear about sessions of these institutions. */
  coordinatorsOf: (institutionIds: readonly string[]) => SubscribedCoordinator[];
  preferences: ReadonlyMap<string, PersonReminderPreferences>;
  accounts: ReadonlyMap<string, TeacherAccount>;
  institutionSettings: ReadonlyMap<string, InstitutionReminderSettings>;
}

function assembleAudience(records: AudienceRecords): SessionAudience {
  const { session, course, classes, institutions, preferences, accounts, institutionSettings } = records;
  const hostIds = [...new Set(classes.map((c) => c.hostTeacherId).filter((id): id is string => id !== null))];
  const teacherById = new Map(
    [session.instructorId, ...hostIds].flatMap((id) => {
      const teacher = records.teachers.get(id);
      return teacher ? [[id, teacher] as const] : [];
    }),
  );
  const instructor = teacherById.get(session.instructorId);
  const institutionIds = [...new Set([...[...teacherById.values()].map((t) => t.institutionId), ...classes.map((c) => c.institutionId)])];
  const coordinators = records.coordinatorsOf(institutionIds);
  const recipients: RecipientRef[] = [
    ...(instructor ? [{ kind: 'instructor' as const, id: instructor.id }] : []),
    ...hostIds.filter((id) => teacherById.has(id) && id !== session.instructorId).map((id) => ({ kind: 'instructor' as const, id })),
    ...coordinators.map((c) => ({ kind: 'user' as const, id: c.userId })),
  ];

  const instructorInstitution = instructor ? institutions.get(instructor.institutionId) : undefined;
  const instructorParty: MessagePartner | null = instructor
    ? {
        name: instructorInstitution
          ? `${instructor.name} (${instructorInstitution.nameZh} ${instructorInstitution.nameEn})`
          : instructor.name,
        timeZones: clocks(instructor.timeZone, instructorInstitution),
      }
    : null;
  const classParties = classes.map((c) => {
    const institution = institutions.get(c.institutionId);
    return {
      hostTeacherId: c.hostTeacherId,
      partner: {
        name: institution ? `${c.name} (${institution.nameZh} ${institution.nameEn})` : c.name,
        timeZones: clocks(institution?.timeZone ?? session.anchorTimeZone, institution),
      },
    };
  });

  const member = (
    recipient: RecipientRef,
    base: {
      name: string;
      role: AudienceMember['role'];
      timeZones: string[];
      institutionId: string | null;
      email: string | null;
      locale: string | null;
      international: boolean;
    },
    partners: MessagePartner[],
  ): AudienceMember => {
    const own: PersonReminderPreferences | undefined = preferences.get(recipientKey(recipient));
    const email = own?.email ?? base.email;
    return {
      recipient,
      name: base.name,
      role: base.role,
      timeZones: base.timeZones,
      locale: messageLocale(own?.locale ?? base.locale ?? (base.international ? 'en' : 'zh-CN')),
      settings: resolveReminderSettings(base.institutionId ? institutionSettings.get(base.institutionId) : null, own),
      channels: own?.channels && own.channels.length > 0 ? own.channels : defaultChannels(email),
      address: {
        email,
        webhookUrl: own?.webhookUrl ?? null,
        webhookFlavor: own?.webhookFlavor ?? 'generic',
        webhookSecret: own?.webhookSecret ?? null,
      },
      partners,
    };
  };

  const members: AudienceMember[] = [];
  for (const recipient of recipients) {
    if (recipient.kind === 'instructor') {
      const teacher = teacherById.get(recipient.id)!;
      const institution = institutions.get(teacher.institutionId);
      const account = accounts.get(teacher.id);
      const isInstructor = teacher.id === session.instructorId;
      const partners = isInstructor
        ? classParties.map((p) => p.partner)
        : [
            ...(instructorParty ? [instructorParty] : []),
            ...classParties.filter((p) => p.hostTeacherId !== teacher.id).map((p) => p.partner),
          ];
      members.push(
        member(
          recipient,
          {
            name: teacher.name,
            role: isInstructor ? 'instructor' : 'host',
            timeZones: clocks(teacher.timeZone, institution),
            institutionId: teacher.institutionId,
            email: account?.email ?? null,
            locale: account?.locale ?? null,
            international: institution?.region === 'international',
          },
          partners,
        ),
      );
    } else {
      const coordinator = coordinators.find((c) => c.userId === recipient.id)!;
      const own = preferences.get(recipientKey(recipient));
      const institution = coordinator.institutionId ? institutions.get(coordinator.institutionId) : undefined;
      members.push(
        member(
          recipient,
          {
            name: coordinator.displayName,
            role: 'coordinator',
            timeZones: clocks(own?.timeZone ?? institution?.timeZone ?? BEIJING, institution),
            institutionId: coordinator.institutionId,
            email: coordinator.email,
            locale: coordinator.locale,
            international: institution?.region === 'international',
          },
          [...(instructorParty ? [instructorParty] : []), ...classParties.map((p) => p.partner)],
        ),
      );
    }
  }
  return { session, courseTitle: course?.title ?? '', westernClassNames: classes.map((c) => c.name), members };
}

/** Deterministic delivery keys (also the job ids: no `:`, never all digits). */
export const deliveryKeys = {
  reminder: (s: Pick<JointSession, 'id' | 'version'>, r: RecipientRef, offsetMinutes: number) =>
    `rem-${s.id}-${recipientKey(r)}-${offsetMinutes}-v${s.version}`,
  cancellation: (s: Pick<JointSession, 'id' | 'version'>, r: RecipientRef) => `can-${s.id}-${recipientKey(r)}-v${s.version}`,
  timeChange: (changedSessionId: string, r: RecipientRef, localTime: string) =>
    `dst-${changedSessionId}-${recipientKey(r)}-${localTime.replace(':', 'h')}`,
};

/**
 * Every message a session implies at `now`: reminders for each member (none once cancelled), one
 * cancellation notice each when cancelled, and notices for classes of the series whose local time
 * changes for a member. `series` is the pairing's scheduled sessions.
 */
export function plannedDeliveries(audience: SessionAudience, series: readonly JointSession[], now: string): ScheduledDelivery[] {
  const { session } = audience;
  const out: ScheduledDelivery[] = [];
  // Members on the same clock share their series' changes (usually the two hosts of one campus).
  const changesByZone = new Map<string, ReturnType<typeof timeChangesFor>>();
  const changesIn = (timeZone: string) => {
    let changes = changesByZone.get(timeZone);
    if (!changes) changesByZone.set(timeZone, (changes = timeChangesFor(series, timeZone, now)));
    return changes;
  };
  const base = (m: AudienceMember) => ({
    sessionId: session.id,
    sessionVersion: session.version,
    recipientKind: m.recipient.kind,
    recipientId: m.recipient.id,
  });
  for (const m of audience.members) {
    if (session.status === 'cancelled') {
      if (Date.parse(session.startsAt) > Date.parse(now))
        out.push({
          ...base(m),
          deliveryKey: deliveryKeys.cancellation(session, m.recipient),
          kind: 'cancellation',
          offsetMinutes: null,
          changedSessionId: null,
          dueAt: now,
        });
      continue;
    }
    if (session.status !== 'scheduled') continue;
    for (const r of planReminders({ startsAt: session.startsAt, now, timeZone: m.timeZones[0]!, settings: m.settings }))
      out.push({
        ...base(m),
        deliveryKey: deliveryKeys.reminder(session, m.recipient, r.offsetMinutes),
        kind: 'reminder',
        offsetMinutes: r.offsetMinutes,
        changedSessionId: null,
        dueAt: r.dueAt,
      });
    for (const change of changesIn(m.timeZones[0]!)) {
      if (change.sessionId !== session.id) continue;
      out.push({
        ...base(m),
        deliveryKey: deliveryKeys.timeChange(change.sessionId, m.recipient, change.localTime),
        kind: 'time-change',
        offsetMinutes: null,
        changedSessionId: change.sessionId,
        dueAt: Date.parse(change.noticeDueAt) > Date.parse(now) ? change.noticeDueAt : now,
      });
    }
  }
  return out;
}

/** Local-time changes of a series still ahead at `now` (the changed class has not started). */
export function timeChangesFor(series: readonly JointSession[], timeZone: string, now: string) {
  const scheduled = series.filter((s) => s.status === 'scheduled');
  return findLocalTimeChanges(scheduled, timeZone).filter((c) => {
    const changed = scheduled.find((s) => s.id === c.sessionId);
    return changed !== undefined && Date.parse(changed.startsAt) > Date.parse(now);
  });
}
