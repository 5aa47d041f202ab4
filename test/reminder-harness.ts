import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { DateTime } from 'luxon';
import { SMTPServer } from 'smtp-server';
import { FixedClock } from './fixed-clock.js';

/** A clock that starts at a chosen instant and runs with real time, so BullMQ delays and the app agree. */
export class RunningClock extends FixedClock {
  private startedAt = Date.now();
  private start: DateTime;

  constructor(isoInstant: string) {
    super(isoInstant);
    this.start = DateTime.fromISO(isoInstant, { zone: 'utc' });
  }

  override now(): DateTime {
    return this.start.plus({ milliseconds: Date.now() - this.startedAt });
  }

  /** Shows `isoInstant` now and runs on from there. */
  restartAt(isoInstant: string): void {
    this.startedAt = Date.now();
    this.start = DateTime.fromISO(isoInstant, { zone: 'utc' });
  }

  /** Real epoch ms at which this clock shows `isoInstant`. */
  realTimeOf(isoInstant: string): number {
    return this.startedAt + (Date.parse(isoInstant) - this.start.toMillis());
  }
}

export interface ReceivedMail {
  to: string[];
  subject: string;
  messageId: string;
  body: string;
  /** Real epoch ms when the server accepted the message. */
  receivedAt: number;
}

function header(raw: string, name: string): string {
  const match = new RegExp(`^${name}:\\s*([^\\r\\n]*(?:\\r?\\n[ \\t][^\\r\\n]*)*)`, 'im').exec(raw);
  return match ? match[1]!.replace(/\r?\n[ \t]/g, ' ').trim() : '';
}

/** Decodes RFC 2047 encoded words (=?UTF-8?B?...?= and =?UTF-8?Q?...?=) in a header. */
function decodeWords(value: string): string {
  return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_m, kind: string, text: string) =>
    kind.toLowerCase() === 'b'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

/**
 * A real SMTP listener on loopback (smtp-server). A message counts as delivered only when the whole
 * DATA phase arrived and the server accepted it. `holdNext` makes the next message wait before the
 * server reads it, so a test can kill the sender mid-send.
 */
export class SmtpListener {
  readonly mails: ReceivedMail[] = [];
  private server!: SMTPServer;
  port = 0;
  private hold: { started: () => void; release: Promise<void> } | null = null;

  async start(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        const hold = this.hold;
        this.hold = null;
        const finish = () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          this.mails.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: decodeWords(header(raw, 'Subject')),
            messageId: header(raw, 'Message-ID'),
            body: raw
              .split(/\r?\n\r?\n/)
              .slice(1)
              .join('\n\n'),
            receivedAt: Date.now(),
          });
          callback();
        };
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          if (stream.sizeExceeded) return callback(new Error('too big'));
          if (!hold) return finish();
          hold.started();
          // The sender may die while the message is held: then the connection is gone and nothing counts.
          void hold.release.then(() => ((session as { closed?: boolean }).closed ? undefined : finish()));
        });
      },
      onClose: (session) => {
        (session as { closed?: boolean }).closed = true;
      },
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  /** Holds the next message after its data arrived and before it is accepted; resolves when it is held. */
  holdNext(): { held: Promise<void>; release: () => void } {
    let started!: () => void;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (started = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    this.hold = { started, release: released };
    return { held, release };
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  to(address: string): ReceivedMail[] {
    return this.mails.filter((m) => m.to.includes(address));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A queue prefix of its own, so suites sharing a Redis never see each other's jobs. */
export function uniqueQueuePrefix(): string {
  return `t${randomUUID().replace(/-/g, '').slice(0, 12)}`;
}

/** Deletes every key under a queue prefix. */
export async function dropQueues(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** A TCP port nobody listens on right now. */
export async function sparePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export const waitFor = async (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> => {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
};
