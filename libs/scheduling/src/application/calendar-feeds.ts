import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sessionInReach } from './access.js';
import { mayWrite, reachOf, SYSTEM_ACTOR, type Actor } from './actor.js';
import { ApplicationError, ApplicationErrorCode } from './errors.js';
import type { CalendarFeed, CalendarFeedOwner } from './ports/calendar-feeds.js';
import type { Clock } from './ports/clock.js';
import type { Page, PageRequest, Stores, UnitOfWork } from './ports/stores.js';
import { buildSessionViews } from './session-views.js';
import { loadEntries, resolveSubject, withCourses, type SubjectRef, type TimetableEntry, type TimetableSubject } from './timetables.js';

/** One joint session as a calendar event. */
export interface CalendarEvent extends TimetableEntry {
  /** UTC ISO instant the session was last saved: DTSTAMP and LAST-MODIFIED. */
  changedAt: string;
}

export interface CalendarFeedContent {
  feed: CalendarFeed;
  owner: SubjectRef;
  events: CalendarEvent[];
}

/** A feed just issued, with its secret token: the only time the token is known. */
export interface IssuedCalendarFeed {
  feed: CalendarFeed;
  token: string;
}

/** A feed publishes sessions that ended up to this many days ago and start up to this many days ahead. */
export const FEED_PAST_DAYS = 90;
export const FEED_FUTURE_DAYS = 400;
const DAY_MS = 86_400_000;

/** The stored form of a feed token: SHA-256, hex. Tokens are 256 random bits, so no salt or slow hash is needed. */
export const hashFeedToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

const newFeedToken = (): string => randomBytes(32).toString('base64url');

/**
 * Subscribable calendar feeds: issue, renew and revoke secret feed URLs for a teacher, an
 * institution or a western class, and read what a feed publishes. A token is shown once; a revoked
 * or unknown token reads as "no such feed".
 */
export class CalendarFeeds {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    private readonly newId: () => string = randomUUID,
    private readonly newToken: () => string = newFeedToken,
  ) {}

  issue(owner: CalendarFeedOwner, actor: Actor): Promise<IssuedCalendarFeed> {
    return this.unitOfWork.run(async (stores) => {
      await assertMayManage(stores, owner, actor);
      return this.issueIn(stores, owner);
    });
  }

  /** Revokes the feed and issues a new token for the same owner: the old URL stops working at once. */
  renew(id: string, actor: Actor): Promise<IssuedCalendarFeed> {
    return this.unitOfWork.run(async (stores) => {
      const feed = await loadFeed(stores, id);
      await assertMayManage(stores, feed.owner, actor);
      if (!feed.revokedAt) await stores.calendarFeeds.save({ ...feed, revokedAt: this.now() });
      return this.issueIn(stores, feed.owner);
    });
  }

  /** Idempotent: revoking a revoked feed keeps its first revocation time. */
  revoke(id: string, actor: Actor): Promise<CalendarFeed> {
    return this.unitOfWork.run(async (stores) => {
      const feed = await loadFeed(stores, id);
      await assertMayManage(stores, feed.owner, actor);
      if (feed.revokedAt) return feed;
      const revoked = { ...feed, revokedAt: this.now() };
      await stores.calendarFeeds.save(revoked);
      return revoked;
    });
  }

  /** An owner's feeds, newest first within the page order of the store; never their tokens. */
  list(owner: CalendarFeedOwner, actor: Actor, page: PageRequest): Promise<Page<CalendarFeed>> {
    return this.unitOfWork.run(async (stores) => {
      await assertMayManage(stores, owner, actor, false);
      return stores.calendarFeeds.list({ ownerKind: owner.kind, ownerId: owner.id }, page);
    });
  }

  /** What the feed behind `token` publishes now; NOT_FOUND for an unknown or revoked token. */
  content(token: string): Promise<CalendarFeedContent> {
    return this.unitOfWork.run(async (stores) => {
      const feed = await stores.calendarFeeds.findByTokenHash(hashFeedToken(token));
      if (!feed || feed.revokedAt)
        throw new ApplicationError(
          ApplicationErrorCode.NotFound,
          'No calendar feed at this URL: the link is mistyped, or it was revoked or renewed.',
        );
      const subject = await feedSubject(stores, feed.owner);
      const { ref, filter } = await resolveSubject(stores, subject, SYSTEM_ACTOR);
      const now = this.clock.now().toMillis();
      const from = new Date(now - FEED_PAST_DAYS * DAY_MS).toISOString();
      const to = new Date(now + FEED_FUTURE_DAYS * DAY_MS).toISOString();
      const entries = await loadEntries(stores, filter, from, to);
      return { feed, owner: ref, events: await withChangeTimes(stores, entries) };
    });
  }

  /** One session as an event, for a hand download; NOT_FOUND when it is outside the actor's reach. */
  sessionEvent(sessionId: string, actor: Actor): Promise<CalendarEvent> {
    return this.unitOfWork.run(async (stores) => {
      const session = await stores.jointSessions.findById(sessionId);
      if (!session || !(await sessionInReach(stores, actor, session))) throw ApplicationError.notFound('joint session', sessionId);
      return (await withChangeTimes(stores, await withCourses(stores, await buildSessionViews(stores, [session]))))[0]!;
    });
  }

  private async issueIn(stores: Stores, owner: CalendarFeedOwner): Promise<IssuedCalendarFeed> {
    const token = this.newToken();
    const feed: CalendarFeed = { id: this.newId(), owner, tokenHash: hashFeedToken(token), createdAt: this.now(), revokedAt: null };
    await stores.calendarFeeds.save(feed);
    return { feed, token };
  }

  private now(): string {
    return this.clock.now().toUTC().toISO()!;
  }
}

