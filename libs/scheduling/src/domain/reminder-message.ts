import { DateTime } from 'luxon';
import type { LocalTimeChange } from './reminder-plan.js';
import { offsetMinutesAt } from './zone-offset.js';

/** The languages a message is written in; anything else falls back to Chinese. */
export type MessageLocale = 'zh-CN' | 'en';

export function messageLocale(locale: string | null | undefined): MessageLocale {
  return locale?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

export interface NotificationText {
  subject: string;
  text: string;
}

/** The other side of the class (a western campus for the instructor, the instructor for a host). */
export interface MessagePartner {
  name: string;
  /** First zone is the partner's own; a second one is shown beside it (Xinjiang campuses). */
  timeZones: readonly string[];
}

export interface SessionMessageInput {
  kind: 'reminder' | 'cancellation';
  locale: MessageLocale;
  /** UTC ISO instants of the class. */
  startsAt: string;
  endsAt: string;
  /** The recipient's clocks: own zone first, then a second clock (Beijing time on a Xinjiang campus). */
  recipientTimeZones: readonly string[];
  partners: readonly MessagePartner[];
  courseTitle: string;
  westernClassNames: readonly string[];
  meetingUrl: string | null;
  /** For reminders: how long before the class (as planned, before any quiet-hours move). */
  offsetMinutes?: number | null;
}

const ZONE_NAMES: Record<MessageLocale, Record<string, string>> = {
  'zh-CN': {
    'Asia/Shanghai': '北京时间',
    'Asia/Urumqi': '新疆时间',
    'Europe/London': '伦敦时间',
    'Europe/Berlin': '柏林时间',
    UTC: '协调世界时',
  },
  en: {
    'Asia/Shanghai': 'Beijing time',
    'Asia/Urumqi': 'Xinjiang time',
    'Europe/London': 'London time',
    'Europe/Berlin': 'Berlin time',
    UTC: 'UTC',
  },
};
const WEEKDAYS: Record<MessageLocale, readonly string[]> = {
  'zh-CN': ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'],
  en: ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
};

const MONTHS_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A wall clock's fields at an instant, from the memoised zone offset (this runs for every message sent). */
function wallFields(ms: number, timeZone: string) {
  const offset = offsetMinutesAt(ms, timeZone);
  const local = new Date(ms + offset * 60_000);
  return {
    offset,
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    weekday: local.getUTCDay() === 0 ? 7 : local.getUTCDay(),
    time: `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`,
  };
}

/** "+6", "-4", "+5:30", "+0", as luxon's `Z` token writes an offset. */
function narrowOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const rest = abs % 60;
  return `${sign}${Math.floor(abs / 60)}${rest ? `:${String(rest).padStart(2, '0')}` : ''}`;
}

/** "Xinjiang time (Asia/Urumqi, UTC+6)" / "新疆时间（Asia/Urumqi，UTC+6）". */
export function zoneLabel(timeZone: string, ms: number, locale: MessageLocale): string {
  const name = ZONE_NAMES[locale][timeZone];
  const utc = `UTC${narrowOffset(offsetMinutesAt(ms, timeZone))}`;
  if (!name) return `${timeZone} (${utc})`;
  return locale === 'en' ? `${name} (${timeZone}, ${utc})` : `${name}（${timeZone}，${utc}）`;
}

/** A class's span on one wall clock: "Mon 28 Sep 2026, 10:00-11:35" / "2026年9月28日（周一）10:00-11:35". */
export function localSpan(startsAt: string, endsAt: string, timeZone: string, locale: MessageLocale): string {
  const start = wallFields(Date.parse(startsAt), timeZone);
  const end = wallFields(Date.parse(endsAt), timeZone);
  const sameDay = start.year === end.year && start.month === end.month && start.day === end.day;
  const endText = sameDay ? end.time : locale === 'en' ? `${WEEKDAYS.en[end.weekday]} ${end.time}` : `次日${end.time}`;
  if (locale === 'en')
    return `${WEEKDAYS.en[start.weekday]} ${start.day} ${MONTHS_SHORT[start.month - 1]} ${start.year}, ${start.time}-${endText}`;
  return `${start.year}年${start.month}月${start.day}日（${WEEKDAYS['zh-CN'][start.weekday]}）${start.time}-${endText}`;
}

/**
 * Clock lines already written, by start, end, zone and locale (every member and partner of a class
 * repeats the same few). Nested maps, not a joined key: the instants are the same strings message
 * after message, so a lookup hashes nothing new. Cleared when it holds 10,000 lines.
 */
const writtenClockLines = new Map<string, Map<string, Map<string, Partial<Record<MessageLocale, string>>>>>();
let clockLinesHeld = 0;

function clockLine(startsAt: string, endsAt: string, zone: string, locale: MessageLocale): string {
  let byEnd = writtenClockLines.get(startsAt);
  if (!byEnd) writtenClockLines.set(startsAt, (byEnd = new Map()));
  let byZone = byEnd.get(endsAt);
  if (!byZone) byEnd.set(endsAt, (byZone = new Map()));
  let byLocale = byZone.get(zone);
  if (!byLocale) byZone.set(zone, (byLocale = {}));
  let line = byLocale[locale];
  if (line === undefined) {
    line = `${localSpan(startsAt, endsAt, zone, locale)} ${zoneLabel(zone, Date.parse(startsAt), locale)}`;
    if (++clockLinesHeld > 10_000) {
      writtenClockLines.clear();
      clockLinesHeld = 0;
    } else byLocale[locale] = line;
  }
  return line;
}

