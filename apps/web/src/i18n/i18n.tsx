import { DateTime } from 'luxon';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en, zh, type MessageKey } from './messages.js';

export type Locale = 'zh-CN' | 'en';
export const locales: { value: Locale; label: string }[] = [
  { value: 'zh-CN', label: '中文' },
  { value: 'en', label: 'English' },
];

const dictionaries: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zh, en };
/** English dates in day-month order with a 24-hour clock: timetables are read across zones, never with AM/PM. */
const luxonLocale: Record<Locale, string> = { 'zh-CN': 'zh-CN', en: 'en-GB' };

export const asLocale = (value: string | null | undefined): Locale | null =>
  value?.toLowerCase().startsWith('zh') ? 'zh-CN' : value?.toLowerCase().startsWith('en') ? 'en' : null;

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
  /** luxon's locale for this language (`zh-CN`, `en-GB`). */
  dateLocale: string;
  /** An instant as a weekday, date and 24-hour time in `zone`: 2026年9月28日周一 12:00 / Mon 28 Sept 2026, 12:00. */
  dateTime: (iso: string, zone: string) => string;
  time: (iso: string, zone: string) => string;
  date: (localDate: string) => string;
  number: (value: number, digits?: number) => string;
  /** An offset-free wall time (`2026-09-28 10:00`) in its own zone, formatted for the locale. */
  wall: (wall: string, zone: string) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({
  children,
  initial,
  onChange,
}: {
  children: ReactNode;
  initial: Locale;
  onChange?: (locale: Locale) => void;
}) {
  const [locale, setLocaleState] = useState<Locale>(initial);
  useEffect(() => setLocaleState(initial), [initial]);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const setLocale = useCallback(
    (next: Locale) => {
      setLocaleState(next);
      onChange?.(next);
    },
    [onChange],
  );
  const value = useMemo<I18n>(() => {
    const dictionary = dictionaries[locale];
    const dateLocale = luxonLocale[locale];
    const t: Translate = (key, values = {}) =>
      dictionary[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
    const inZone = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).setLocale(dateLocale);
    return {
      locale,
      setLocale,
      t,
      dateLocale,
      dateTime: (iso, zone) =>
        inZone(iso, zone).toLocaleString({
          weekday: 'short',
          year: 'numeric',
          month: 'short',
          day: 'numeric',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        }),
      time: (iso, zone) => inZone(iso, zone).toLocaleString({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
      date: (localDate) =>
        DateTime.fromISO(localDate, { zone: 'utc' })
          .setLocale(dateLocale)
          .toLocaleString({ weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' }),
      number: (value, digits = 0) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value),
      wall: (wall, zone) =>
        DateTime.fromFormat(wall, 'yyyy-MM-dd HH:mm', { zone })
          .setLocale(dateLocale)
          .toLocaleString({ weekday: 'short', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
    };
  }, [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}

/** The message key of an ISO weekday's name (1 = Monday). */
export const weekdayKey = (weekday: number): MessageKey => `weekday.${weekday}` as MessageKey;

/** An institution's name in the reader's language. */
export const nameIn = (locale: Locale, named: { nameZh: string; nameEn: string } | null | undefined): string =>
  named ? (locale === 'zh-CN' ? named.nameZh : named.nameEn) : '';

/** A zone as people say it: 北京时间 / Xinjiang time for the two Chinese clocks, else the IANA city. */
export function zoneLabel(t: Translate, zone: string): string {
  if (zone === 'Asia/Shanghai' || zone === 'Asia/Urumqi') return t(`zone.${zone}` as MessageKey);
  return zone.split('/').pop()!.replace(/_/g, ' ');
}
