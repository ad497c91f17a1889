import type { Schemas } from '@polar/api-client';
import { chartNumber } from './compare';

type ExpectedRow = Schemas['ExpectedSalesRowDto'];
type StageRow = Schemas['StageRowDto'];
type ManagerRow = Schemas['ManagerMonthRowDto'];

const axisMoney = (locale: string) => (value: number) =>
  new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'ru-RU', { notation: 'compact', maximumFractionDigits: 1 }).format(value);

const moneyTooltip = (format: (v: string) => string) => (params: Array<{ seriesName: string; value: number; axisValueLabel: string; marker: string }>) =>
  [params[0]?.axisValueLabel ?? '', ...params.map((p) => `${p.marker}${p.seriesName}: ${format(String(p.value))}`)].join('<br/>');

/** Expected sales by close month: plain and weighted bars side by side. */
export function expectedSalesOption(
  rows: readonly ExpectedRow[],
  labels: { amount: string; weighted: string; noDate: string; month: (m: string) => string },
  locale: string,
  format: (v: string) => string,
): Record<string, unknown> {
  const names = rows.map((r) => (r.month ? labels.month(r.month) : labels.noDate));
  return {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: moneyTooltip(format) },
    legend: { top: 0, left: 0, itemWidth: 12, itemHeight: 10 },
    grid: { left: 4, right: 8, top: 30, bottom: 4, containLabel: true },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, fontSize: 11 } },
    yAxis: { type: 'value', axisLabel: { formatter: axisMoney(locale) } },
    series: [
      { name: labels.amount, type: 'bar', data: rows.map((r) => chartNumber(r.amount)), itemStyle: { color: '#9db8d9' } },
      { name: labels.weighted, type: 'bar', data: rows.map((r) => chartNumber(r.weighted)), itemStyle: { color: '#2f6fb3' } },
    ],
  };
}

/** Open deals per stage as a horizontal funnel of bars (sum), the count in the label. */
export function stagesOption(rows: readonly StageRow[], label: string, locale: string, format: (v: string) => string): Record<string, unknown> {
  return {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: moneyTooltip(format) },
    grid: { left: 4, right: 40, top: 4, bottom: 4, containLabel: true },
    xAxis: { type: 'value', axisLabel: { formatter: axisMoney(locale) } },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name), axisLabel: { width: 150, overflow: 'truncate' } },
    series: [
      {
        name: label,
        type: 'bar',
        data: rows.map((r) => chartNumber(r.amount)),
        itemStyle: { color: '#2f6fb3', borderRadius: [0, 3, 3, 0] },
        barMaxWidth: 18,
        label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => String(rows[p.dataIndex]?.deals ?? '') },
      },
    ],
  };
}

/** Revenue against plan per manager: two horizontal bars each. */
export function planChartOption(rows: readonly ManagerRow[], labels: { actual: string; plan: string }, locale: string, format: (v: string) => string): Record<string, unknown> {
  return {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: moneyTooltip(format) },
    legend: { top: 0, left: 0, itemWidth: 12, itemHeight: 10 },
    grid: { left: 4, right: 12, top: 30, bottom: 4, containLabel: true },
    xAxis: { type: 'value', axisLabel: { formatter: axisMoney(locale) } },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.managerName), axisLabel: { width: 140, overflow: 'truncate' } },
    series: [
      { name: labels.plan, type: 'bar', data: rows.map((r) => chartNumber(r.kpis.planAchievement.plan ?? '0')), itemStyle: { color: '#c9d6e6' }, barMaxWidth: 10 },
      { name: labels.actual, type: 'bar', data: rows.map((r) => chartNumber(r.kpis.planAchievement.actual)), itemStyle: { color: '#2f6fb3' }, barMaxWidth: 10 },
    ],
  };
}

type FunnelStage = Schemas['FunnelStageDto'];

/** Deals that reached each stage, this period beside the previous one (the comparison chart). */
export function funnelCompareOption(current: readonly FunnelStage[], previous: readonly FunnelStage[], labels: { current: string; previous: string }): Record<string, unknown> {
  const before = new Map(previous.map((s) => [s.stageId, s.reached]));
  return {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, left: 0, itemWidth: 12, itemHeight: 10 },
    grid: { left: 4, right: 24, top: 30, bottom: 4, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: current.map((s) => s.name), axisLabel: { width: 150, overflow: 'truncate' } },
    series: [
      { name: labels.previous, type: 'bar', data: current.map((s) => before.get(s.stageId) ?? 0), itemStyle: { color: '#c9d6e6' }, barMaxWidth: 12 },
      { name: labels.current, type: 'bar', data: current.map((s) => s.reached), itemStyle: { color: '#2f6fb3' }, barMaxWidth: 12, label: { show: true, position: 'right' } },
    ],
  };
}

type SalesBucket = Schemas['SalesBucketDto'];

/** Volume per step as bars and the average check as a line on its own axis. */
export function salesSeriesOption(
  rows: readonly SalesBucket[],
  labels: { volume: string; averageCheck: string; step: (bucket: string) => string },
  locale: string,
  format: (v: string) => string,
): Record<string, unknown> {
  return {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: moneyTooltip(format) },
    legend: { top: 0, left: 0, itemWidth: 12, itemHeight: 10 },
    grid: { left: 4, right: 8, top: 30, bottom: 4, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => labels.step(r.bucket)), axisLabel: { fontSize: 11 } },
    yAxis: [
      { type: 'value', axisLabel: { formatter: axisMoney(locale) } },
      { type: 'value', axisLabel: { formatter: axisMoney(locale) }, splitLine: { show: false } },
    ],
    series: [
      { name: labels.volume, type: 'bar', data: rows.map((r) => chartNumber(r.volume)), itemStyle: { color: '#2f6fb3' }, barMaxWidth: 28 },
      { name: labels.averageCheck, type: 'line', yAxisIndex: 1, connectNulls: true, data: rows.map((r) => (r.averageCheck === null ? null : chartNumber(r.averageCheck))), itemStyle: { color: '#e6a23c' } },
    ],
  };
}

/** One figure in three periods side by side (the period comparison). */
export function threePeriodsOption(
  items: ReadonlyArray<{ name: string; value: string; previous: string; lastYear: string }>,
  labels: { value: string; previous: string; lastYear: string },
  locale: string,
  format: (v: string) => string,
): Record<string, unknown> {
  return {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: moneyTooltip(format) },
    legend: { top: 0, left: 0, itemWidth: 12, itemHeight: 10 },
    grid: { left: 4, right: 8, top: 30, bottom: 4, containLabel: true },
    xAxis: { type: 'category', data: items.map((i) => i.name) },
    yAxis: { type: 'value', axisLabel: { formatter: axisMoney(locale) } },
    series: [
      { name: labels.lastYear, type: 'bar', data: items.map((i) => chartNumber(i.lastYear)), itemStyle: { color: '#dfe6ee' }, barMaxWidth: 24 },
      { name: labels.previous, type: 'bar', data: items.map((i) => chartNumber(i.previous)), itemStyle: { color: '#9db8d9' }, barMaxWidth: 24 },
      { name: labels.value, type: 'bar', data: items.map((i) => chartNumber(i.value)), itemStyle: { color: '#2f6fb3' }, barMaxWidth: 24 },
    ],
  };
}
