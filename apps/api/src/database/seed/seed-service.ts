import { addDays, addWorkingHours, moscowDay, moscowInstant } from '@polar/business-time';
import { addWorkingDays, isWorkingDay, nextWorkingDay, subtractWorkingDays } from '@polar/calendar';
import type { EntityManager } from 'typeorm';
import { nextDocumentNumber } from '../../modules/funnel/numbering';
import { SERVICE_CONTRACT_NUMBER } from '../../modules/service/service-contracts.service';
import { addMonths, planVisits } from '../../modules/service/visit-plan';

const WORK_DONE = [
  'Чистка конденсатора, проверка давления, подтяжка контактов',
  'Замена фильтра-осушителя, дозаправка фреоном R404A',
  'Проверка температурного режима, настройка контроллера',
];
const SIGNATORIES = ['Ковалёва И. П., управляющая', 'Сидоров А. В., завхоз', 'Мельникова О. Н., товаровед'];

/**
 * The service department of «Лидер»: engineers on the installation jobs (one finished
 * late because the deal was handed over two working days before the deadline, one
 * running past its deadline), the units of the finished jobs and older equipment at the
 * first clients of every manager, service contracts with done, missed, overdue and
 * planned visits (one contract ending soon), and open, overdue, escalated and resolved
 * requests. Deterministic; skipped when the registry already has units.
 */
