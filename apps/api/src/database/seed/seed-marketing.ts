import { moscowDay } from '@polar/business-time';
import type { EntityManager } from 'typeorm';
import { setAbcXyzClasses } from '../../modules/clients/clients-directory';
import { storeAbcXyz } from '../../modules/marketing/abc-xyz.service';

const DAY = 86_400_000;
const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Marketing of «Лидер»: an exhibition (finished), a spring promotion (active) and the
 * invitation mailing to the exhibition (sent), with cost lines, the clients each touched
 * (influences), the deals of the exhibition's guests attributed to it, e-mail consents
 * collected at the stand and the delivery log of the mailing. Dates are relative to
 * `now`; skipped when campaigns exist.
 */
export async function seedDemoMarketing(em: EntityManager, now: Date): Promise<{ campaigns: number }> {
  const [{ exists }] = await em.query(`SELECT EXISTS (SELECT 1 FROM campaigns) AS exists`);
  if (exists) return { campaigns: 0 };
  const [marketer] = await em.query(`SELECT id FROM users WHERE email = 'marketing1@lider.test'`);
  if (!marketer) return { campaigns: 0 };
  const channel = async (code: string): Promise<string | null> => (await em.query(`SELECT id FROM reference_items WHERE kind = 'acquisition_channel' AND code = $1`, [code]))[0]?.id ?? null;
  const exhibitionStart = new Date(now.getTime() - 120 * DAY);
  const exhibitionEnd = new Date(exhibitionStart.getTime() + 3 * DAY);
  const promoStart = new Date(now.getTime() - 30 * DAY);
  const promoEnd = new Date(now.getTime() + 30 * DAY);

  const insert = async (c: { name: string; type: string; channel: string | null; startsOn: Date; endsOn: Date; budget: string; status: string; description: string; costs: Array<[number, string, string]> }) => {
    const [{ id }] = await em.query(
      `INSERT INTO campaigns (name, type, channel_id, starts_on, ends_on, budget, status, responsible_id, description, created_by, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $8, 1) RETURNING id`,
      [c.name, c.type, c.channel, day(c.startsOn), day(c.endsOn), c.budget, c.status, marketer.id, c.description],
    );
    for (const [offset, description, amount] of c.costs) {
      await em.query(`INSERT INTO campaign_costs (campaign_id, incurred_on, description, amount, created_by) VALUES ($1, $2, $3, $4, $5)`, [
        id,
        day(new Date(c.startsOn.getTime() + offset * DAY)),
        description,
        amount,
        marketer.id,
      ]);
    }
    return id as string;
  };

  const exhibition = await insert({
    name: 'Выставка «Холодильное оборудование и торговые системы»',
    type: 'exhibition',
    channel: await channel('exhibition'),
    startsOn: exhibitionStart,
    endsOn: exhibitionEnd,
    budget: '450000.00',
    status: 'finished',
    description: 'Стенд 24 м² с действующими витринами «Ариада» и камерой КХН-6,6',
    costs: [
      [-30, 'Аренда стенда 24 м²', '186000.00'],
      [-14, 'Застройка и доставка образцов', '97500.00'],
      [-7, 'Печать каталогов и буклетов', '23840.50'],
      [3, 'Командировочные расходы', '41200.00'],
    ],
  });
  const promotion = await insert({
    name: 'Весенняя акция: скидка 10 % на витрины «Ариада»',
    type: 'promotion',
    channel: await channel('advertising'),
    startsOn: promoStart,
    endsOn: promoEnd,
    budget: '150000.00',
    status: 'active',
    description: 'Реклама в отраслевом журнале и контекстная реклама; скидка при заказе до конца акции',
    costs: [
      [0, 'Модуль в журнале «Торговое оборудование»', '58000.00'],
      [2, 'Контекстная реклама, первый месяц', '35000.00'],
    ],
  });
  const invitation = await insert({
    name: 'Рассылка: приглашение на выставку',
    type: 'mailing',
    channel: await channel('exhibition'),
    startsOn: new Date(exhibitionStart.getTime() - 14 * DAY),
    endsOn: new Date(exhibitionStart.getTime() - 14 * DAY),
    budget: '0.00',
    status: 'finished',
    description: 'Приглашение постоянным клиентам с бесплатным билетом',
    costs: [],
  });

  // Guests of the exhibition: clients that came through exhibitions, and some regular ones.
  await em.query(
    `INSERT INTO campaign_influences (campaign_id, client_id, occurred_at, channel_id, note, created_by)
     SELECT $1, c.id, $2, k.channel_id, 'Посетил стенд', $3
       FROM clients c JOIN campaigns k ON k.id = $1
      WHERE c.archived_at IS NULL AND (c.channel_id = k.channel_id OR c.status = 'regular')
      ORDER BY c.name LIMIT 60`,
    [exhibition, new Date(exhibitionStart.getTime() + DAY), marketer.id],
  );
  await em.query(
    `INSERT INTO campaign_influences (campaign_id, client_id, occurred_at, channel_id, note, created_by)
     SELECT $1, c.id, $2, k.channel_id, 'Предложение по акции', $3
       FROM clients c JOIN campaigns k ON k.id = $1
      WHERE c.archived_at IS NULL AND c.status IN ('thinking', 'ready', 'active')
      ORDER BY c.name DESC LIMIT 80`,
    [promotion, new Date(promoStart.getTime() + 2 * DAY), marketer.id],
  );
  // Their deals started after the touch come from the campaign.
  await em.query(
    `UPDATE deals d SET campaign_id = i.campaign_id
       FROM campaign_influences i
      WHERE i.client_id = d.client_id AND i.campaign_id = ANY($1::uuid[]) AND d.campaign_id IS NULL AND d.created_at >= i.occurred_at - interval '60 days'`,
    [[exhibition, promotion]],
  );

  // Consents collected at the stand, and the invitation mailing that went before it.
  await em.query(
    `INSERT INTO contact_consents (contact_id, channel, granted, occurred_at, method, recorded_by)
     SELECT x.id, 'email', true, i.occurred_at, 'Анкета посетителя стенда', $2
       FROM campaign_influences i JOIN client_contacts x ON x.client_id = i.client_id
      WHERE i.campaign_id = $1 AND cardinality(x.emails) > 0`,
    [exhibition, marketer.id],
  );
  const sentAt = new Date(exhibitionStart.getTime() - 14 * DAY);
  const [{ id: mailing }] = await em.query(
    `INSERT INTO mailings (name, purpose, campaign_id, subject, body_html, body_text, status, created_by, sent_by, started_at, finished_at, version)
     VALUES ('Приглашение на выставку', 'information', $4, '{{contact.firstName}}, приглашаем на наш стенд на выставке',
             '<p>Здравствуйте, {{contact.firstName}}!</p><p>Приглашаем сотрудников {{client.name}} на стенд «Лидера»: покажем новые витрины «Ариада» в работе.</p><p>Ваш менеджер {{manager.name}}, {{manager.phone}}</p><p><a href="{{unsubscribe.url}}">Отписаться от рассылки</a></p>',
             'Здравствуйте, {{contact.firstName}}! Приглашаем сотрудников {{client.name}} на стенд «Лидера». Ваш менеджер {{manager.name}}, {{manager.phone}}. Отписаться: {{unsubscribe.url}}',
             'sent', $1, $1, $2, $3, 2) RETURNING id`,
    [marketer.id, sentAt, new Date(sentAt.getTime() + 3600_000), invitation],
  );
  await em.query(
    `INSERT INTO mail_deliveries (mailing_id, address, client_id, contact_id, state, attempts, smtp_response, message_id, sent_at)
     SELECT $1::uuid, r.address, r.client_id, r.contact_id, 'sent', 1, '250 2.0.0 Ok: queued', '<mailing-' || $1::text || '-demo-' || row_number() OVER () || '@polar.crm>', $2
       FROM (SELECT DISTINCT ON (lower(x.emails[1])) lower(x.emails[1]) AS address, x.client_id, x.id AS contact_id
               FROM client_contacts x JOIN clients c ON c.id = x.client_id
              WHERE c.status = 'regular' AND c.archived_at IS NULL AND cardinality(x.emails) > 0
              ORDER BY lower(x.emails[1]), x.id) r
     ON CONFLICT DO NOTHING`,
    [mailing, sentAt],
  );
  // Today's ABC/XYZ classes, as the nightly job would store them, so the demo's client
  // list and segments can filter by class from the first start.
  await storeAbcXyz(em, moscowDay(now), { setAbcXyzClasses });
  return { campaigns: 3 };
}
