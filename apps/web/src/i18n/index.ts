import { createI18n } from 'vue-i18n';
import { computed } from 'vue';
import analyticsEn from './analytics.en';
import auditEn from './audit.en';
import auditRu from './audit.ru';
import analyticsRu from './analytics.ru';
import calendarEn from './calendar.en';
import calendarRu from './calendar.ru';
import clientsEn from './clients.en';
import clientsRu from './clients.ru';
import commonEn from './common.en';
import commonRu from './common.ru';
import companyEn from './company.en';
import companyRu from './company.ru';
import errorsEn from './errors.en';
import errorsRu from './errors.ru';
import funnelEn from './funnel.en';
import funnelRu from './funnel.ru';
import integrationsEn from './integrations.en';
import integrationsRu from './integrations.ru';
import marketingEn from './marketing.en';
import marketingRu from './marketing.ru';
import planningEn from './planning.en';
import planningRu from './planning.ru';
import queuesEn from './queues.en';
import queuesRu from './queues.ru';
import qualityEn from './quality.en';
import qualityRu from './quality.ru';
import serviceEn from './service.en';
import serviceRu from './service.ru';
import usersEn from './users.en';
import usersRu from './users.ru';

export type Locale = 'ru' | 'en';
export const LOCALES: readonly Locale[] = ['ru', 'en'];
export const DEFAULT_LOCALE: Locale = 'ru';
export const LOCALE_STORAGE_KEY = 'polar.locale';

/** The Russian messages: the per-feature files (`common`, `errors`, `users`, `audit`, `clients`, `funnel`, `planning` + `jobs`…). */
export type MessageSchema = typeof clientsRu & typeof commonRu & typeof errorsRu & typeof usersRu & typeof auditRu & { funnel: typeof funnelRu } & typeof planningRu & typeof calendarRu & typeof queuesRu & typeof analyticsRu & typeof qualityRu & typeof marketingRu & typeof serviceRu & typeof companyRu & typeof integrationsRu;

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The remembered choice, Russian when there is none. */
export function storedLocale(): Locale {
  try {
    const value = localStorage.getItem(LOCALE_STORAGE_KEY);
    return isLocale(value) ? value : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: storedLocale(),
  fallbackLocale: DEFAULT_LOCALE,
  messages: {
    ru: { ...commonRu, ...errorsRu, ...usersRu, ...auditRu, ...clientsRu, funnel: funnelRu, ...planningRu, ...calendarRu, ...queuesRu, ...analyticsRu, ...qualityRu, ...marketingRu, ...serviceRu, ...companyRu, ...integrationsRu },
    en: { ...commonEn, ...errorsEn, ...usersEn, ...auditEn, ...clientsEn, funnel: funnelEn, ...planningEn, ...calendarEn, ...queuesEn, ...analyticsEn, ...qualityEn, ...marketingEn, ...serviceEn, ...companyEn, ...integrationsEn },
  },
  missingWarn: false,
  fallbackWarn: false,
});

export const currentLocale = computed<Locale>(() => i18n.global.locale.value as Locale);

/** Switches vue-i18n (and, through App.vue, Element Plus) and remembers the choice. */
export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  try {
    localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // storage unavailable (private mode): the choice lasts for this page only
  }
  document.documentElement.lang = locale;
}

/** Translation outside components (stores, the error mapper). */
export function t(key: string, params?: Record<string, unknown>): string {
  return params ? i18n.global.t(key, params) : i18n.global.t(key);
}

export function te(key: string): boolean {
  return i18n.global.te(key);
}
