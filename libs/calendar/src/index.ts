export * from './calendar';
export type { CalendarYearData } from './data';
