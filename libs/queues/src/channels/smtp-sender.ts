import nodemailer, { type Transporter } from 'nodemailer';
import { PermanentDeliveryError, type OutgoingMessage } from '#scheduling';

/** Sends email over SMTP. Timeouts stay well under the delivery lease so a hung send cannot overlap a retry. */
export class SmtpSender {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    const url = new URL(smtpUrl);
    const secure = url.protocol === 'smtps:';
    this.transport = nodemailer.createTransport({
      host: url.hostname,
      port: url.port ? Number(url.port) : secure ? 465 : 587,
      secure,
      ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
      pool: true,
      maxConnections: 5,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
  }

  async send(message: OutgoingMessage, to: string): Promise<void> {
    try {
      await this.transport.sendMail({
        from: this.from,
        to,
        subject: message.subject,
        text: message.text,
        // The delivery key as Message-ID: a mail system that sees it twice can tell it is the same message.
        messageId: `<${message.deliveryKey}@east-west-scheduler>`,
        headers: { 'X-Delivery-Key': message.deliveryKey },
      });
    } catch (error) {
      const smtp = error as { responseCode?: number; code?: string; message?: string };
      if ((smtp.responseCode !== undefined && smtp.responseCode >= 500) || smtp.code === 'EENVELOPE')
        throw new PermanentDeliveryError(`SMTP refused the message: ${smtp.message ?? String(error)}`);
      throw error;
    }
  }

  close(): void {
    this.transport.close();
  }
}