function clockLines(startsAt: string, endsAt: string, zones: readonly string[], locale: MessageLocale): string[] {
  const lines: string[] = [];
  for (let index = 0; index < zones.length; index++)
    if (zones.indexOf(zones[index]!) === index) lines.push(clockLine(startsAt, endsAt, zones[index]!, locale));
  return lines;
}

function leadTime(minutes: number, locale: MessageLocale): string {
  if (minutes % 1440 === 0)
    return locale === 'en'
      ? `${minutes / 1440 === 1 ? 'tomorrow' : `in ${minutes / 1440} days`}`
      : `${minutes / 1440 === 1 ? '明天' : `${minutes / 1440}天后`}`;
  if (minutes % 60 === 0) return locale === 'en' ? `in ${minutes / 60} hour${minutes === 60 ? '' : 's'}` : `${minutes / 60}小时后`;
  return locale === 'en' ? `in ${minutes} minutes` : `${minutes}分钟后`;
}

/** The fixed words of a reminder or cancellation, per language. */
const WORDS = {
  en: {
    clockSeparator: '; ',
    partnerColon: ': ',
    classSeparator: ', ',
    opening: { reminder: 'Your joint live class is coming up.', cancellation: 'This joint live class has been cancelled.' },
    course: 'Course: ',
    classes: 'Western classes: ',
    yourTime: 'Your time: ',
    partnerTime: 'Partner local time:',
    link: 'Meeting link: ',
    noLink: 'not set yet',
  },
  'zh-CN': {
    clockSeparator: '；',
    partnerColon: '：',
    classSeparator: '、',
    opening: { reminder: '您的同步课堂即将开始。', cancellation: '本次同步课堂已取消。' },
    course: '课程：',
    classes: '西部班级：',
    yourTime: '您的时间：',
    partnerTime: '对方当地时间：',
    link: '会议链接：',
    noLink: '尚未设置',
  },
} as const;

/**
 * A reminder or cancellation for one person: the time on the person's own clock(s) first, each
 * partner's local time, the course, the western classes and the meeting link. Written by plain
 * concatenation: it runs for every message sent.
 */
export function composeSessionMessage(input: SessionMessageInput): NotificationText {
  const { locale } = input;
  const words = WORDS[locale];
  const own = clockLines(input.startsAt, input.endsAt, input.recipientTimeZones, locale);
  const headline = own[0] ?? '';
  let text = `${words.opening[input.kind]}\n${words.course}${input.courseTitle}\n${words.classes}${input.westernClassNames.join(words.classSeparator)}\n${words.yourTime}${own.join(words.clockSeparator)}\n`;
  if (input.partners.length > 0) {
    text += `${words.partnerTime}\n`;
    for (const partner of input.partners)
      text += `  ${partner.name}${words.partnerColon}${clockLines(input.startsAt, input.endsAt, partner.timeZones, locale).join(words.clockSeparator)}\n`;
  }
  if (input.kind === 'reminder') text += `${words.link}${input.meetingUrl ?? words.noLink}\n`;
  const lead = input.offsetMinutes ? leadTime(input.offsetMinutes, locale) : null;
  const subject =
    locale === 'en'
      ? input.kind === 'cancellation'
        ? `Cancelled: ${input.courseTitle}, ${headline}`
        : `Reminder: ${input.courseTitle} ${lead ?? 'soon'}, ${headline}`
      : input.kind === 'cancellation'
        ? `【已取消】${input.courseTitle} ${headline}`
        : `【上课提醒】${input.courseTitle} ${lead ?? '即将'}开始：${headline}`;
  return { subject, text };
}

/** "From 30 March this class is at 09:00 for you instead of 08:00." */
export function composeTimeChangeNotice(input: { locale: MessageLocale; change: LocalTimeChange; courseTitle: string }): NotificationText {
  const { change, locale, courseTitle } = input;
  const day = DateTime.fromISO(change.localDate, { zone: 'utc' });
  const shift =
    change.weekdayShift === 0 ? '' : locale === 'en' ? ` (on ${WEEKDAYS.en[day.weekday]})` : `（改为${WEEKDAYS['zh-CN'][day.weekday]}）`;
  const zone = zoneLabel(change.timeZone, Date.parse(`${change.localDate}T12:00:00Z`), locale);
  if (locale === 'en') {
    const sentence = `From ${day.toFormat('d MMMM')} this class is at ${change.localTime}${shift} for you instead of ${change.previousLocalTime} (${zone}).`;
    return {
      subject: `Time change: ${courseTitle} from ${day.toFormat('d MMMM')}`,
      text: `${sentence}\nCourse: ${courseTitle}\nThe class keeps its time on the partner campus; your clock changes (daylight saving time or a time-zone rule change).\n`,
    };
  }
  const sentence = `自${day.toFormat('M月d日')}起，本课程在您当地时间为${change.localTime}${shift}（原为${change.previousLocalTime}，${zone}）。`;
  return {
    subject: `【时间变更】${courseTitle} 自${day.toFormat('M月d日')}起`,
    text: `${sentence}\n课程：${courseTitle}\n对方校区上课时间不变，您所在时区的钟点发生变化（夏令时或时区规则调整）。\n`,
  };
}
