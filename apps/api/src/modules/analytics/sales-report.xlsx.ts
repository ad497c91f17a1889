import type { ChannelConversionDto, GroupShareDto, ProductSalesDto, SalesBucketDto, SalesReportDto } from './dto/sales-report.dto';
import { buildWorkbook, sheet, type XlsxColumn } from './xlsx';

const SCOPES: Record<string, string> = { all: 'вся компания', department: 'отдел', own: 'свои клиенты' };
const UNITS: Record<string, string> = { day: 'день', week: 'неделя', month: 'месяц', quarter: 'квартал', year: 'год' };
const ru = (day: string) => day.split('-').reverse().join('.');
const span = (s: { from: string; to: string }) => `${ru(s.from)} – ${ru(s.to)}`;

interface Figure {
  name: string;
  value: string | number | null;
  previous: string | number | null;
  lastYear: string | number | null;
}

const FIGURES: ReadonlyArray<XlsxColumn<Figure>> = [
  { header: 'Показатель', kind: 'text', width: 40, value: (r) => r.name },
  { header: 'Период', kind: 'money', value: (r) => r.value },
  { header: 'Предыдущий период', kind: 'money', value: (r) => r.previous },
  { header: 'Год назад', kind: 'money', value: (r) => r.lastYear },
];

const SERIES: ReadonlyArray<XlsxColumn<SalesBucketDto>> = [
  { header: 'Начало шага', kind: 'date', value: (r) => r.bucket },
  { header: 'Объём продаж, ₽', kind: 'money', value: (r) => r.volume },
  { header: 'Заказов', kind: 'int', value: (r) => r.orders },
  { header: 'Средний чек, ₽', kind: 'money', value: (r) => r.averageCheck },
];

const GROUPS: ReadonlyArray<XlsxColumn<GroupShareDto>> = [
  { header: 'Группа товаров', kind: 'text', value: (r) => r.name },
  { header: 'Сумма, ₽', kind: 'money', value: (r) => r.amount },
  { header: 'Доля, %', kind: 'percent', value: (r) => r.share },
  { header: 'Доля в предыдущем периоде, %', kind: 'percent', value: (r) => r.previousShare },
  { header: 'Доля год назад, %', kind: 'percent', value: (r) => r.lastYearShare },
];

const CHANNELS: ReadonlyArray<XlsxColumn<ChannelConversionDto>> = [
  { header: 'Рекламный канал', kind: 'text', value: (r) => r.name || 'Не указан' },
  { header: 'Новых сделок', kind: 'int', value: (r) => r.created },
  { header: 'Выиграно', kind: 'int', value: (r) => r.won },
  { header: 'Конверсия, %', kind: 'percent', value: (r) => r.conversion },
  { header: 'Сумма выигранных, ₽', kind: 'money', value: (r) => r.wonAmount },
];

const PRODUCTS: ReadonlyArray<XlsxColumn<ProductSalesDto>> = [
  { header: 'Артикул', kind: 'text', width: 16, value: (r) => r.sku },
  { header: 'Товар', kind: 'text', width: 40, value: (r) => r.name },
  { header: 'Группа', kind: 'text', value: (r) => r.groupName },
  { header: 'Количество', kind: 'percent', value: (r) => r.quantity },
  { header: 'Сумма, ₽', kind: 'money', value: (r) => r.amount },
  { header: 'Прибыль, ₽', kind: 'money', value: (r) => r.profit },
  { header: 'Сделок', kind: 'int', value: (r) => r.deals },
];

/** The sales report as a workbook: the figures beside the previous period and last year, then one sheet per breakdown. */
export function salesWorkbook(r: SalesReportDto): Promise<Buffer> {
  const c = r.clients;
  const figures: Figure[] = [
    { name: 'Объём продаж, ₽', value: r.volume.value, previous: r.volume.previous, lastYear: r.volume.lastYear },
    { name: 'Заказов', value: r.orders.value, previous: r.orders.previous, lastYear: r.orders.lastYear },
    { name: 'Средний чек, ₽', value: r.averageCheck.value, previous: r.averageCheck.previous, lastYear: r.averageCheck.lastYear },
    { name: 'Прибыль, ₽', value: r.profit, previous: null, lastYear: null },
    { name: 'Прибыль на сделку, ₽', value: r.profitPerDeal, previous: null, lastYear: null },
    { name: 'Изменение среднего чека за период, %', value: r.averageCheckChange, previous: null, lastYear: null },
    { name: 'Повторные продажи, %', value: r.repeatPercent, previous: null, lastYear: null },
    { name: 'Новых клиентов', value: c.newClients.count, previous: null, lastYear: null },
    { name: 'Доля новых клиентов, %', value: c.newClients.share, previous: null, lastYear: null },
    { name: 'Постоянных клиентов', value: c.regular.count, previous: null, lastYear: null },
    { name: 'Потерянных клиентов', value: c.lost.count, previous: null, lastYear: null },
    { name: 'Доля потерянных, %', value: c.lost.share, previous: null, lastYear: null },
    { name: 'Продажи новым клиентам, ₽', value: c.fromNew, previous: null, lastYear: null },
    { name: 'Продажи старым клиентам, ₽', value: c.fromOld, previous: null, lastYear: null },
  ];
  return buildWorkbook(
    'Показатели продаж',
    [
      ['Период', span(r.current)],
      ['Шаг', UNITS[r.period] ?? r.period],
      ['Предыдущий период', span(r.previous)],
      ['Год назад', span(r.lastYear)],
      ['Данные', SCOPES[r.scope] ?? r.scope],
    ],
    [
      sheet({ name: 'Показатели', columns: FIGURES, rows: figures }),
      sheet({ name: 'По шагам', columns: SERIES, rows: r.series }),
      sheet({ name: 'Группы товаров', columns: GROUPS, rows: r.groups }),
      sheet({ name: 'Каналы', columns: CHANNELS, rows: r.channels }),
      sheet({ name: 'Товары', columns: PRODUCTS, rows: r.products }),
    ],
  );
}
