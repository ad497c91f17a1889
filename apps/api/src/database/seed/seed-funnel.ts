import { addWorkingDays, subtractWorkingDays } from '@polar/calendar';
import type { EntityManager } from 'typeorm';
import { lineTotal, sumMoney } from '@polar/money';
import { moscowToday } from '../../modules/funnel/numbering';
import { mulberry32 } from './demo-clients';

const PRODUCTS: Array<[group: string, sku: string, name: string, unit: string, price: string]> = [
  ['equipment', 'VIT-ARIADA-1.2', 'Витрина холодильная «Ариада» 1,2 м', 'шт', '118500.00'],
  ['equipment', 'VIT-ARIADA-1.8', 'Витрина холодильная «Ариада» 1,8 м', 'шт', '156900.00'],
  ['equipment', 'VIT-GASTRO-2.5', 'Витрина гастрономическая с выносным холодом 2,5 м', 'шт', '298000.00'],
  ['equipment', 'SHK-POLAIR-0.7', 'Шкаф холодильный POLAIR 0,7 м³', 'шт', '64800.00'],
  ['equipment', 'KAM-KXH-6.6', 'Камера холодильная КХН-6,6 м³', 'шт', '212400.00'],
  ['equipment', 'KAM-KXH-11.0', 'Камера холодильная КХН-11 м³', 'шт', '289700.00'],
  ['equipment', 'AGR-SPLIT-MGS', 'Сплит-система среднетемпературная MGS', 'шт', '154300.00'],
  ['equipment', 'AGR-BITZER-4', 'Агрегат холодильный на базе Bitzer 4 кВт', 'шт', '412000.00'],
  ['equipment', 'LAR-MOROZ-1.5', 'Ларь морозильный 1,5 м', 'шт', '47900.00'],
  ['installation', 'MNT-VIT', 'Монтаж и пусконаладка витрины', 'шт', '12500.00'],
  ['installation', 'MNT-KAM', 'Монтаж холодильной камеры', 'шт', '38000.00'],
  ['installation', 'MNT-TRASSA', 'Прокладка фреоновой трассы', 'м', '2400.00'],
  ['service_contracts', 'TO-MONTH', 'Договор технического обслуживания, месяц', 'мес', '9800.00'],
  ['service_contracts', 'TO-YEAR', 'Договор технического обслуживания, год', 'год', '99000.00'],
  ['spare_parts', 'ZIP-FAN', 'Вентилятор испарителя', 'шт', '3900.00'],
  ['spare_parts', 'ZIP-CTRL', 'Контроллер температуры Danfoss', 'шт', '7600.00'],
];

interface DemoDeal {
  id?: string;
  clientId: string;
  managerId: string;
  stageCode: string;
  title: string;
  lines: Array<{ productId: string; description: string; quantity: string; unitPrice: string; discountPercent: string; lineTotal: string; sortOrder: number }>;
  amount: string;
  createdAt: Date;
}

/**
 * The funnel of «Лидер»: a catalogue, deals in every stage and outcome for each manager,
 * proposals, signed contracts with installation deadlines (and their installation jobs),
 * invoices of which some fall due in each of the next 1–6 working days and some are
 * overdue, with partial and full payments. Skipped when deals already exist.
 */
