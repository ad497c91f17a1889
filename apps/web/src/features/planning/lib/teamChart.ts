import type { TeamMemberDayDto } from '@/features/planning/lib/types';

/** "Иванов Иван Иванович" → "Иванов И. И." (short labels for the chart axis). */
export function shortName(fullName: string): string {
  const [last, ...rest] = fullName.trim().split(/\s+/);
  if (!last) return fullName;
  const initials = rest.map((part) => `${part[0]?.toUpperCase() ?? ''}.`).join(' ');
  return initials ? `${last} ${initials}` : last;
}

export interface TeamChartLabels {
  planned: string;
  done: string;
  overdue: string;
}

/** The employees worth a bar: anyone with something planned, done or overdue. */
export function chartMembers(members: readonly TeamMemberDayDto[]): TeamMemberDayDto[] {
  return members.filter((m) => m.planned + m.done + m.overdue > 0);
}

/** Pixel height of the chart for a number of employees (a bar group per employee). */
export function chartHeight(count: number): number {
  return Math.max(180, 56 + count * 34);
}

/**
 * ECharts option: horizontal grouped bars, planned vs done vs overdue per employee
 * (tree-shaken bar chart, grid, legend and tooltip are registered in plugins/EChart.vue).
 */
export function teamChartOption(members: readonly TeamMemberDayDto[], labels: TeamChartLabels): Record<string, unknown> {
  const rows = chartMembers(members);
  const series = (name: string, color: string, pick: (m: TeamMemberDayDto) => number) => ({
    name,
    type: 'bar',
    data: rows.map(pick),
    itemStyle: { color, borderRadius: [0, 3, 3, 0] },
    barMaxWidth: 9,
    barGap: '15%',
  });
  return {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, left: 0, itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 12 } },
    grid: { left: 4, right: 20, top: 30, bottom: 4, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#eef1f5' } } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((m) => shortName(m.fullName)),
      axisTick: { show: false },
      axisLabel: { fontSize: 12, color: '#4a5566' },
    },
    series: [
      series(labels.planned, '#409eff', (m) => m.planned),
      series(labels.done, '#67c23a', (m) => m.done),
      series(labels.overdue, '#f56c6c', (m) => m.overdue),
    ],
  };
}
