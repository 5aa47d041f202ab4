import { NotificationSender, PermanentDeliveryError, type ChannelAddress, type OutgoingMessage } from '#scheduling';
import type { SmtpSender } from './smtp-sender.js';
import type { WebhookSender } from './webhook-sender.js';

/** Email over SMTP and signed webhooks; a channel without an address or configuration is a permanent no. */
export class ChannelSender extends NotificationSender {
  constructor(
    private readonly smtp: SmtpSender | null,
    private readonly webhook: WebhookSender,
  ) {
    super();
  }

  async send(channel: 'email' | 'webhook', message: OutgoingMessage, address: ChannelAddress): Promise<void> {
    switch (channel) {
      case 'email':
        if (!this.smtp) throw new PermanentDeliveryError('email is not configured on this server (SMTP_URL)');
        if (!address.email) throw new PermanentDeliveryError('no email address');
        return this.smtp.send(message, address.email);
      case 'webhook':
        return this.webhook.send(message, address);
    }
  }

  /** Closes pooled SMTP connections. */
  close(): void {
    this.smtp?.close();
  }
}
