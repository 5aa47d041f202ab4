import { Store } from './stores.js';

/** Whose sessions a calendar feed publishes: a teacher (instructor or host), an institution, or one western class. */
export type CalendarFeedOwnerKind = 'instructor' | 'institution' | 'western-class';

export interface CalendarFeedOwner {
  kind: CalendarFeedOwnerKind;
  id: string;
}

/**
 * A subscribable calendar URL. The secret token is shown once, when issued; only its SHA-256 hash
 * (hex) is kept, so a leaked database does not leak working feed URLs.
 */
export interface CalendarFeed {
  id: string;
  owner: CalendarFeedOwner;
  tokenHash: string;
  /** UTC ISO instants. */
  createdAt: string;
  revokedAt: string | null;
}

export interface CalendarFeedFilter {
  ownerKind?: CalendarFeedOwnerKind;
  ownerId?: string;
  /** true: only feeds not revoked; false: only revoked ones. */
  active?: boolean;
}

export abstract class CalendarFeedStore extends Store<CalendarFeed, CalendarFeedFilter> {
  abstract findByTokenHash(tokenHash: string): Promise<CalendarFeed | null>;

  /**
   * When each joint session was last saved (UTC ISO), by session id: a calendar event's DTSTAMP and
   * LAST-MODIFIED, so an unchanged feed renders byte for byte the same and keeps its ETag.
   */
  abstract sessionsChangedAt(sessionIds: readonly string[]): Promise<Map<string, string>>;
}
