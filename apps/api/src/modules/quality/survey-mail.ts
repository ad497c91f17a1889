import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../common/context/clock';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { ConsentsService } from '../marketing/consents.service';
import { MailTransport } from '../marketing/mail/mail-transport';
import { defineQueue } from '../queue/queue.types';
import type { WorkContext } from '../queue/queue.types';

/** One e-mail survey invitation to mail (enqueued in the transaction that created it). */
export const SURVEY_MAIL_QUEUE = defineQueue<{ invitationId: string }>('quality.survey-mail');

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const ddmmyyyy = (d: Date) => new Intl.DateTimeFormat('ru-RU', { timeZone: 'Europe/Moscow', day: '2-digit', month: '2-digit', year: 'numeric' }).format(d);

/**
 * Mails the personal survey links of regular clients through marketing's SMTP transport
 * (nodemailer with the configured server and sender). An address on marketing's global
 * suppression list (unsubscribed, bounced, added by hand) gets no mail: the invitation is
 * marked `suppressed` and its link stays for the officer. A refusal is retried by the
 * queue; after the last attempt the invitation is `failed` with the server's answer.
 */
@Injectable()
export class SurveyMailer {
  constructor(
    private readonly transport: MailTransport,
    private readonly consents: ConsentsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async send(invitationId: string, ctx: WorkContext): Promise<{ state: string }> {
    const inv = await ctx.transaction(async (em) => {
      const [row] = await em.query(
        `SELECT i.email, i.token, i.expires_at, i.mail_state, s.title, s.description FROM survey_invitations i JOIN surveys s ON s.id = i.survey_id WHERE i.id = $1 FOR UPDATE OF i`,
        [invitationId],
      );
      return row as { email: string; token: string; expires_at: Date; mail_state: string | null; title: string; description: string | null } | undefined;
    });
    if (!inv || inv.mail_state !== 'queued') return { state: inv?.mail_state ?? 'gone' };
    if (await this.suppressed(inv.email)) {
      await ctx.transaction((em) => this.mark(em, invitationId, 'suppressed', null));
      return { state: 'suppressed' };
    }
    const link = `${this.config.quality.publicBaseUrl}/survey/${inv.token}`;
    const until = ddmmyyyy(new Date(inv.expires_at));
    const intro = inv.description ?? 'Нам важно ваше мнение о работе «Лидер».';
    await this.transport.send({
      to: inv.email,
      subject: `Опрос «${inv.title}»`,
      text: `Здравствуйте!\n\n${intro}\nОтветьте, пожалуйста, на несколько вопросов: ${link}\n\nСсылка личная и действует до ${until}.`,
      html: `<p>Здравствуйте!</p><p>${escapeHtml(intro)}</p><p><a href="${escapeHtml(link)}">Ответить на вопросы</a></p><p>Ссылка личная и действует до ${until}.</p>`,
    });
    await ctx.transaction((em) => this.mark(em, invitationId, 'sent', null));
    return { state: 'sent' };
  }

  /** After the last attempt: the invitation says why it was not mailed. */
  async failed(em: EntityManager, invitationId: string, error: string | null): Promise<void> {
    await this.mark(em, invitationId, 'failed', error);
  }

  /** On marketing's suppression list (it matches addresses case-insensitively by substring; equality decides here). */
  private async suppressed(address: string): Promise<boolean> {
    const page = await this.consents.suppressions({ q: address, page: 1, pageSize: 100 });
    return page.items.some((s) => s.address.toLowerCase() === address.toLowerCase());
  }

  private async mark(em: EntityManager, invitationId: string, state: 'sent' | 'suppressed' | 'failed', error: string | null): Promise<void> {
    await em.query(`UPDATE survey_invitations SET mail_state = $2, mailed_at = coalesce($4::timestamptz, mailed_at), mail_error = $3 WHERE id = $1`, [
      invitationId,
      state,
      error,
      state === 'sent' ? this.clock.now() : null,
    ]);
  }
}
