import { IANAZone } from 'luxon';

// Each segment of an IANA name starts with a letter (`America/Port-au-Prince`, `Etc/GMT+8`, `UTC`).
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

const zoneVerdicts = new Map<string, boolean>();

/**
 * True for an IANA zone name the runtime knows, spelled in its own case (`Asia/Shanghai`,
 * `Asia/Urumqi`, `Europe/London`, `UTC`). Refuses made-up names (`Asia/Beijing`), fixed offsets
 * (`+08:00`, `UTC+8`) and wrong case (`asia/shanghai`), so stored names are always canonical spellings.
 */
export function isValidTimeZone(name: string): boolean {
  const known = zoneVerdicts.get(name);
  if (known !== undefined) return known;
  const verdict = checkTimeZone(name);
  zoneVerdicts.set(name, verdict);
  return verdict;
}

function checkTimeZone(name: string): boolean {
  if (typeof name !== 'string' || !IANA_NAME.test(name)) return false;
  if (!IANAZone.isValidZone(name)) return false;
  const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  // Intl matches names case-insensitively; an alias (`Etc/UTC` -> `UTC`) is fine, a case slip is not.
  return resolved === name || resolved.toLowerCase() !== name.toLowerCase();
}

/** True for a real calendar date written `YYYY-MM-DD` (`2026-09-27`; not `2026-02-30`). */
export function isLocalDate(value: string): boolean {
  if (typeof value !== 'string') return false;
  const match = LOCAL_DATE.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

/** True for a wall-clock time written `HH:mm`, 00:00 to 23:59 (`08:00`). */
export function isLocalTime(value: string): boolean {
  return typeof value === 'string' && LOCAL_TIME.test(value);
}

/** Minutes after local midnight of a valid `HH:mm` (`08:30` -> 510). */
export function localTimeToMinutes(localTime: string): number {
  return Number(localTime.slice(0, 2)) * 60 + Number(localTime.slice(3, 5));
}

/** `HH:mm` for minutes after local midnight, 0..1439. */
export function minutesToLocalTime(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
