import type { CalendarFeed, IssuedCalendarFeed } from '#scheduling';

/** A feed as listed: never its token, which only the issuing answer carries. */
export const calendarFeedResponse = (feed: CalendarFeed) => ({
  id: feed.id,
  ownerKind: feed.owner.kind,
  ownerId: feed.owner.id,
  createdAt: feed.createdAt,
  revokedAt: feed.revokedAt,
  active: feed.revokedAt === null,
});

/** The subscribable URL, shown once: `https://...` for browsers and `webcal://...` for calendar apps. */
export function issuedCalendarFeedResponse({ feed, token }: IssuedCalendarFeed, publicUrl: string) {
  const url = `${publicUrl}/calendar/${token}.ics`;
  return { ...calendarFeedResponse(feed), token, url, webcalUrl: url.replace(/^https?:/, 'webcal:') };
}
