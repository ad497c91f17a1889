import type { ManagerMonthRowDto, ManagersMonthlyDto } from './dto/managers-monthly.dto';
import { buildWorkbook, sheet, type XlsxColumn } from './xlsx';

const SCOPES: Record<string, string> = { all: 'вся компания', department: 'отдел', own: 'свои клиенты' };

const COLUMNS: ReadonlyArray<XlsxColumn<ManagerMonthRowDto>> = [
  { header: 'Менеджер', kind: 'text', width: 32, value: (r) => r.managerName || 'Итого' },
  { header: 'Новые интересы', kind: 'int', value: (r) => r.newInterests.count },
  { header: 'Сумма интересов, ₽', kind: 'money', value: (r) => r.newInterests.amount },
  { header: 'КП подготовлено', kind: 'int', value: (r) => r.proposals.count },
  { header: 'Сумма КП, ₽', kind: 'money', value: (r) => r.proposals.amount },
  { header: 'Выручка, ₽', kind: 'money', value: (r) => r.kpis.planAchievement.actual },
  { header: 'План выручки, ₽', kind: 'money', value: (r) => r.kpis.planAchievement.plan },
  { header: 'Выполнение плана, %', kind: 'percent', value: (r) => r.kpis.planAchievement.percent },
  { header: 'Проектов (выиграно)', kind: 'int', value: (r) => r.kpis.projects.actual },
  { header: 'План проектов', kind: 'int', value: (r) => r.kpis.projects.plan },
  { header: 'Ср. время обработки заказа, дн.', kind: 'percent', value: (r) => r.kpis.avgProcessingDays },
  { header: 'Положительных решений', kind: 'int', value: (r) => r.kpis.positiveDecisions.part },
  { header: 'Решений всего', kind: 'int', value: (r) => r.kpis.positiveDecisions.of },
  { header: 'Мотивированных отказов', kind: 'int', value: (r) => r.kpis.reasonedRefusals.part },
  { header: 'Отказов всего', kind: 'int', value: (r) => r.kpis.reasonedRefusals.of },
  { header: 'Доля мотивированных, %', kind: 'percent', value: (r) => r.kpis.reasonedRefusals.percent },
  { header: 'Звонков', kind: 'int', value: (r) => r.kpis.calls.actual },
  { header: 'План звонков', kind: 'int', value: (r) => r.kpis.calls.plan },
  { header: 'Встреч', kind: 'int', value: (r) => r.kpis.meetings.actual },
  { header: 'План встреч', kind: 'int', value: (r) => r.kpis.meetings.plan },
  { header: 'Смежные продажи', kind: 'int', value: (r) => r.kpis.crossSales },
  { header: 'Неоплаченных счетов', kind: 'int', value: (r) => r.kpis.unpaidInvoices.count },
  { header: 'Сумма неоплаченных, ₽', kind: 'money', value: (r) => r.kpis.unpaidInvoices.amount },
  { header: 'Просрочено > 5 дней', kind: 'int', value: (r) => r.kpis.overduePayments.count },
  { header: 'Сумма просрочки > 5 дней, ₽', kind: 'money', value: (r) => r.kpis.overduePayments.amount },
  { header: 'Несвоевременно сданных проектов', kind: 'int', value: (r) => r.kpis.lateProjects.count },
  { header: 'Причины', kind: 'text', width: 40, value: (r) => r.kpis.lateProjects.reasons.join('; ') },
];

/** The monthly report as a workbook: one row per manager and the total. */
export function managersMonthlyWorkbook(r: ManagersMonthlyDto): Promise<Buffer> {
  const [y, m] = r.month.split('-');
  return buildWorkbook('Отчёт по менеджерам за месяц', [['Месяц', `${m}.${y}`], ['Данные', SCOPES[r.scope] ?? r.scope]], [
    sheet({ name: 'Менеджеры', columns: COLUMNS, rows: [...r.rows, r.total] }),
  ]);
}
