import type { PortfolioRowDto } from './dto/portfolio.dto';
import { buildWorkbook, sheet, type XlsxColumn } from './xlsx';

const COLUMNS: ReadonlyArray<XlsxColumn<PortfolioRowDto>> = [
  { header: 'Клиент', kind: 'text', width: 36, value: (r) => r.clientName },
  { header: 'Регион', kind: 'text', width: 20, value: (r) => r.region },
  { header: 'Город', kind: 'text', width: 20, value: (r) => r.city },
  { header: 'Менеджер', kind: 'text', width: 28, value: (r) => r.managerName },
  { header: 'Первая покупка', kind: 'date', value: (r) => r.firstPurchase },
  { header: 'Покупок', kind: 'int', value: (r) => r.purchases },
  { header: 'Дней между покупками', kind: 'percent', value: (r) => r.daysBetweenPurchases },
  { header: 'Что покупает', kind: 'text', width: 40, value: (r) => r.buys.join(', ') },
  { header: 'Средний чек, ₽', kind: 'money', value: (r) => r.averageCheck },
  { header: 'Оплачено, ₽', kind: 'money', value: (r) => r.paid },
  { header: 'Созревание, дн.', kind: 'int', value: (r) => r.ripeningDays },
];

/** The portfolio with the same filters as a workbook. */
export function portfolioWorkbook(rows: PortfolioRowDto[], filters: Array<[string, string]>, truncated: boolean): Promise<Buffer> {
  return buildWorkbook('Портфель клиентов', truncated ? [...filters, ['Внимание', 'Показаны первые строки: уточните фильтр']] : filters, [
    sheet({ name: 'Клиенты', columns: COLUMNS, rows }),
  ]);
}
