import type { FunnelPeriodDto, FunnelReportDto, FunnelStageDto, LossGroupDto } from './dto/funnel-report.dto';
import { buildWorkbook, sheet, type XlsxColumn } from './xlsx';

const SCOPES: Record<string, string> = { all: 'вся компания', department: 'отдел', own: 'свои клиенты' };
const ru = (day: string) => day.split('-').reverse().join('.');

type StageRow = FunnelStageDto & { period: string };
type LossRow = LossGroupDto & { period: string };

const STAGES: ReadonlyArray<XlsxColumn<StageRow>> = [
  { header: 'Период', kind: 'text', width: 24, value: (r) => r.period },
  { header: 'Этап', kind: 'text', value: (r) => r.name },
  { header: 'Дошло сделок', kind: 'int', value: (r) => r.reached },
  { header: 'Конверсия в следующий, %', kind: 'percent', value: (r) => r.toNext },
  { header: 'Конверсия в выигрыш, %', kind: 'percent', value: (r) => r.toWon },
  { header: 'Выбыло на этапе', kind: 'int', value: (r) => r.dropped },
  { header: 'Сумма выбывших, ₽', kind: 'money', value: (r) => r.droppedAmount },
  { header: 'Пребываний', kind: 'int', value: (r) => r.stays },
  { header: 'Медиана, дн.', kind: 'percent', value: (r) => r.medianDays },
  { header: '90-й перцентиль, дн.', kind: 'percent', value: (r) => r.p90Days },
];

const losses = (what: string): ReadonlyArray<XlsxColumn<LossRow>> => [
  { header: 'Период', kind: 'text', width: 24, value: (r) => r.period },
  { header: what, kind: 'text', value: (r) => r.name || 'Не указан' },
  { header: 'Сделок', kind: 'int', value: (r) => r.count },
  { header: 'Сумма, ₽', kind: 'money', value: (r) => r.amount },
];

const label = (p: FunnelPeriodDto) => `${ru(p.from)} – ${ru(p.to)}`;

/** The funnel report as a workbook: stages, loss reasons and competitors, the current period then the previous one. */
export function funnelWorkbook(r: FunnelReportDto): Promise<Buffer> {
  const periods = [r.current, r.previous];
  return buildWorkbook(
    'Воронка продаж',
    [
      ['Период', label(r.current)],
      ['Сравнение с', label(r.previous)],
      ['Менеджер', r.managerName ?? 'все'],
      ['Данные', SCOPES[r.scope] ?? r.scope],
    ],
    [
      sheet({ name: 'Этапы', columns: STAGES, rows: periods.flatMap((p) => p.stages.map((s) => ({ ...s, period: label(p) }))) }),
      sheet({ name: 'Причины отказов', columns: losses('Причина'), rows: periods.flatMap((p) => p.lossReasons.map((s) => ({ ...s, period: label(p) }))) }),
      sheet({ name: 'Конкуренты', columns: losses('Конкурент'), rows: periods.flatMap((p) => p.competitors.map((s) => ({ ...s, period: label(p) }))) }),
    ],
  );
}