export async function seedDemoFunnel(em: EntityManager, now: Date): Promise<{ deals: number; invoices: number }> {
  const [{ exists }] = await em.query(`SELECT EXISTS (SELECT 1 FROM deals) AS exists`);
  if (exists) return { deals: 0, invoices: 0 };
  const rand = mulberry32(7301);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  const today = moscowToday(now);
  const year = Number(today.slice(0, 4));
  const DAY = 86_400_000;

  const groups: Array<{ id: string; code: string }> = await em.query(`SELECT id, code FROM product_groups`);
  const products: Array<{ id: string; sku: string; name: string; price: string; group: string }> = [];
  for (const [group, sku, name, unit, price] of PRODUCTS) {
    const [row] = await em.query(
      `INSERT INTO products (group_id, sku, name, unit, list_price, version) VALUES ($1, $2, $3, $4, $5, 1)
       ON CONFLICT (sku) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
      [groups.find((g) => g.code === group)!.id, sku, name, unit, price],
    );
    products.push({ id: row.id, sku, name, price, group });
  }
  const stages: Array<{ id: string; code: string; name: string; kind: string; probability: number; sort_order: number }> = await em.query(
    `SELECT id, code, name, kind, probability, sort_order FROM pipeline_stages ORDER BY sort_order`,
  );
  const stage = (code: string) => stages.find((s) => s.code === code)!;
  const lossReasons: Array<{ id: string; name: string }> = await em.query(`SELECT id, name FROM reference_items WHERE kind = 'loss_reason' ORDER BY sort_order`);
  const managers: Array<{ id: string; email: string }> = await em.query(`SELECT id, email FROM users WHERE role = 'sales_manager' AND email LIKE 'manager%@lider.test' ORDER BY email`);

  // Two deals in each open stage, one won and one lost per manager.
  const plan = ['presentation', 'presentation', 'proposal', 'proposal', 'decision', 'decision', 'contract', 'contract', 'handover', 'handover', 'won', 'lost'];
  const deals: DemoDeal[] = [];
  for (const m of managers) {
    const clients: Array<{ id: string; name: string }> = await em.query(
      `SELECT id, name FROM clients WHERE manager_id = $1 AND status IN ('thinking', 'ready', 'active', 'regular') ORDER BY name LIMIT 12`,
      [m.id],
    );
    plan.forEach((stageCode, i) => {
      const client = clients[i % clients.length];
      const equipment = pick(products.filter((p) => p.group === 'equipment'));
      const install = products.find((p) => p.sku === (equipment.sku.startsWith('KAM') ? 'MNT-KAM' : 'MNT-VIT'))!;
      const qty = String(1 + Math.floor(rand() * 4));
      const discount = pick(['0', '0', '3', '5', '7.5', '10']);
      const lines = [
        { productId: equipment.id, description: equipment.name, quantity: qty, unitPrice: equipment.price, discountPercent: discount, lineTotal: lineTotal(qty, equipment.price, discount), sortOrder: 1 },
        { productId: install.id, description: install.name, quantity: qty, unitPrice: install.price, discountPercent: '0', lineTotal: lineTotal(qty, install.price, '0'), sortOrder: 2 },
      ];
      deals.push({
        clientId: client.id,
        managerId: m.id,
        stageCode,
        title: `${equipment.name.split(' ').slice(0, 2).join(' ')} для «${client.name.replace(/^.*«|»$/g, '')}»`.slice(0, 300),
        lines,
        amount: sumMoney(lines.map((l) => l.lineTotal)),
        createdAt: new Date(now.getTime() - (10 + Math.floor(rand() * 80)) * DAY),
      });
    });
  }

  let proposalSeq = 0;
  let contractSeq = 0;
  let invoiceSeq = 0;
  let invoiceIndex = 0;
  const events: Array<Record<string, unknown>> = [];
  for (const d of deals) {
    const st = stage(d.stageCode);
    const closed = st.kind !== 'open';
    const lossReason = st.kind === 'lost' ? pick(lossReasons).id : null;
    const [row] = await em.query(
      `INSERT INTO deals (client_id, title, manager_id, stage_id, status, amount, probability, expected_close_date, loss_reason_id, loss_comment, closed_at, created_at, updated_at, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, 1) RETURNING id`,
      [
        d.clientId, d.title, d.managerId, st.id, st.kind, d.amount, st.probability,
        closed ? null : addWorkingDays(today, 10 + Math.floor(rand() * 40)),
        lossReason, lossReason ? 'Клиент выбрал более дешёвое оборудование у конкурента' : null,
        closed ? new Date(d.createdAt.getTime() + 20 * DAY) : null, d.createdAt,
      ],
    );
    d.id = row.id;
    for (const l of d.lines) {
      await em.query(
        `INSERT INTO deal_lines (deal_id, product_id, description, quantity, unit_price, discount_percent, line_total, sort_order) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [d.id, l.productId, l.description, l.quantity, l.unitPrice, l.discountPercent, l.lineTotal, l.sortOrder],
      );
    }
    // The path through the funnel up to the deal's stage, a few days per stage.
    const open = stages.filter((s) => s.kind === 'open');
    const reached = st.kind === 'open' ? open.filter((s) => s.sort_order <= st.sort_order) : st.kind === 'won' ? [...open, st] : [...open.slice(0, 3), st];
    reached.forEach((s, i) =>
      events.push({ table: 'history', deal_id: d.id, from_stage_id: i ? reached[i - 1].id : null, to_stage_id: s.id, changed_at: new Date(d.createdAt.getTime() + i * 4 * DAY).toISOString(), changed_by: d.managerId }),
    );
    events.push({ table: 'timeline', client_id: d.clientId, occurred_at: d.createdAt.toISOString(), kind: 'deal_created', subject_type: 'deal', subject_id: d.id, actor_id: d.managerId, payload: { dealId: d.id, title: d.title, amount: d.amount, stageName: open[0].name } });

    const order = st.kind === 'won' ? 99 : st.kind === 'lost' ? 2 : st.sort_order / 10;
    if (order >= 2) {
      proposalSeq++;
      const number = `КП-${year}-${String(proposalSeq).padStart(5, '0')}`;
      const [p] = await em.query(
        `INSERT INTO proposals (deal_id, number, status, issue_date, valid_until, total, sent_at, created_by, created_at, updated_at, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $7, $7, 1) RETURNING id`,
        [d.id, number, order >= 4 ? 'accepted' : 'sent', today, addWorkingDays(today, 20), d.amount, new Date(d.createdAt.getTime() + 4 * DAY), d.managerId],
      );
      for (const l of d.lines) {
        await em.query(
          `INSERT INTO proposal_lines (proposal_id, product_id, description, unit, quantity, unit_price, discount_percent, line_total, sort_order) VALUES ($1, $2, $3, 'шт', $4, $5, $6, $7, $8)`,
          [p.id, l.productId, l.description, l.quantity, l.unitPrice, l.discountPercent, l.lineTotal, l.sortOrder],
        );
      }
      events.push({ table: 'timeline', client_id: d.clientId, occurred_at: new Date(d.createdAt.getTime() + 4 * DAY).toISOString(), kind: 'proposal_sent', subject_type: 'proposal', subject_id: p.id, actor_id: d.managerId, payload: { dealId: d.id, number, total: d.amount } });
    }
    if (order >= 4) {
      contractSeq++;
      const number = `Д-${year}-${String(contractSeq).padStart(5, '0')}`;
      const signed = order >= 5;
      const deadline = addWorkingDays(today, 5 + Math.floor(rand() * 25));
      const [k] = await em.query(
        `INSERT INTO contracts (deal_id, number, signed_on, amount, installation_deadline, status, version) VALUES ($1, $2, $3, $4, $5, $6, 1) RETURNING id`,
        [d.id, number, signed ? subtractWorkingDays(today, 3) : null, d.amount, deadline, signed ? 'signed' : 'draft'],
      );
      if (signed) {
        const [job] = await em.query(
          `INSERT INTO installation_jobs (deal_id, contract_id, client_id, deadline, planned_on, handed_over_on, engineer_ids, status, version)
           VALUES ($1, $2, $3, $4, $4, $6, '{}', $5, 1) RETURNING id`,
          [d.id, k.id, d.clientId, deadline, st.kind === 'won' ? 'done' : 'planned', subtractWorkingDays(today, 2)],
        );
        events.push({ table: 'timeline', client_id: d.clientId, occurred_at: new Date(now.getTime() - 3 * DAY).toISOString(), kind: 'contract_signed', subject_type: 'contract', subject_id: k.id, actor_id: d.managerId, payload: { dealId: d.id, number, amount: d.amount, signedOn: subtractWorkingDays(today, 3), installationDeadline: deadline } });
        events.push({ table: 'timeline', client_id: d.clientId, occurred_at: new Date(now.getTime() - 2 * DAY).toISOString(), kind: 'installation_created', subject_type: 'installation', subject_id: job.id, actor_id: d.managerId, payload: { dealId: d.id, dealTitle: d.title, contractId: k.id, contractNumber: number, deadline } });
        // Invoices: due in each of the next 1–6 working days, overdue, partly and fully paid.
        invoiceSeq++;
        const variant = invoiceIndex++ % 9;
        const due = variant < 6 ? addWorkingDays(today, variant + 1) : variant === 6 ? subtractWorkingDays(today, 4) : addWorkingDays(today, 12);
        const paid = variant === 7 ? lineTotal('1', d.amount, '70') : variant === 8 ? d.amount : '0.00';
        const status = paid === d.amount ? 'paid' : due < today ? 'overdue' : paid !== '0.00' ? 'partly_paid' : 'issued';
        const inumber = `СЧ-${year}-${String(invoiceSeq).padStart(5, '0')}`;
        const [inv] = await em.query(
          `INSERT INTO invoices (client_id, deal_id, contract_id, number, issue_date, due_date, amount, paid_amount, status, paid_at, created_by, version)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1) RETURNING id`,
          [d.clientId, d.id, k.id, inumber, subtractWorkingDays(today, 5), due, d.amount, paid, status, status === 'paid' ? now : null, d.managerId],
        );
        events.push({ table: 'timeline', client_id: d.clientId, occurred_at: new Date(now.getTime() - 5 * DAY).toISOString(), kind: 'invoice_issued', subject_type: 'invoice', subject_id: inv.id, actor_id: d.managerId, payload: { dealId: d.id, number: inumber, amount: d.amount, dueDate: due } });
        if (paid !== '0.00') {
          await em.query(`INSERT INTO payments (invoice_id, paid_on, amount, reference, created_by) VALUES ($1, $2, $3, $4, $5)`, [inv.id, subtractWorkingDays(today, 1), paid, `П/п № ${1000 + invoiceSeq}`, d.managerId]);
          events.push({ table: 'timeline', client_id: d.clientId, occurred_at: new Date(now.getTime() - DAY).toISOString(), kind: 'payment_received', subject_type: 'invoice', subject_id: inv.id, actor_id: null, payload: { number: inumber, amount: paid, paidAmount: paid, invoiceAmount: d.amount, fullyPaid: paid === d.amount } });
        }
      }
    }
    if (closed) {
      events.push({ table: 'timeline', client_id: d.clientId, occurred_at: new Date(d.createdAt.getTime() + 20 * DAY).toISOString(), kind: st.kind === 'won' ? 'deal_won' : 'deal_lost', subject_type: 'deal', subject_id: d.id, actor_id: d.managerId, payload: { dealId: d.id, title: d.title, amount: d.amount, fromStageName: reached[reached.length - 2].name, toStageName: st.name, comment: lossReason ? 'Клиент выбрал более дешёвое оборудование у конкурента' : null, ...(lossReason ? { lossReasonName: lossReasons.find((r) => r.id === lossReason)?.name ?? null } : {}) } });
    }
  }
  const history = events.filter((e) => e.table === 'history');
  await em.query(
    `INSERT INTO deal_stage_history (deal_id, from_stage_id, to_stage_id, changed_at, changed_by)
     SELECT deal_id, from_stage_id, to_stage_id, changed_at, changed_by FROM jsonb_to_recordset($1::jsonb)
       AS r(deal_id uuid, from_stage_id uuid, to_stage_id uuid, changed_at timestamptz, changed_by uuid)`,
    [JSON.stringify(history)],
  );
  await em.query(
    `INSERT INTO timeline_events (client_id, occurred_at, kind, subject_type, subject_id, actor_id, payload)
     SELECT client_id, occurred_at, kind, subject_type, subject_id, actor_id, payload FROM jsonb_to_recordset($1::jsonb)
       AS r(client_id uuid, occurred_at timestamptz, kind text, subject_type text, subject_id text, actor_id uuid, payload jsonb)`,
    [JSON.stringify(events.filter((e) => e.table === 'timeline'))],
  );
  // Numbering continues after the demo documents.
  await em.query(
    `INSERT INTO document_counters (kind, year, last_value) VALUES ('proposal', $1, $2), ('contract', $1, $3), ('invoice', $1, $4)
     ON CONFLICT (kind, year) DO UPDATE SET last_value = EXCLUDED.last_value`,
    [year, proposalSeq, contractSeq, invoiceSeq],
  );
  return { deals: deals.length, invoices: invoiceSeq };
}