export async function seedDemoService(em: EntityManager, now: Date): Promise<{ units: number }> {
  const [{ exists }] = await em.query(`SELECT EXISTS (SELECT 1 FROM equipment_units) AS exists`);
  if (exists) return { units: 0 };
  const today = moscowDay(now);
  const engineers: string[] = (await em.query(`SELECT id FROM users WHERE role = 'service' ORDER BY email`)).map((r: { id: string }) => r.id);
  if (!engineers.length) return { units: 0 };
  const crew = (i: number) => (i % 3 === 0 ? [engineers[i % engineers.length], engineers[(i + 1) % engineers.length]] : [engineers[i % engineers.length]]);
  const equipment: Array<{ id: string; sku: string }> = await em.query(`SELECT p.id, p.sku FROM products p JOIN product_groups g ON g.id = p.group_id WHERE g.code = 'equipment' ORDER BY p.sku`);
  let serial = 0;
  const nextSerial = (sku: string) => `LDR-${sku.split('-')[0]}-${String(++serial).padStart(5, '0')}`;
  let units = 0;

  const addUnits = async (clientId: string, list: Array<{ productId: string; sku: string }>, installedOn: string, jobId: string | null, contractId: string | null = null) => {
    const rows = list.map((u) => ({ product_id: u.productId, serial_number: nextSerial(u.sku) }));
    const ids: Array<{ id: string }> = await em.query(
      `INSERT INTO equipment_units (product_id, serial_number, client_id, site_address, installed_on, warranty_until, service_contract_id, installation_job_id, status, version)
       SELECT r.product_id, r.serial_number, $2, c.address, $3::date, ($3::date + interval '12 months')::date, $5, $4, 'in_service', 1
         FROM jsonb_to_recordset($1::jsonb) AS r(product_id uuid, serial_number text) JOIN clients c ON c.id = $2
       RETURNING id`,
      [JSON.stringify(rows), clientId, installedOn, jobId, contractId],
    );
    units += ids.length;
    return ids.map((r) => r.id);
  };

  // Installation jobs: engineers for all; the finished ones get their units.
  const jobs: Array<{ id: string; client_id: string; deal_id: string; status: string; deadline: string | null }> = await em.query(
    `SELECT id, client_id, deal_id, status, deadline::text AS deadline FROM installation_jobs ORDER BY deadline, id`,
  );
  for (const [i, job] of jobs.entries()) {
    await em.query(`UPDATE installation_jobs SET engineer_ids = $2 WHERE id = $1`, [job.id, crew(i)]);
    if (job.status !== 'done') continue;
    const finishedOn = subtractWorkingDays(today, 1 + (i % 4));
    await em.query(`UPDATE installation_jobs SET started_on = $2, finished_on = $2 WHERE id = $1`, [job.id, finishedOn]);
    const lines: Array<{ product_id: string; sku: string; quantity: string }> = await em.query(
      `SELECT l.product_id, p.sku, l.quantity::text AS quantity FROM deal_lines l JOIN products p ON p.id = l.product_id JOIN product_groups g ON g.id = p.group_id
        WHERE l.deal_id = $1 AND g.code = 'equipment' ORDER BY l.sort_order`,
      [job.deal_id],
    );
    const list = lines.flatMap((l) => Array.from({ length: Math.min(3, Math.max(1, Math.floor(Number(l.quantity)))) }, () => ({ productId: l.product_id, sku: l.sku })));
    await addUnits(job.client_id, list.length ? list : [{ productId: equipment[i % equipment.length].id, sku: equipment[i % equipment.length].sku }], finishedOn, job.id);
  }
  // A late installation and why: handed over 2 working days before the deadline, finished 4 days after it.
  const open = jobs.filter((j) => j.status === 'planned');
  if (open[0]) {
    const deadline = subtractWorkingDays(today, 4);
    const finishedOn = subtractWorkingDays(today, 1);
    await em.query(
      `UPDATE installation_jobs SET deadline = $2, planned_on = $2, handed_over_on = $3, status = 'done', started_on = $2, finished_on = $4,
              slip_code = 'late_handover', slip_reason = 'Сделку передали в монтаж за два рабочих дня до срока: оборудование не успели заказать' WHERE id = $1`,
      [open[0].id, deadline, subtractWorkingDays(deadline, 2), finishedOn],
    );
    await addUnits(open[0].client_id, [{ productId: equipment[2].id, sku: equipment[2].sku }], finishedOn, open[0].id);
  }
  // A job still running past its deadline (not delivered yet).
  if (open[1]) {
    await em.query(`UPDATE installation_jobs SET deadline = $2, planned_on = $2, handed_over_on = $3, status = 'in_progress', started_on = $2 WHERE id = $1`, [
      open[1].id,
      subtractWorkingDays(today, 2),
      subtractWorkingDays(today, 20),
    ]);
  }

  // Older equipment, service contracts and their visits at the first two clients of every manager.
  const managers: Array<{ id: string }> = await em.query(`SELECT id FROM users WHERE role = 'sales_manager' ORDER BY email`);
  const year = today.slice(0, 4);
  for (const [m, manager] of managers.entries()) {
    const clients: Array<{ id: string }> = await em.query(`SELECT id FROM clients WHERE manager_id = $1 AND archived_at IS NULL ORDER BY name LIMIT 2`, [manager.id]);
    for (const [c, client] of clients.entries()) {
      const pick = (k: number) => equipment[(m * 3 + c * 2 + k) % equipment.length];
      const installedOn = subtractWorkingDays(today, 250 + m * 10 + c * 5);
      const unitIds = await addUnits(client.id, [pick(0), pick(1)].map((p) => ({ productId: p.id, sku: p.sku })), installedOn, null);
      if (c > 0) continue;
      // The second manager's contract ends within the renewal window.
      const endingSoon = m === 1;
      const startsOn = endingSoon ? addDays(addMonths(today, -12), 21) : addMonths(`${today.slice(0, 7)}-01`, -4);
      const endsOn = addDays(addMonths(startsOn, 12), -1);
      const frequency = m % 3 === 2 ? 'quarterly' : 'monthly';
      const engineer = engineers[m % engineers.length];
      const [contract] = await em.query(
        `INSERT INTO service_contracts (number, client_id, starts_on, ends_on, frequency, price, status, engineer_id, version)
         VALUES ($1, $2, $3, $4, $5, $6, 'active', $7, 1) RETURNING id`,
        [await nextDocumentNumber(em, SERVICE_CONTRACT_NUMBER.kind, SERVICE_CONTRACT_NUMBER.prefix, Number(year)), client.id, startsOn, endsOn, frequency, frequency === 'monthly' ? '117600.00' : '48000.00', engineer],
      );
      await em.query(`UPDATE equipment_units SET service_contract_id = $1 WHERE id = ANY($2::uuid[])`, [contract.id, unitIds]);
      // Past periods: done visits, one missed, and the last one of every third contract left unreported (overdue).
      const months = frequency === 'monthly' ? 1 : 3;
      const past: Array<{ periodStart: string; plannedOn: string }> = [];
      for (let k = 0; ; k++) {
        const periodStart = addMonths(startsOn, k * months);
        const plannedOn = isWorkingDay(periodStart) ? periodStart : nextWorkingDay(periodStart);
        if (plannedOn >= today) break;
        past.push({ periodStart, plannedOn });
      }
      for (const [k, p] of past.entries()) {
        for (const [u, unitId] of unitIds.entries()) {
          const last = k === past.length - 1;
          const status = last && m % 3 === 0 ? 'planned' : k === 1 && u === 1 ? 'missed' : 'done';
          await em.query(
            `INSERT INTO service_visits (client_id, service_contract_id, equipment_unit_id, period_start, planned_on, status, reason, engineer_ids, done_on, work_done, parts_used, signatory_name, version)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1)`,
            [
              client.id,
              contract.id,
              unitId,
              p.periodStart,
              p.plannedOn,
              status,
              status === 'missed' ? 'Клиент не обеспечил доступ: магазин закрыт на инвентаризацию' : null,
              [engineer],
              status === 'done' ? p.plannedOn : null,
              status === 'done' ? WORK_DONE[(k + u) % WORK_DONE.length] : null,
              status === 'done' && k % 2 === 0 ? JSON.stringify([{ productId: null, description: 'Фильтр-осушитель', quantity: '1' }]) : null,
              status === 'done' ? SIGNATORIES[(m + k) % SIGNATORIES.length] : null,
            ],
          );
        }
      }
      // The next 90 days, exactly as the daily job plans them.
      const plan = planVisits({ startsOn, endsOn, frequency, unitIds }, today, 90);
      await em.query(
        `INSERT INTO service_visits (client_id, service_contract_id, equipment_unit_id, period_start, planned_on, status, engineer_ids, version)
         SELECT $1, $2, r.unit_id, r.period_start, r.planned_on, 'planned', $4::uuid[], 1 FROM jsonb_to_recordset($3::jsonb) AS r(unit_id uuid, period_start date, planned_on date)
          WHERE NOT EXISTS (SELECT 1 FROM service_visits d WHERE d.equipment_unit_id = r.unit_id AND d.period_start = r.period_start)`,
        [client.id, contract.id, JSON.stringify(plan.map((p) => ({ unit_id: p.unitId, period_start: p.periodStart, planned_on: p.plannedOn }))), [engineer]],
      );
      // Requests: an open malfunction, an overdue consultation, one resolved, one escalated to a visit.
      const kinds = [
        { kind: 'malfunction', channel: 'phone', text: 'Витрина не держит температуру, на табло +9 °C', at: moscowInstant(today, '09:30'), status: 'open', hours: 4 },
        { kind: 'consultation', channel: 'phone', text: 'Как разморозить камеру перед санитарным днём?', at: moscowInstant(subtractWorkingDays(today, 3), '11:00'), status: 'open', hours: 8 },
        { kind: 'consultation', channel: 'email', text: 'Какой режим выставить для молочной продукции?', at: moscowInstant(subtractWorkingDays(today, 5), '15:00'), status: 'resolved', hours: 8 },
        { kind: 'malfunction', channel: 'messenger', text: 'Шумит вентилятор испарителя', at: moscowInstant(subtractWorkingDays(today, 1), '10:15'), status: 'escalated', hours: 4 },
      ][m % 4];
      const [request] = await em.query(
        `INSERT INTO service_requests (client_id, equipment_unit_id, kind, channel, description, received_at, respond_by, status, outcome, resolved_at, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1) RETURNING id`,
        [
          client.id,
          unitIds[0],
          kinds.kind,
          kinds.channel,
          kinds.text,
          kinds.at,
          addWorkingHours(kinds.at, kinds.hours),
          kinds.status,
          kinds.status === 'resolved' ? 'Объяснили режим +2…+4 °C, отправили памятку' : null,
          kinds.status === 'resolved' ? addWorkingHours(kinds.at, 2) : null,
        ],
      );
      if (kinds.status === 'escalated') {
        const [visit] = await em.query(
          `INSERT INTO service_visits (client_id, equipment_unit_id, service_request_id, planned_on, status, engineer_ids, version) VALUES ($1, $2, $3, $4, 'planned', $5, 1) RETURNING id`,
          [client.id, unitIds[0], request.id, addWorkingDays(today, 1), [engineer]],
        );
        await em.query(`UPDATE service_requests SET service_visit_id = $2 WHERE id = $1`, [request.id, visit.id]);
      }
    }
  }
  return { units };
}
