import { formatRuDate } from '@polar/business-time';
import type { ContactsRowDto, DashboardDto, ExpectedSalesRowDto, OverdueInvoiceDto, StageRowDto } from './dto/dashboard.dto';
import { buildWorkbook, sheet } from './xlsx';

const SCOPES: Record<string, string> = { all: 'вся компания', department: 'отдел', own: 'свои клиенты' };

/** The dashboard as a workbook: the same figures, one sheet per section. */
export function dashboardWorkbook(d: DashboardDto): Promise<Buffer> {
  const k = d.kpis;
  const kpiRows: Array<{ name: string; value: string | number; previous: string | number | null; kind: 'money' | 'int' }> = [
    { name: 'Выручка за день', value: k.revenueToday.value, previous: k.revenueToday.previous, kind: 'money' },
    { name: 'Выручка с начала месяца', value: k.revenueMonth.value, previous: k.revenueMonth.previous, kind: 'money' },
    { name: 'План выручки на месяц', value: d.revenueVsPlan.plan, previous: null, kind: 'money' },
    { name: 'Новые сделки с начала месяца', value: k.newDeals.value, previous: k.newDeals.previous, kind: 'int' },
    { name: 'Выиграно сделок с начала месяца', value: k.wonDeals.value, previous: k.wonDeals.previous, kind: 'int' },
    { name: 'Сумма выигранных сделок', value: k.wonAmount.value, previous: k.wonAmount.previous, kind: 'money' },
    { name: 'Открытые сделки', value: k.openDeals, previous: null, kind: 'int' },
    { name: 'Сумма открытых сделок', value: k.openAmount, previous: null, kind: 'money' },
    { name: 'Взвешенная по вероятности сумма', value: k.weightedAmount, previous: null, kind: 'money' },
  ];
  return buildWorkbook('День директора', [['Дата', formatRuDate(d.date)], ['Данные', SCOPES[d.scope] ?? d.scope]], [
    sheet({
      name: 'Показатели',
      rows: kpiRows,
      columns: [
        { header: 'Показатель', kind: 'text', width: 36, value: (r) => r.name },
        // Money and counts share a column: the number format is money's, counts have no kopecks anyway.
        { header: 'Значение', kind: 'money', value: (r) => r.value },
        { header: 'Прошлый период', kind: 'money', value: (r) => r.previous },
      ],
    }),
    sheet<ExpectedSalesRowDto>({
      name: 'Ожидаемые продажи',
      rows: d.expectedSales,
      columns: [
        { header: 'Месяц закрытия', kind: 'month', value: (r) => r.month },
        { header: 'Сделок', kind: 'int', value: (r) => r.deals },
        { header: 'Сумма, ₽', kind: 'money', value: (r) => r.amount },
        { header: 'С учётом вероятности, ₽', kind: 'money', value: (r) => r.weighted },
      ],
    }),
    sheet<StageRowDto>({
      name: 'Этапы',
      rows: d.stages,
      columns: [
        { header: 'Этап', kind: 'text', value: (r) => r.name },
        { header: 'Вероятность, %', kind: 'int', value: (r) => r.probability },
        { header: 'Сделок', kind: 'int', value: (r) => r.deals },
        { header: 'Сумма, ₽', kind: 'money', value: (r) => r.amount },
      ],
    }),
    sheet<ContactsRowDto>({
      name: 'Контакты',
      rows: d.contacts,
      columns: [
        { header: 'Сотрудник', kind: 'text', value: (r) => r.employeeName },
        { header: 'Состоялось', kind: 'int', value: (r) => r.done },
        { header: 'Просрочено', kind: 'int', value: (r) => r.overdue },
        { header: 'Запланировано', kind: 'int', value: (r) => r.planned },
      ],
    }),
    sheet<OverdueInvoiceDto>({
      name: 'Просроченные счета',
      rows: d.overdueInvoices.items,
      columns: [
        { header: 'Счёт', kind: 'text', width: 16, value: (r) => r.number },
        { header: 'Клиент', kind: 'text', value: (r) => r.clientName },
        { header: 'Срок оплаты', kind: 'date', value: (r) => r.dueDate },
        { header: 'Дней просрочки', kind: 'int', value: (r) => r.daysOverdue },
        { header: 'Долг, ₽', kind: 'money', value: (r) => r.outstanding },
      ],
    }),
  ]);
}
