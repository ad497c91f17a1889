import { Injectable } from '@nestjs/common';
import { clientManagersOf } from '@polar/access';
import ExcelJS from 'exceljs';
import { ReadRouting } from '../../common/replica';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { RuleViolationError } from '../../common/errors/domain-error';
import { CampaignsService } from './campaigns.service';
import type { CampaignEffectivenessDto, ChannelsReportDto, EffectivenessDto } from './dto/campaigns.dto';

/**
 * The figures of one group of deals and touches, all in SQL with exact numerics. Takes
 * the CTEs `touched(client_id, first_at)`, `lead_deals(id, client_id, status, amount)`,
 * `cost(total)` and `pays(total)` from the caller; ratios are rounded to kopecks / 0.01 %.
 */
const FIGURES = `
  SELECT (SELECT count(*) FROM touched)::int AS touched_clients,
         (SELECT count(*) FROM lead_deals)::int AS deals,
         (SELECT count(*) FROM lead_deals WHERE status = 'won')::int AS won_deals,
         (SELECT coalesce(sum(amount), 0) FROM lead_deals WHERE status = 'won')::text AS revenue,
         (SELECT total FROM pays)::text AS payments,
         (SELECT total FROM cost)::text AS cost,
         round((SELECT total FROM cost) / nullif((SELECT count(*) FROM lead_deals), 0), 2)::text AS cost_per_lead,
         round((SELECT total FROM cost) / nullif((SELECT count(*) FROM lead_deals WHERE status = 'won'), 0), 2)::text AS cost_per_won_deal,
         round(((SELECT coalesce(sum(amount), 0) FROM lead_deals WHERE status = 'won') - (SELECT total FROM cost)) * 100 / nullif((SELECT total FROM cost), 0), 2)::text AS roi_percent,
         round((SELECT count(DISTINCT d.client_id) FROM lead_deals d JOIN touched t ON t.client_id = d.client_id) * 100.0 / nullif((SELECT count(*) FROM touched), 0), 2)::text AS touched_to_deal_percent,
         round((SELECT count(*) FROM lead_deals WHERE status = 'won') * 100.0 / nullif((SELECT count(*) FROM lead_deals), 0), 2)::text AS deal_to_won_percent`;

interface FiguresRow {
  touched_clients: number;
  new_clients?: number;
  deals: number;
  won_deals: number;
  revenue: string;
  payments: string;
  cost: string;
  cost_per_lead: string | null;
  cost_per_won_deal: string | null;
  roi_percent: string | null;
  touched_to_deal_percent: string | null;
  deal_to_won_percent: string | null;
}

const figures = (r: FiguresRow): EffectivenessDto => ({
  touchedClients: r.touched_clients,
  newClients: r.new_clients ?? 0,
  deals: r.deals,
  wonDeals: r.won_deals,
  revenue: r.revenue,
  payments: r.payments,
  cost: r.cost,
  costPerLead: r.cost_per_lead,
  costPerWonDeal: r.cost_per_won_deal,
  roiPercent: r.roi_percent,
  touchedToDealPercent: r.touched_to_deal_percent,
  dealToWonPercent: r.deal_to_won_percent,
});

/**
 * The figures of a campaign and of the acquisition channels (touched clients, new
 * clients, deals, won deals and revenue, payments, cost per lead and per won deal, ROI,
 * conversions), each one SQL statement with exact numerics, and the same in XLSX.
 * Client-level figures are narrowed to the caller's clients.
 */
@Injectable()
export class CampaignFiguresService {
  constructor(
    private readonly reads: ReadRouting,
    private readonly campaigns: CampaignsService,
  ) {}

  async effectiveness(id: string, user: AuthenticatedUser): Promise<CampaignEffectivenessDto> {
    const campaign = await this.campaigns.get(id);
    const managers = clientManagersOf(user);
    const [row]: FiguresRow[] = await this.reads.manager().query(
      `WITH scoped AS (SELECT id, created_at FROM clients WHERE $2::uuid[] IS NULL OR manager_id = ANY($2::uuid[])),
            touched AS (SELECT i.client_id, min(i.occurred_at) AS first_at FROM campaign_influences i JOIN scoped s ON s.id = i.client_id WHERE i.campaign_id = $1 GROUP BY i.client_id),
            lead_deals AS (SELECT d.id, d.client_id, d.status, d.amount FROM deals d JOIN scoped s ON s.id = d.client_id WHERE d.campaign_id = $1),
            cost AS (SELECT coalesce(sum(amount), 0) AS total FROM campaign_costs WHERE campaign_id = $1),
            pays AS (SELECT coalesce(sum(p.amount), 0) AS total FROM payments p JOIN invoices v ON v.id = p.invoice_id JOIN lead_deals d ON d.id = v.deal_id)
       SELECT f.*, (SELECT count(*) FROM touched t JOIN scoped s ON s.id = t.client_id
                     WHERE (s.created_at AT TIME ZONE 'Europe/Moscow')::date >= (SELECT starts_on FROM campaigns WHERE id = $1))::int AS new_clients
         FROM (${FIGURES}) f`,
      [id, managers],
    );
    return { campaignId: id, name: campaign.name, budget: campaign.budget, scoped: managers !== null, ...figures(row) };
  }

