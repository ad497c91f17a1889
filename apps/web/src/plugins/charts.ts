import { defineAsyncComponent, type App } from 'vue';

/**
 * ECharts (through vue-echarts) for the analytics screens. It is registered as an
 * async global component `<v-chart>`, so ECharts is downloaded only when a screen
 * first renders a chart and stays out of the initial bundle.
 */
export const VChart = defineAsyncComponent(() => import('./EChart.vue'));

export function registerCharts(app: App): void {
  app.component('VChart', VChart);
}
