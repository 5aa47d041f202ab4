import { createHmac } from 'node:crypto';
import { PermanentDeliveryError, type ChannelAddress, type OutgoingMessage, type WebhookFlavor } from '#scheduling';

/** The JSON body a robot of each kind accepts; `generic` carries the facts for machine readers. */
export function webhookBody(flavor: WebhookFlavor, message: OutgoingMessage): Record<string, unknown> {
  const content = `${message.subject}\n\n${message.text}`;
  switch (flavor) {
    case 'dingtalk':
    case 'wecom':
      return { msgtype: 'text', text: { content } };
    case 'slack':
      return { text: content };
    case 'generic':
      return {
        event: message.kind,
        deliveryKey: message.deliveryKey,
        recipient: message.recipientName,
        subject: message.subject,
        text: message.text,
        facts: message.facts,
      };
  }
}

/** `sha256=<hex>`: HMAC-SHA256 of the exact body bytes, the way the receiver should check it. */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * Posts the message to a person's webhook, signed over the JSON body (X-Signature). DingTalk robots
 * also get their own query signature (timestamp + HMAC of `timestamp\nsecret`). A 4xx answer (but
 * 408 and 429) or a robot's non-zero errcode is permanent; 5xx and network failures are retried.
 */
export class WebhookSender {
  constructor(
    private readonly serviceSecret: string | null,
    private readonly now: () => number = Date.now,
  ) {}

  async send(message: OutgoingMessage, address: ChannelAddress): Promise<void> {
    if (!address.webhookUrl) throw new PermanentDeliveryError('no webhook URL');
    const body = JSON.stringify(webhookBody(address.webhookFlavor, message));
    const secret = address.webhookSecret ?? this.serviceSecret;
    const url = new URL(address.webhookUrl);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-delivery-key': message.deliveryKey,
      'idempotency-key': message.deliveryKey,
    };
    if (secret) {
      headers['x-signature'] = signBody(body, secret);
      if (address.webhookFlavor === 'dingtalk') {
        const timestamp = String(this.now());
        url.searchParams.set('timestamp', timestamp);
        url.searchParams.set('sign', createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64'));
      }
    }
    const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) });
    const answer = await response.text();
    if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429)
      throw new PermanentDeliveryError(`webhook answered ${response.status}: ${answer.slice(0, 200)}`);
    if (!response.ok) throw new Error(`webhook answered ${response.status}: ${answer.slice(0, 200)}`);
    const errcode = robotErrorCode(answer);
    if (errcode !== null && errcode !== 0)
      throw new PermanentDeliveryError(`webhook robot refused the message (errcode ${errcode}): ${answer.slice(0, 200)}`);
  }
}

function robotErrorCode(answer: string): number | null {
  try {
    const parsed = JSON.parse(answer) as { errcode?: unknown };
    return typeof parsed.errcode === 'number' ? parsed.errcode : null;
  } catch {
    return null;
  }
}
