/**
 * UI translations: zh-CN first, English second. The choice is kept in localStorage and applied
 * to vue-i18n, Element Plus's own strings (through `elementLocale` in App.vue) and `<html lang>`.
 * Only zh-CN ships with the page: English (ours and Element Plus's) loads when chosen, and
 * messages are compiled by ./compile, not by vue-i18n's compiler (dropped in vite.config.ts).
 */
import { computed, shallowRef } from 'vue';
import { createI18n } from 'vue-i18n';
import type { Language } from 'element-plus/es/locale';
import elementZhCn from 'element-plus/es/locale/lang/zh-cn';
import type { ErrorCode, ErrorDetail } from '../../shared/errors';
import { LOCALES, type Locale } from '../../shared/constants';
import { ApiError } from '../api/ApiError';
import { compileMessage } from './compile';
import zhCN, { type MessageSchema } from './zh-CN';

declare module 'vue-i18n' {
  // Gives `t('…')` key checking against the zh-CN schema everywhere.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  export interface DefineLocaleMessage extends MessageSchema {}
}

// Every shared error code must have a translation: a new code in shared/errors.ts fails here.
const _everyErrorTranslated: Record<ErrorCode, string> = zhCN.errors;

export const LOCALE_STORAGE_KEY = 'yinzhi.locale';

/** Language names are shown in their own language, whatever the UI locale. */
export const LOCALE_NAMES: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' };

function storedLocale(): Locale {
  try {
    const value = localStorage.getItem(LOCALE_STORAGE_KEY);
    return (LOCALES as readonly string[]).includes(value ?? '') ? (value as Locale) : 'zh-CN';
  } catch {
    return 'zh-CN'; // storage blocked (privacy mode): fall back to the default
  }
}

export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: 'zh-CN',
  fallbackLocale: 'zh-CN',
  // English is added by loadLocale() before it is ever selected (the type wants every locale up front).
  messages: { 'zh-CN': zhCN } as Record<Locale, MessageSchema>,
  messageCompiler: compileMessage,
});

/** Element Plus's translations for its own components (pagination, dialogs, date pickers…). */
export const elementLocale = shallowRef<Language>(elementZhCn);

/** Each locale's messages, ours and Element Plus's; zh-CN is already in the bundle. */
const LOADERS: Record<Locale, () => Promise<[MessageSchema, Language]>> = {
  'zh-CN': async () => [zhCN, elementZhCn],
  en: () => Promise.all([import('./en').then((m) => m.default), import('element-plus/es/locale/lang/en').then((m) => m.default)]),
};
const loaded = new Map<Locale, Language>([['zh-CN', elementZhCn]]);

async function loadLocale(locale: Locale): Promise<Language> {
  const known = loaded.get(locale);
  if (known) return known;
  const [messages, element] = await LOADERS[locale]();
  i18n.global.setLocaleMessage(locale, messages);
  loaded.set(locale, element);
  return element;
}

/** Boot: the stored language, loaded before the app mounts so that it never shows in zh-CN first. */
export async function startLocale(): Promise<void> {
  const locale = storedLocale();
  document.documentElement.lang = locale;
  if (locale !== 'zh-CN') await setLocale(locale).catch(() => (document.documentElement.lang = 'zh-CN'));
}

/** The current UI locale (reactive). */
export const currentLocale = computed<Locale>(() => i18n.global.locale.value);

/** A date and time in the UI's language (2026/12/01 10:40 or 12/01/2026, 10:40 AM); reactive to a language switch. */
export function localDateTime(iso: string | Date): string {
  return new Date(iso).toLocaleString(currentLocale.value, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

/** A date in the UI's language. */
export function localDate(iso: string | Date): string {
  return new Date(iso).toLocaleDateString(currentLocale.value, { year: 'numeric', month: '2-digit', day: '2-digit' });
}

/**
 * Switches the UI language (once its messages have loaded) and remembers it for the next visit.
 * If they cannot load (offline), the page stays in its language and the choice is not stored.
 */
export async function setLocale(locale: Locale): Promise<void> {
  elementLocale.value = await loadLocale(locale);
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // not persisted; the switch still applies to this page
  }
}

/** A user-facing sentence for anything thrown by the API layer (or elsewhere). */
export function errorMessage(err: unknown): string {
  const { t } = i18n.global;
  if (!(err instanceof ApiError)) return t('errors.internal');
  if (err.code === 'rate_limited') {
    const seconds = err.details.find((d) => d.code === 'retry_after')?.message;
    return seconds ? `${t('errors.rate_limited')} (${seconds} s)` : t('errors.rate_limited');
  }
  return t(`errors.${err.code}`);
}

/** A field problem from `details`, translated by its machine code when we know it. */
export function fieldErrorMessage(detail: ErrorDetail): string {
  const { t, te } = i18n.global;
  const key = `fieldErrors.${detail.code}`;
  return te(key) ? t(key) : detail.message;
}