  /**
   * Per acquisition channel over [from, to] (Moscow days): touches in the period, clients
   * created in it with the channel, deals created in it whose channel (the deal's own, or
   * its campaign's) is the channel, payments received in it on those channels' deals, and
   * the cost lines incurred in it of the channel's campaigns.
   */
  async channels(from: string, to: string, user: AuthenticatedUser): Promise<ChannelsReportDto> {
    if (from > to) throw new RuleViolationError('period_invalid', 'from must not be after to', [{ field: 'to', message: 'to must not be before from' }]);
    const managers = clientManagersOf(user);
    const rows: Array<FiguresRow & { channel_id: string | null; channel_name: string | null }> = await this.reads.manager().query(
      `WITH scoped AS (SELECT id, created_at, channel_id FROM clients WHERE $3::uuid[] IS NULL OR manager_id = ANY($3::uuid[])),
            all_touches AS (SELECT coalesce(i.channel_id, k.channel_id) AS channel_id, i.client_id FROM campaign_influences i JOIN campaigns k ON k.id = i.campaign_id JOIN scoped s ON s.id = i.client_id
                             WHERE (i.occurred_at AT TIME ZONE 'Europe/Moscow')::date BETWEEN $1 AND $2),
            all_deals AS (SELECT coalesce(d.channel_id, k.channel_id) AS channel_id, d.id, d.client_id, d.status, d.amount FROM deals d JOIN scoped s ON s.id = d.client_id LEFT JOIN campaigns k ON k.id = d.campaign_id
                           WHERE (d.created_at AT TIME ZONE 'Europe/Moscow')::date BETWEEN $1 AND $2),
            all_pays AS (SELECT coalesce(d.channel_id, k.channel_id) AS channel_id, p.amount FROM payments p JOIN invoices v ON v.id = p.invoice_id JOIN deals d ON d.id = v.deal_id
                           JOIN scoped s ON s.id = d.client_id LEFT JOIN campaigns k ON k.id = d.campaign_id WHERE p.paid_on BETWEEN $1 AND $2),
            all_costs AS (SELECT k.channel_id, c.amount FROM campaign_costs c JOIN campaigns k ON k.id = c.campaign_id WHERE c.incurred_on BETWEEN $1 AND $2),
            all_new AS (SELECT channel_id FROM scoped WHERE (created_at AT TIME ZONE 'Europe/Moscow')::date BETWEEN $1 AND $2),
            keys AS (SELECT channel_id FROM all_touches UNION SELECT channel_id FROM all_deals UNION SELECT channel_id FROM all_pays UNION SELECT channel_id FROM all_costs UNION SELECT channel_id FROM all_new)
       SELECT keys.channel_id, ch.name AS channel_name, f.*
         FROM keys LEFT JOIN reference_items ch ON ch.id = keys.channel_id
        CROSS JOIN LATERAL (
          WITH touched AS (SELECT DISTINCT client_id FROM all_touches t WHERE t.channel_id IS NOT DISTINCT FROM keys.channel_id),
               lead_deals AS (SELECT id, client_id, status, amount FROM all_deals d WHERE d.channel_id IS NOT DISTINCT FROM keys.channel_id),
               cost AS (SELECT coalesce(sum(amount), 0) AS total FROM all_costs c WHERE c.channel_id IS NOT DISTINCT FROM keys.channel_id),
               pays AS (SELECT coalesce(sum(amount), 0) AS total FROM all_pays p WHERE p.channel_id IS NOT DISTINCT FROM keys.channel_id)
          SELECT g.*, (SELECT count(*) FROM all_new n WHERE n.channel_id IS NOT DISTINCT FROM keys.channel_id)::int AS new_clients FROM (${FIGURES}) g
        ) f
        ORDER BY ch.name NULLS LAST`,
      [from, to, managers],
    );
    return {
      from,
      to,
      scoped: managers !== null,
      channels: rows.map((r) => ({ channelId: r.channel_id, channelName: r.channel_name ?? 'Без канала', ...figures(r) })),
    };
  }

  async effectivenessXlsx(id: string, user: AuthenticatedUser): Promise<Buffer> {
    const e = await this.effectiveness(id, user);
    return workbook('Эффективность', [{ ...e, channelName: e.name }]);
  }

  async channelsXlsx(from: string, to: string, user: AuthenticatedUser): Promise<Buffer> {
    const report = await this.channels(from, to, user);
    return workbook(`Каналы ${from} — ${to}`, report.channels);
  }
}

const COLUMNS: Array<[keyof EffectivenessDto, string, 'int' | 'money' | 'percent']> = [
  ['touchedClients', 'Затронуто клиентов', 'int'],
  ['newClients', 'Новые клиенты', 'int'],
  ['deals', 'Сделки (лиды)', 'int'],
  ['wonDeals', 'Выигранные сделки', 'int'],
  ['revenue', 'Выручка, ₽', 'money'],
  ['payments', 'Оплаты, ₽', 'money'],
  ['cost', 'Затраты, ₽', 'money'],
  ['costPerLead', 'Цена лида, ₽', 'money'],
  ['costPerWonDeal', 'Цена выигранной сделки, ₽', 'money'],
  ['roiPercent', 'ROI, %', 'percent'],
  ['touchedToDealPercent', 'Конверсия в сделку, %', 'percent'],
  ['dealToWonPercent', 'Конверсия в выигрыш, %', 'percent'],
];

/** The same figures as the API answer, one row per campaign / channel; amounts as exact numbers with 2 decimals. */
async function workbook(title: string, rows: Array<EffectivenessDto & { channelName: string }>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(title.slice(0, 31).replace(/[\\/?*[\]:]/g, '-'));
  sheet.addRow(['', ...COLUMNS.map(([, label]) => label)]).font = { bold: true };
  for (const r of rows) {
    sheet.addRow([r.channelName, ...COLUMNS.map(([key, , kind]) => (r[key] === null ? null : kind === 'int' ? r[key] : Number(r[key])))]);
  }
  COLUMNS.forEach(([, , kind], i) => {
    if (kind !== 'int') sheet.getColumn(i + 2).numFmt = '#,##0.00';
  });
  sheet.columns.forEach((c) => (c.width = 18));
  return Buffer.from(await book.xlsx.writeBuffer());
}