async function loadFeed(stores: Stores, id: string): Promise<CalendarFeed> {
  const feed = await stores.calendarFeeds.findById(id);
  if (!feed) throw ApplicationError.notFound('calendar feed', id);
  return feed;
}

/** A teacher's feed carries the sessions they give and those they host. */
async function feedSubject(stores: Stores, owner: CalendarFeedOwner): Promise<TimetableSubject> {
  switch (owner.kind) {
    case 'instructor': {
      const teacher = await stores.instructors.findById(owner.id);
      return { kind: teacher?.role === 'host' ? 'host-teacher' : 'instructor', id: owner.id };
    }
    case 'institution':
    case 'western-class':
      return owner;
  }
}

async function withChangeTimes(stores: Stores, entries: TimetableEntry[]): Promise<CalendarEvent[]> {
  const changed = await stores.calendarFeeds.sessionsChangedAt(entries.map((e) => e.view.session.id));
  return entries.map((entry) => ({ ...entry, changedAt: changed.get(entry.view.session.id) ?? entry.view.session.startsAt }));
}

/**
 * Teachers manage their own feed, institution coordinators the feeds of their institution, its
 * teachers and its classes, program coordinators and admins any. The owner must exist (422 if not).
 */
async function assertMayManage(stores: Stores, owner: CalendarFeedOwner, actor: Actor, writing = true): Promise<void> {
  if (writing && !mayWrite(actor)) throw ApplicationError.forbidden('Analysts can read feeds but not issue or revoke them.');
  const institutionId = await ownerInstitutionId(stores, owner);
  const reach = reachOf(actor);
  const allowed =
    reach.kind === 'all' ||
    (reach.kind === 'institution' && reach.institutionId === institutionId) ||
    (reach.kind === 'instructor' && owner.kind === 'instructor' && owner.id === reach.instructorId);
  if (!allowed) throw ApplicationError.forbidden('You may manage only your own calendar feeds (coordinators: those of your institution).');
}

async function ownerInstitutionId(stores: Stores, owner: CalendarFeedOwner): Promise<string> {
  const missing = () => ApplicationError.invalidReference('ownerId', owner.kind.replace('-', ' '), owner.id);
  switch (owner.kind) {
    case 'instructor': {
      const teacher = await stores.instructors.findById(owner.id);
      if (!teacher) throw missing();
      return teacher.institutionId;
    }
    case 'western-class': {
      const westernClass = await stores.westernClasses.findById(owner.id);
      if (!westernClass) throw missing();
      return westernClass.institutionId;
    }
    case 'institution': {
      const institution = await stores.institutions.findById(owner.id);
      if (!institution) throw missing();
      return institution.id;
    }
  }
}
