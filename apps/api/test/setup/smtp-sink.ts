import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Received {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Raw header lines, unfolded, by lower-case name. */
  header: (name: string) => string | undefined;
  messageId: string | undefined;
}

/**
 * A real SMTP server in this process: what arrives is parsed like a mail client would.
 * `answers` scripts the reply to RCPT TO per address (first use first): a 4xx is a
 * temporary refusal, a 5xx a permanent one.
 */
export class SmtpSink {
  readonly received: Received[] = [];
  readonly answers = new Map<string, number[]>();
  /** Milliseconds each accepted mail takes (a slow server, so a test can kill a sender mid-way). */
  delayMs = 0;
  private server!: SMTPServer;
  port = 0;

  async start(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        const code = this.answers.get(address.address.toLowerCase())?.shift();
        if (code) {
          const err = new Error(code >= 500 ? 'Mailbox does not exist' : 'Try again later') as Error & { responseCode: number };
          err.responseCode = code;
          return callback(err);
        }
        callback();
      },
      onData: (stream, _session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', async () => {
          if (this.delayMs) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
          const raw = Buffer.concat(chunks);
          const head = raw.toString('utf8').split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
          const header = (name: string) => head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))?.slice(name.length + 1).trim();
          simpleParser(raw)
          .then((mail) => {
            const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
            this.received.push({
              to: (to?.value[0]?.address ?? '').toLowerCase(),
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              html: typeof mail.html === 'string' ? mail.html : '',
              header,
              messageId: mail.messageId,
            });
            callback();
          })
          .catch(callback);
        });
      },
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  to(address: string): Received[] {
    return this.received.filter((m) => m.to === address);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
