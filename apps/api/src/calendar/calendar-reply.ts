import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const CALENDAR_CONTENT_TYPE = 'text/calendar; charset=utf-8';

/** A strong ETag of the exact bytes sent: equal bodies, equal tags, whatever process rendered them. */
export const etagOf = (body: string): string => `"${createHash('sha256').update(body, 'utf8').digest('base64url').slice(0, 32)}"`;

/** True when If-None-Match names this tag (or `*`); weak tags compare by their opaque part (RFC 9110 13.1.2). */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag;
  });
}

/**
 * Sends an iCalendar body with validators: 304 without a body when the client's copy is current.
 * `no-cache` makes apps revalidate on every poll, which the ETag turns into a cheap 304.
 */
export function sendCalendar(request: FastifyRequest, reply: FastifyReply, body: string, download?: { filename: string }): FastifyReply {
  const etag = etagOf(body);
  void reply.header('etag', etag).header('cache-control', 'private, no-cache').header('x-content-type-options', 'nosniff');
  if (matchesIfNoneMatch(request.headers['if-none-match'], etag)) return reply.status(304).send();
  if (download) void reply.header('content-disposition', `attachment; filename="${download.filename}"`);
  // Bytes, not a string: the JSON response cache (http/response-cache.ts) keeps strings only, without these headers.
  return reply.status(200).header('content-type', CALENDAR_CONTENT_TYPE).send(Buffer.from(body, 'utf8'));
}

/** A request URL fit for the access log: a feed's secret token is replaced, so logs never hold a working feed URL. */
export const withoutFeedToken = (url: string): string => url.replace(/^\/calendar\/[^/?#]+/, '/calendar/[token].ics');
