import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';

export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
  messageId?: string;
  headers?: Record<string, string>;
}

/** What the SMTP server answered for one accepted mail. */
export interface SentMail {
  response: string;
}

/** An SMTP refusal: `code` is the reply code (5xx permanent, 4xx temporary), absent for a network failure. */
export interface SmtpFailure {
  code: number | null;
  response: string;
}

export function smtpFailure(error: unknown): SmtpFailure {
  const e = error as { responseCode?: number; response?: string; message?: string };
  return { code: typeof e.responseCode === 'number' ? e.responseCode : null, response: (e.response ?? e.message ?? String(error)).slice(0, 2000) };
}

/** Outgoing SMTP (nodemailer) with the configured server and sender. */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private transporter: Transporter | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  private get smtp(): Transporter {
    const mail = this.config.mail;
    this.transporter ??= nodemailer.createTransport({
      host: mail.smtpHost,
      port: mail.smtpPort,
      secure: mail.smtpSecure,
      auth: mail.smtpUser ? { user: mail.smtpUser, pass: mail.smtpPassword ?? '' } : undefined,
      pool: true,
      maxConnections: 2,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
      // A local test server has a self-signed certificate, if any.
      tls: { rejectUnauthorized: this.config.nodeEnv === 'production' },
    });
    return this.transporter;
  }

  async send(mail: OutgoingMail): Promise<SentMail> {
    const info = await this.smtp.sendMail({ from: this.config.mail.from, ...mail });
    return { response: String(info.response ?? '') };
  }

  onApplicationShutdown(): void {
    this.transporter?.close();
  }
}
