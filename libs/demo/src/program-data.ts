import { createHash } from 'node:crypto';
import type {
  CalendarException,
  ClassPeriod,
  Course,
  Institution,
  Instructor,
  Pairing,
  PairingStatus,
  Region,
  Term,
  WeeklyWindow,
  Weekday,
  WesternClass,
} from '#scheduling';

/**
 * The demo program of "Boosting MOOCs in Western China" (慕课西部行) for the 2026-2027 academic
 * year, as pure data: eastern instructors, western (and two international) partner classes, the
 * MOOCs they share and the pairings between them. No I/O; the seed script persists it.
 */

export type DemoUserRole = 'admin' | 'program_coordinator' | 'institution_coordinator' | 'teacher' | 'analyst';

export interface DemoUser {
  id: string;
  email: string;
  displayName: string;
  role: DemoUserRole;
  institutionId: string | null;
  /** Set for teachers: the instructor (eastern) or host teacher (western) this login acts as. */
  instructorId: string | null;
  locale: 'zh-CN' | 'en';
}

export interface DemoProgram {
  institutions: Institution[];
  terms: Term[];
  instructors: Instructor[];
  courses: Course[];
  westernClasses: WesternClass[];
  pairings: Pairing[];
  users: DemoUser[];
}

/**
 * A stable UUID for a readable demo key (`institution:ksu`, `term:ksu:2026-autumn`): the SHA-1 of
 * `demo:` + key with the version nibble set to 5 and the RFC 4122 variant bits, so reseeding
 * yields the same ids and links to demo records survive a rebuild.
 */
export function demoId(key: string): string {
  const hex = createHash('sha1').update(`demo:${key}`).digest('hex');
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return [hex.slice(0, 8), hex.slice(8, 12), `5${hex.slice(13, 16)}`, `${variant}${hex.slice(17, 20)}`, hex.slice(20, 32)].join('-');
}

// ---------------------------------------------------------------------------------------------
// Bell schedules: [period name, localStart, localEnd] in the institution's own zone, Mon-Fri.
// ---------------------------------------------------------------------------------------------

type Slot = readonly [name: string, localStart: string, localEnd: string];

const BELLS = {
  /** Eastern campuses and the western campuses that keep an eastern rhythm. */
  standard: [
    ['第1-2节', '08:00', '09:35'],
    ['第3-4节', '10:05', '11:40'],
    ['第5-6节', '14:00', '15:35'],
    ['第7-8节', '15:55', '17:30'],
    ['第9-10节', '19:00', '20:35'],
  ],
  /** North-west and south-west campuses on Beijing time whose sun rises later: 08:30 start. */
  late: [
    ['第1-2节', '08:30', '10:05'],
    ['第3-4节', '10:25', '12:00'],
    ['第5-6节', '14:30', '16:05'],
    ['第7-8节', '16:25', '18:00'],
    ['第9-10节', '19:30', '21:05'],
  ],
  /** Lhasa keeps Beijing time but its day runs about an hour behind the east's. */
  tibet: [
    ['第1-2节', '09:00', '10:35'],
    ['第3-4节', '10:55', '12:30'],
    ['第5-6节', '15:00', '16:35'],
    ['第7-8节', '16:55', '18:30'],
    ['第9-10节', '20:00', '21:35'],
  ],
  /** Xinjiang campuses on Beijing time: the working day is shifted two hours (10:00 start). */
  xinjiangBeijingTime: [
    ['第1-2节', '10:00', '11:35'],
    ['第3-4节', '12:00', '13:35'],
    ['第5-6节', '16:00', '17:35'],
    ['第7-8节', '17:55', '19:30'],
    ['第9-10节', '21:00', '22:35'],
  ],
  /** Xinjiang campuses on Xinjiang time (UTC+6): 10:00-11:35 local is 12:00-13:35 in Beijing. */
  xinjiangLocalTime: [
    ['第1-2节', '08:15', '09:50'],
    ['第3-4节', '10:00', '11:35'],
    ['第5-6节', '14:00', '15:35'],
    ['第7-8节', '15:55', '17:30'],
    ['第9-10节', '19:00', '20:35'],
  ],
  /** Edinburgh: teaching on the hour, 90-minute seminars. */
  edinburgh: [
    ['Period 1', '09:00', '10:30'],
    ['Period 2', '11:00', '12:30'],
    ['Period 3', '14:00', '15:30'],
    ['Period 4', '16:00', '17:30'],
  ],
  /** Berlin: the "c.t." slots of German universities, a quarter past the even hour. */
  berlin: [
    ['Period 1', '08:15', '09:45'],
    ['Period 2', '10:15', '11:45'],
    ['Period 3', '12:15', '13:45'],
    ['Period 4', '14:15', '15:45'],
    ['Period 5', '16:15', '17:45'],
  ],
} as const satisfies Record<string, readonly Slot[]>;

type BellKey = keyof typeof BELLS;

const SCHOOL_DAYS: readonly Weekday[] = [1, 2, 3, 4, 5];

function classPeriods(bells: BellKey): ClassPeriod[] {
  return SCHOOL_DAYS.flatMap((weekday) => BELLS[bells].map(([name, localStart, localEnd]) => ({ name, weekday, localStart, localEnd })));
}

// ---------------------------------------------------------------------------------------------
// Academic calendars: terms and calendar exceptions, per calendar family.
// ---------------------------------------------------------------------------------------------

type CalendarKey = 'china' | 'xinjiang' | 'scotland' | 'berlin';

/** Every institution has these two term keys, so a class can name "its autumn term". */
type TermKey = '2026-autumn' | '2027-spring';

const TERMS: Record<CalendarKey, readonly (readonly [TermKey, string, string, string])[]> = {
  china: [
    ['2026-autumn', '2026—2027学年秋季学期', '2026-09-07', '2027-01-15'],
    ['2027-spring', '2026—2027学年春季学期', '2027-02-22', '2027-07-02'],
  ],
  xinjiang: [
    ['2026-autumn', '2026—2027学年秋季学期', '2026-09-07', '2027-01-15'],
    ['2027-spring', '2026—2027学年春季学期', '2027-02-22', '2027-07-02'],
  ],
  // Teaching weeks; Semester 2 spans the 2027-03-28 switch to BST.
  scotland: [
    ['2026-autumn', 'Semester 1 2026/27', '2026-09-21', '2026-12-11'],
    ['2027-spring', 'Semester 2 2026/27', '2027-01-11', '2027-04-09'],
  ],
  // Lecture periods (Vorlesungszeit); the winter semester spans the 2026-10-25 switch to CET.
  berlin: [
    ['2026-autumn', 'Wintersemester 2026/27', '2026-10-12', '2027-02-13'],
    ['2027-spring', 'Sommersemester 2027', '2027-04-12', '2027-07-17'],
  ],
};

function holidays(name: string, ...localDates: string[]): CalendarException[] {
  return localDates.map((localDate) => ({ localDate, kind: 'holiday', runsWeekday: null, name }));
}

function makeup(localDate: string, runsWeekday: Weekday, name: string): CalendarException {
  return { localDate, kind: 'makeup', runsWeekday, name };
}

// 2026: State Council notice of 2025-11-04 (Mid-Autumn 9/25-27 and National Day 10/1-7 are separate
// breaks; make-up days Sun 9/20 and Sat 10/10). 2027: festival dates are fixed by the calendar, the
// bridging and make-up days are projected from the 2025 rules until the State Council publishes them.
const CHINA_EXCEPTIONS: readonly CalendarException[] = [
  makeup('2026-09-20', 1, '2026年国庆节调休补班（按周一课表）'),
  ...holidays('2026年中秋节', '2026-09-25', '2026-09-26', '2026-09-27'),
  ...holidays('2026年国庆节', '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'),
  makeup('2026-10-10', 3, '2026年国庆节调休补班（按周三课表）'),
  ...holidays('2027年元旦', '2027-01-01', '2027-01-02', '2027-01-03'),
  ...holidays('2027年清明节', '2027-04-03', '2027-04-04', '2027-04-05'),
  ...holidays('2027年劳动节', '2027-05-01', '2027-05-02', '2027-05-03', '2027-05-04', '2027-05-05'),
  makeup('2027-05-08', 3, '2027年劳动节调休补班（按周三课表）'),
  ...holidays('2027年端午节', '2027-06-09'),
];

// Xinjiang's regional festivals follow the Islamic calendar; dates are Umm al-Qura estimates and
// the region announces the exact days each year.
const XINJIANG_EXCEPTIONS: readonly CalendarException[] = [
  ...CHINA_EXCEPTIONS,
  ...holidays('2027年肉孜节（预计）', '2027-03-09'),
  ...holidays('2027年古尔邦节（预计）', '2027-05-16', '2027-05-17', '2027-05-18'),
];

// Scottish bank holidays (no Easter Monday; St Andrew's Day instead).
const SCOTLAND_EXCEPTIONS: readonly CalendarException[] = [
  ...holidays("St Andrew's Day 2026", '2026-11-30'),
  ...holidays('Christmas Day 2026', '2026-12-25'),
  ...holidays('Boxing Day 2026 (substitute day)', '2026-12-28'),
  ...holidays("New Year's Day 2027", '2027-01-01'),
  ...holidays('2nd January 2027 (substitute day)', '2027-01-04'),
  ...holidays('Good Friday 2027', '2027-03-26'),
  ...holidays('Early May bank holiday 2027', '2027-05-03'),
  ...holidays('Spring bank holiday 2027', '2027-05-31'),
];

// Berlin public holidays (Easter Sunday 2027 is 28 March) and the lecture-free Christmas break.
const BERLIN_EXCEPTIONS: readonly CalendarException[] = [
  ...holidays('Tag der Deutschen Einheit 2026', '2026-10-03'),
  ...holidays(
    'Vorlesungsfreie Zeit Weihnachten 2026',
    '2026-12-21',
    '2026-12-22',
    '2026-12-23',
    '2026-12-24',
    '2026-12-28',
    '2026-12-29',
    '2026-12-30',
    '2026-12-31',
  ),
  ...holidays('1. Weihnachtstag 2026', '2026-12-25'),
  ...holidays('2. Weihnachtstag 2026', '2026-12-26'),
  ...holidays('Neujahr 2027', '2027-01-01'),
  ...holidays('Internationaler Frauentag 2027', '2027-03-08'),
  ...holidays('Karfreitag 2027', '2027-03-26'),
  ...holidays('Ostermontag 2027', '2027-03-29'),
  ...holidays('Tag der Arbeit 2027', '2027-05-01'),
  ...holidays('Christi Himmelfahrt 2027', '2027-05-06'),
  ...holidays('Pfingstmontag 2027', '2027-05-17'),
];

const EXCEPTIONS: Record<CalendarKey, readonly CalendarException[]> = {
  china: CHINA_EXCEPTIONS,
  xinjiang: XINJIANG_EXCEPTIONS,
  scotland: SCOTLAND_EXCEPTIONS,
  berlin: BERLIN_EXCEPTIONS,
};

// The academic year before the demo's (2025-2026), for the ledger's history: its terms' teaching
// dates and the weekdays without teaching in them. Not in the catalog: a term that is over plans nothing.
type PastTermKey = '2025-autumn' | '2026-spring';

const PAST_TERMS: Record<CalendarKey, readonly (readonly [PastTermKey, string, string])[]> = {
  china: [
    ['2025-autumn', '2025-09-08', '2026-01-16'],
    ['2026-spring', '2026-03-02', '2026-07-03'],
  ],
  xinjiang: [
    ['2025-autumn', '2025-09-08', '2026-01-16'],
    ['2026-spring', '2026-03-02', '2026-07-03'],
  ],
  scotland: [
    ['2025-autumn', '2025-09-22', '2025-12-12'],
    ['2026-spring', '2026-01-12', '2026-04-10'],
  ],
  berlin: [
    ['2025-autumn', '2025-10-13', '2026-02-14'],
    ['2026-spring', '2026-04-13', '2026-07-18'],
  ],
};

// 2025: National Day and Mid-Autumn 10/1-8; 2026: State Council notice of 2025-11-04.
const CHINA_PAST_HOLIDAYS = [
  ...['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08'],
  ...['2026-01-01', '2026-01-02', '2026-04-06', '2026-05-01', '2026-05-04', '2026-05-05', '2026-06-19'],
];

const PAST_HOLIDAYS: Record<CalendarKey, readonly string[]> = {
  china: CHINA_PAST_HOLIDAYS,
  // Eid al-Fitr and Eid al-Adha 2026 (Umm al-Qura estimates).
  xinjiang: [...CHINA_PAST_HOLIDAYS, '2026-03-20', '2026-05-27', '2026-05-28', '2026-05-29'],
  scotland: ['2025-12-01', '2026-04-03'],
  berlin: [
    '2025-10-03',
    ...['2025-12-22', '2025-12-23', '2025-12-24', '2025-12-25', '2025-12-26', '2025-12-29', '2025-12-30', '2025-12-31'],
    ...['2026-01-01', '2026-01-02', '2026-05-01', '2026-05-14', '2026-05-25'],
  ],
};

// ---------------------------------------------------------------------------------------------
// Institutions.
// ---------------------------------------------------------------------------------------------

interface InstitutionSeed {
  key: string;
  nameZh: string;
  nameEn: string;
  region: Region;
  province: string;
  timeZone: string;
  secondaryTimeZone: string | null;
  bells: BellKey;
  calendar: CalendarKey;
  /** The western campus's local host teacher; null for eastern universities. */
  hostName: string | null;
  hostLanguages?: string[];
}

const BEIJING = 'Asia/Shanghai';
const URUMQI = 'Asia/Urumqi';

function east(key: string, nameZh: string, nameEn: string, province: string): InstitutionSeed {
  return {
    key,
    nameZh,
    nameEn,
    region: 'east',
    province,
    timeZone: BEIJING,
    secondaryTimeZone: null,
    bells: 'standard',
    calendar: 'china',
    hostName: null,
  };
}

function west(key: string, nameZh: string, nameEn: string, province: string, bells: BellKey, hostName: string): InstitutionSeed {
  return { key, nameZh, nameEn, region: 'west', province, timeZone: BEIJING, secondaryTimeZone: null, bells, calendar: 'china', hostName };
}

const INSTITUTIONS: readonly InstitutionSeed[] = [
  east('zju', '浙江大学', 'Zhejiang University', 'Zhejiang'),
  east('thu', '清华大学', 'Tsinghua University', 'Beijing'),
  east('pku', '北京大学', 'Peking University', 'Beijing'),
  east('fudan', '复旦大学', 'Fudan University', 'Shanghai'),
  east('sjtu', '上海交通大学', 'Shanghai Jiao Tong University', 'Shanghai'),
  east('nju', '南京大学', 'Nanjing University', 'Jiangsu'),
  east('whu', '武汉大学', 'Wuhan University', 'Hubei'),
  east('sysu', '中山大学', 'Sun Yat-sen University', 'Guangdong'),
  east('xmu', '厦门大学', 'Xiamen University', 'Fujian'),
  east('sdu', '山东大学', 'Shandong University', 'Shandong'),
  east('tongji', '同济大学', 'Tongji University', 'Shanghai'),
  east('bnu', '北京师范大学', 'Beijing Normal University', 'Beijing'),

  // Xinjiang on Beijing time (Urumqi and the XPCC cities), Xinjiang time shown as a second clock.
  {
    ...west('xju', '新疆大学', 'Xinjiang University', 'Xinjiang', 'xinjiangBeijingTime', '阿力木·吾守尔'),
    secondaryTimeZone: URUMQI,
    calendar: 'xinjiang',
  },
  {
    ...west('shzu', '石河子大学', 'Shihezi University', 'Xinjiang', 'xinjiangBeijingTime', '王建新'),
    secondaryTimeZone: URUMQI,
    calendar: 'xinjiang',
  },
  {
    ...west('taru', '塔里木大学', 'Tarim University', 'Xinjiang', 'xinjiangBeijingTime', '李春燕'),
    secondaryTimeZone: URUMQI,
    calendar: 'xinjiang',
  },
  // Southern and western Xinjiang campuses keep Xinjiang time (UTC+6), Beijing time as the second clock.
  {
    ...west('ksu', '喀什大学', 'Kashgar University', 'Xinjiang', 'xinjiangLocalTime', '阿依古丽·买买提'),
    timeZone: URUMQI,
    secondaryTimeZone: BEIJING,
    calendar: 'xinjiang',
    hostLanguages: ['zh', 'ug'],
  },
  {
    ...west('hotan', '新疆和田学院', 'Xinjiang Hetian College', 'Xinjiang', 'xinjiangLocalTime', '艾克拜尔·吐尔逊'),
    timeZone: URUMQI,
    secondaryTimeZone: BEIJING,
    calendar: 'xinjiang',
    hostLanguages: ['zh', 'ug'],
  },
  {
    ...west('ynu', '伊犁师范大学', 'Yili Normal University', 'Xinjiang', 'xinjiangLocalTime', '努尔兰·哈力别克'),
    timeZone: URUMQI,
    secondaryTimeZone: BEIJING,
    calendar: 'xinjiang',
    hostLanguages: ['zh', 'kk'],
  },

  west('nwnu', '西北师范大学', 'Northwest Normal University', 'Gansu', 'late', '马文静'),
  west('hxu', '河西学院', 'Hexi University', 'Gansu', 'late', '张国栋'),
  west('qhu', '青海大学', 'Qinghai University', 'Qinghai', 'late', '祁永红'),
  west('qhmu', '青海民族大学', 'Qinghai Minzu University', 'Qinghai', 'late', '才让卓玛'),
  { ...west('utibet', '西藏大学', 'Tibet University', 'Tibet', 'tibet', '次仁央宗'), hostLanguages: ['zh', 'bo'] },
  west('nxu', '宁夏大学', 'Ningxia University', 'Ningxia', 'late', '马晓燕'),
  west('dali', '大理大学', 'Dali University', 'Yunnan', 'late', '段春梅'),
  west('gzu', '贵州大学', 'Guizhou University', 'Guizhou', 'standard', '杨光明'),
  west('tru', '铜仁学院', 'Tongren University', 'Guizhou', 'late', '田秀英'),
  west('bsu', '百色学院', 'Baise University', 'Guangxi', 'standard', '韦丽萍'),
  west('imu', '内蒙古大学', 'Inner Mongolia University', 'Inner Mongolia', 'late', '乌日娜'),
  west('yau', '延安大学', "Yan'an University", 'Shaanxi', 'standard', '高志军'),
  west('xcu', '西昌学院', 'Xichang University', 'Sichuan', 'standard', '吉克曲布'),
  west('yznu', '长江师范学院', 'Yangtze Normal University', 'Chongqing', 'standard', '冉小琴'),

  {
    key: 'ed',
    nameZh: '爱丁堡大学',
    nameEn: 'The University of Edinburgh',
    region: 'international',
    province: 'United Kingdom',
    timeZone: 'Europe/London',
    secondaryTimeZone: null,
    bells: 'edinburgh',
    calendar: 'scotland',
    hostName: 'Fiona MacLeod',
    hostLanguages: ['en', 'zh'],
  },
  {
    key: 'fub',
    nameZh: '柏林自由大学',
    nameEn: 'Freie Universität Berlin',
    region: 'international',
    province: 'Germany',
    timeZone: 'Europe/Berlin',
    secondaryTimeZone: null,
    bells: 'berlin',
    calendar: 'berlin',
    hostName: 'Katrin Weber',
    hostLanguages: ['de', 'en', 'zh'],
  },
];

// ---------------------------------------------------------------------------------------------
// Eastern instructors: weekly availability in Beijing time.
// ---------------------------------------------------------------------------------------------

function on(weekdays: readonly Weekday[], localStart: string, localEnd: string): WeeklyWindow[] {
  return weekdays.map((weekday) => ({ weekday, localStart, localEnd }));
}

const MON_WED_FRI: readonly Weekday[] = [1, 3, 5];
const TUE_THU: readonly Weekday[] = [2, 4];
const WEEKDAYS: readonly Weekday[] = SCHOOL_DAYS;

const MORNINGS = on(WEEKDAYS, '08:00', '12:00');
const AFTERNOONS = on(WEEKDAYS, '14:00', '18:00');

interface InstructorSeed {
  key: string;
  name: string;
  disciplines: string[];
  languages: string[];
  availability: WeeklyWindow[];
  unavailableLocalDates?: string[];
  /** [maxSessionsPerDay, maxSessionsPerWeek, maxSessionsPerTerm] */
  caps: readonly [number, number, number];
}

const ZH = ['zh'];
const ZH_EN = ['zh', 'en'];

/** Keys are `<institution key>:<surname>`; the institution is the part before the colon. */
const INSTRUCTORS: readonly InstructorSeed[] = [
  // Free 11:00-14:00 Beijing on Tue/Thu: covers Kashgar's 第3-4节 (10:00-11:35 Xinjiang time).
  {
    key: 'zju:weng',
    name: '翁立新',
    disciplines: ['computer-science'],
    languages: ZH_EN,
    availability: [...on(MON_WED_FRI, '08:00', '12:00'), ...on(TUE_THU, '11:00', '14:00'), ...on([5], '14:00', '17:00')],
    unavailableLocalDates: ['2026-10-20', '2026-10-21'],
    caps: [2, 6, 80],
  },
  {
    key: 'zju:chen',
    name: '陈越华',
    disciplines: ['computer-science'],
    languages: ZH,
    availability: [...AFTERNOONS, ...on([1, 3], '19:00', '21:00')],
    caps: [3, 8, 120],
  },
  {
    key: 'zju:he',
    name: '何晴',
    disciplines: ['computer-science', 'mathematics'],
    languages: ZH_EN,
    availability: MORNINGS,
    caps: [2, 4, 60],
  },
  {
    key: 'zju:lin',
    name: '林秋燕',
    disciplines: ['ecology'],
    languages: ZH,
    availability: [...on(TUE_THU, '08:00', '12:00'), ...on(TUE_THU, '14:00', '18:00')],
    caps: [2, 4, 60],
  },

  {
    key: 'thu:wang',
    name: '王振宇',
    disciplines: ['physics'],
    languages: ZH_EN,
    availability: [...MORNINGS, ...on(MON_WED_FRI, '14:00', '17:00')],
    unavailableLocalDates: ['2026-11-12', '2026-11-13'],
    caps: [2, 6, 90],
  },
  {
    key: 'thu:li',
    name: '李想',
    disciplines: ['economics'],
    languages: ZH_EN,
    availability: [...on(TUE_THU, '08:00', '12:00'), ...AFTERNOONS],
    caps: [2, 5, 70],
  },
  {
    key: 'thu:zhang',
    name: '张帆',
    disciplines: ['computer-science'],
    languages: ZH_EN,
    availability: [...MORNINGS, ...on(WEEKDAYS, '19:00', '21:00')],
    caps: [3, 8, 110],
  },
  { key: 'thu:liu', name: '刘文静', disciplines: ['physics'], languages: ZH, availability: AFTERNOONS, caps: [2, 4, 60] },

  // Afternoons until 19:00 on Tue/Thu reach Edinburgh's 09:00 seminar in both BST and GMT.
  {
    key: 'pku:zhao',
    name: '赵清源',
    disciplines: ['chinese-literature'],
    languages: ZH_EN,
    availability: [...on(MON_WED_FRI, '08:00', '12:00'), ...on(WEEKDAYS, '14:00', '19:00')],
    caps: [3, 8, 100],
  },
  {
    key: 'pku:sun',
    name: '孙梦瑶',
    disciplines: ['chinese-literature'],
    languages: ZH,
    availability: on(WEEKDAYS, '14:00', '18:00'),
    caps: [2, 4, 60],
  },
  {
    key: 'pku:zhou',
    name: '周启明',
    disciplines: ['mathematics'],
    languages: ZH,
    availability: [...MORNINGS, ...on(TUE_THU, '14:00', '18:00')],
    unavailableLocalDates: ['2026-12-03'],
    caps: [2, 6, 80],
  },
  {
    key: 'pku:wu',
    name: '吴昊',
    disciplines: ['mathematics'],
    languages: ZH_EN,
    availability: on(WEEKDAYS, '19:00', '21:00'),
    caps: [2, 5, 70],
  },

  {
    key: 'fudan:zheng',
    name: '郑雅琴',
    disciplines: ['english'],
    languages: ZH_EN,
    availability: [...MORNINGS, ...on(MON_WED_FRI, '14:00', '18:00')],
    caps: [3, 8, 120],
  },
  {
    key: 'fudan:feng',
    name: '冯志刚',
    disciplines: ['medicine'],
    languages: ZH,
    availability: [...on(TUE_THU, '08:00', '12:00'), ...on(TUE_THU, '14:00', '18:00')],
    unavailableLocalDates: ['2026-11-05', '2026-11-06'],
    caps: [2, 4, 60],
  },
  { key: 'fudan:xu', name: '许婉清', disciplines: ['medicine'], languages: ZH_EN, availability: AFTERNOONS, caps: [2, 5, 70] },

  {
    key: 'sjtu:huang',
    name: '黄立群',
    disciplines: ['mathematics'],
    languages: ZH,
    availability: [...MORNINGS, ...AFTERNOONS],
    caps: [3, 8, 120],
  },
  {
    key: 'sjtu:zhu',
    name: '朱海峰',
    disciplines: ['physics'],
    languages: ZH_EN,
    availability: [...on(MON_WED_FRI, '08:00', '12:00'), ...on(TUE_THU, '14:00', '18:00')],
    caps: [2, 6, 80],
  },
  {
    key: 'sjtu:gao',
    name: '高敏',
    disciplines: ['mathematics'],
    languages: ZH,
    availability: on(WEEKDAYS, '19:00', '21:00'),
    caps: [2, 4, 60],
  },

  {
    key: 'nju:yuan',
    name: '袁志远',
    disciplines: ['computer-science'],
    languages: ZH,
    availability: [...MORNINGS, ...on([2, 4], '14:00', '18:00')],
    caps: [2, 6, 90],
  },
  { key: 'nju:qian', name: '钱宇', disciplines: ['computer-science'], languages: ZH_EN, availability: AFTERNOONS, caps: [2, 5, 70] },
  {
    key: 'nju:han',
    name: '韩素梅',
    disciplines: ['chinese-literature'],
    languages: ZH_EN,
    availability: [...on(MON_WED_FRI, '08:00', '12:00'), ...on(MON_WED_FRI, '14:00', '18:00'), ...on(TUE_THU, '14:00', '19:00')],
    unavailableLocalDates: ['2026-10-16'],
    caps: [3, 7, 100],
  },
  { key: 'nju:shen', name: '沈之恒', disciplines: ['chinese-literature'], languages: ZH, availability: MORNINGS, caps: [2, 4, 60] },

  {
    key: 'whu:luo',
    name: '罗振华',
    disciplines: ['ecology'],
    languages: ZH,
    availability: [...MORNINGS, ...on(MON_WED_FRI, '14:00', '18:00')],
    caps: [3, 8, 110],
  },
  {
    key: 'whu:deng',
    name: '邓晓雯',
    disciplines: ['english'],
    languages: ZH_EN,
    availability: [...on(WEEKDAYS, '08:00', '12:00'), ...on(TUE_THU, '14:00', '18:00')],
    caps: [2, 6, 90],
  },
  {
    key: 'whu:peng',
    name: '彭志强',
    disciplines: ['ecology'],
    languages: ZH,
    availability: on(TUE_THU, '14:00', '18:00'),
    caps: [2, 4, 60],
  },

  {
    key: 'sysu:liang',
    name: '梁嘉怡',
    disciplines: ['medicine'],
    languages: ZH_EN,
    availability: [...on(MON_WED_FRI, '10:00', '12:00'), ...AFTERNOONS],
    caps: [2, 6, 90],
  },
  {
    key: 'sysu:xie',
    name: '谢国栋',
    disciplines: ['medicine'],
    languages: ZH,
    availability: [...MORNINGS, ...on(TUE_THU, '14:00', '18:00')],
    unavailableLocalDates: ['2026-12-10', '2026-12-11'],
    caps: [2, 5, 70],
  },
  {
    key: 'sysu:zeng',
    name: '曾慧敏',
    disciplines: ['medicine'],
    languages: ZH,
    availability: on(WEEKDAYS, '19:00', '21:00'),
    caps: [2, 4, 60],
  },

  {
    key: 'xmu:ye',
    name: '叶振邦',
    disciplines: ['economics'],
    languages: ZH_EN,
    availability: [...MORNINGS, ...AFTERNOONS],
    caps: [3, 8, 120],
  },
  {
    key: 'xmu:cai',
    name: '蔡丽娟',
    disciplines: ['economics'],
    languages: ZH,
    availability: on(MON_WED_FRI, '14:00', '18:00'),
    caps: [2, 4, 60],
  },
  { key: 'xmu:su', name: '苏海明', disciplines: ['ecology'], languages: ZH_EN, availability: MORNINGS, caps: [2, 5, 70] },

  {
    key: 'sdu:kong',
    name: '孔德明',
    disciplines: ['mathematics'],
    languages: ZH,
    availability: [...MORNINGS, ...on([1, 3], '19:00', '21:00')],
    caps: [2, 6, 80],
  },
  {
    key: 'sdu:cao',
    name: '曹伟',
    disciplines: ['medicine'],
    languages: ZH,
    availability: [...on(WEEKDAYS, '08:00', '12:00'), ...on(WEEKDAYS, '14:00', '18:00')],
    unavailableLocalDates: ['2026-11-19'],
    caps: [3, 7, 100],
  },
  { key: 'sdu:tian', name: '田静', disciplines: ['mathematics'], languages: ZH_EN, availability: AFTERNOONS, caps: [2, 4, 60] },

  {
    key: 'tongji:yan',
    name: '严明',
    disciplines: ['mathematics'],
    languages: ZH,
    availability: [...MORNINGS, ...AFTERNOONS],
    caps: [3, 8, 120],
  },
  {
    key: 'tongji:wang',
    name: '汪清',
    disciplines: ['ecology'],
    languages: ZH_EN,
    availability: [...on(MON_WED_FRI, '08:00', '12:00'), ...on(WEEKDAYS, '14:00', '18:00')],
    caps: [2, 6, 90],
  },
  {
    key: 'tongji:jiang',
    name: '姜涛',
    disciplines: ['mathematics', 'physics'],
    languages: ZH,
    availability: on(TUE_THU, '08:00', '12:00'),
    caps: [2, 4, 60],
  },

  {
    key: 'bnu:fang',
    name: '方晓梅',
    disciplines: ['chinese-literature'],
    languages: ZH_EN,
    availability: [...MORNINGS, ...AFTERNOONS],
    unavailableLocalDates: ['2026-11-26', '2026-11-27'],
    caps: [3, 8, 110],
  },
  {
    key: 'bnu:ren',
    name: '任思远',
    disciplines: ['english'],
    languages: ZH_EN,
    availability: [...on(TUE_THU, '08:00', '12:00'), ...on(WEEKDAYS, '19:00', '21:00')],
    caps: [2, 5, 70],
  },
  {
    key: 'bnu:fu',
    name: '傅雅',
    disciplines: ['english'],
    languages: ZH_EN,
    availability: on(MON_WED_FRI, '14:00', '18:00'),
    caps: [2, 4, 60],
  },
];

// ---------------------------------------------------------------------------------------------
// MOOCs, owned by eastern universities.
// ---------------------------------------------------------------------------------------------

/** [key, institution, title, platform, discipline, language] */
const COURSES: readonly (readonly [string, string, string, string, string, string])[] = [
  ['c-programming', 'zju', 'C语言程序设计 (Programming in C)', 'icourse163', 'computer-science', 'zh'],
  ['data-structures', 'zju', '数据结构 (Data Structures)', 'icourse163', 'computer-science', 'zh'],
  ['mechanics', 'thu', '大学物理——力学与热学 (University Physics: Mechanics and Heat)', 'XuetangX', 'physics', 'zh'],
  ['principles-of-economics', 'thu', '经济学原理 (Principles of Economics)', 'XuetangX', 'economics', 'zh'],
  ['intro-ai', 'thu', '人工智能导论 (Introduction to Artificial Intelligence)', 'XuetangX', 'computer-science', 'zh'],
  ['classical-chinese-lit', 'pku', '中国古代文学 (Classical Chinese Literature)', 'icourse163', 'chinese-literature', 'zh'],
  ['mathematical-analysis', 'pku', '数学分析 (Mathematical Analysis)', 'icourse163', 'mathematics', 'zh'],
  ['academic-english', 'fudan', '学术英语写作 (Academic English Writing)', 'icourse163', 'english', 'en'],
  ['medical-statistics', 'fudan', '医学统计学 (Medical Statistics)', 'icourse163', 'medicine', 'zh'],
  ['linear-algebra', 'sjtu', '线性代数 (Linear Algebra)', 'icourse163', 'mathematics', 'zh'],
  ['electromagnetism', 'sjtu', '大学物理——电磁学 (University Physics: Electromagnetism)', 'Zhihuishu', 'physics', 'zh'],
  ['computer-systems', 'nju', '计算机系统基础 (Computer Systems Fundamentals)', 'icourse163', 'computer-science', 'zh'],
  ['modern-chinese-lit', 'nju', '中国现当代文学 (Modern and Contemporary Chinese Literature)', 'icourse163', 'chinese-literature', 'zh'],
  ['ecology', 'whu', '生态学 (Ecology)', 'icourse163', 'ecology', 'zh'],
  ['college-english', 'whu', '大学英语视听说 (College English: Listening and Speaking)', 'icourse163', 'english', 'en'],
  ['pathology', 'sysu', '病理学 (Pathology)', 'icourse163', 'medicine', 'zh'],
  ['physiology', 'sysu', '生理学 (Physiology)', 'Zhihuishu', 'medicine', 'zh'],
  ['macroeconomics', 'xmu', '宏观经济学 (Macroeconomics)', 'icourse163', 'economics', 'zh'],
  ['marine-ecology', 'xmu', '海洋生态学 (Marine Ecology)', 'XuetangX', 'ecology', 'zh'],
  ['calculus', 'sdu', '微积分 (Calculus)', 'Zhihuishu', 'mathematics', 'zh'],
  ['clinical-diagnostics', 'sdu', '诊断学 (Clinical Diagnostics)', 'Zhihuishu', 'medicine', 'zh'],
  ['advanced-math', 'tongji', '高等数学 (Advanced Mathematics)', 'icourse163', 'mathematics', 'zh'],
  ['environmental-ecology', 'tongji', '环境生态学 (Environmental Ecology)', 'icourse163', 'ecology', 'zh'],
  ['modern-chinese', 'bnu', '现代汉语 (Modern Chinese)', 'XuetangX', 'chinese-literature', 'zh'],
  ['english-linguistics', 'bnu', '英语语言学导论 (Introduction to English Linguistics)', 'XuetangX', 'english', 'en'],
];

// ---------------------------------------------------------------------------------------------
// Western (and international) classes, all in their institution's autumn term.
// ---------------------------------------------------------------------------------------------

/** [key `<institution>:<slug>`, course, name, studentsEnrolled, sessionsPerWeek, durationMinutes, allowedPeriodNames] */
type ClassSeed = readonly [string, string, string, number, number, number, readonly string[]];

const P12 = '第1-2节';
const P34 = '第3-4节';
const P56 = '第5-6节';
const P78 = '第7-8节';
const P910 = '第9-10节';

const CLASSES: readonly ClassSeed[] = [
  ['xju:cs-2025-1', 'data-structures', '计算机科学与技术2025级1班', 62, 2, 95, [P12, P56]],
  ['xju:se-2025', 'c-programming', '软件工程2025级', 118, 2, 95, [P56, P78]],
  ['xju:math-2025', 'linear-algebra', '数学与应用数学2025级', 86, 1, 95, [P12, P34]],
  ['xju:chinese-2024', 'classical-chinese-lit', '汉语言文学2024级', 74, 1, 95, [P56, P78]],

  ['shzu:clinical-2024-1', 'pathology', '临床医学2024级1班', 156, 2, 95, [P12, P56]],
  ['shzu:clinical-2024-2', 'physiology', '临床医学2024级2班', 148, 1, 95, [P12, P34, P56]],
  ['shzu:ecology-2024', 'ecology', '生态学2024级', 45, 1, 95, [P12, P56]],

  ['taru:ecology-2025', 'ecology', '草业科学2025级', 52, 1, 95, [P12, P56, P78]],
  ['taru:agri-eng-2025', 'advanced-math', '农业机械化及其自动化2025级', 96, 2, 95, [P12, P56]],

  // The Tue/Thu 11:00-14:00 Beijing window of zju:weng is the only fit for this class.
  ['ksu:cs-2025-1', 'data-structures', '计算机科学与技术2025级1班', 58, 2, 95, [P34]],
  ['ksu:cs-2025-2', 'data-structures', '计算机科学与技术2025级2班', 55, 1, 95, [P12, P34]],
  ['ksu:chinese-2025', 'modern-chinese', '汉语言文学2025级', 134, 2, 95, [P12, P56]],
  ['ksu:english-2025', 'college-english', '英语2025级', 88, 2, 90, [P12, P34, P56]],

  ['hotan:cs-2025', 'c-programming', '计算机科学与技术2025级', 47, 2, 95, [P56, P78]],
  ['hotan:math-2025', 'advanced-math', '数学与应用数学2025级', 64, 2, 95, [P12, P56]],
  ['hotan:chinese-2025', 'modern-chinese', '汉语国际教育2025级', 71, 1, 95, [P12, P34]],

  ['ynu:physics-2025', 'mechanics', '物理学2025级', 58, 2, 95, [P12, P56]],
  ['ynu:math-2025', 'mathematical-analysis', '数学与应用数学2025级', 92, 2, 95, [P12, P34]],
  ['ynu:english-2024', 'academic-english', '英语2024级', 66, 1, 90, [P12, P56]],

  ['nwnu:chinese-2024', 'modern-chinese-lit', '汉语言文学2024级', 128, 1, 95, [P12, P34, P56]],
  ['nwnu:english-2024', 'english-linguistics', '英语2024级', 94, 1, 95, [P34, P56]],
  ['nwnu:math-2025', 'calculus', '数学与应用数学2025级', 110, 2, 95, [P12, P34]],

  ['hxu:econ-2025', 'macroeconomics', '经济学2025级', 83, 1, 95, [P12, P56]],
  ['hxu:ecology-2025', 'environmental-ecology', '生态学2025级', 41, 1, 95, [P34, P56]],

  ['qhu:clinical-2023', 'clinical-diagnostics', '临床医学2023级', 172, 2, 95, [P12, P34, P56]],
  ['qhu:grassland-2024', 'ecology', '草业科学2024级', 38, 1, 95, [P56, P78]],
  ['qhu:cs-2025', 'c-programming', '计算机科学与技术2025级', 105, 2, 95, [P56, P78]],

  ['qhmu:chinese-2024', 'classical-chinese-lit', '汉语言文学2024级', 97, 1, 95, [P56, P78]],
  ['qhmu:econ-2025', 'principles-of-economics', '经济学2025级', 76, 1, 95, [P12, P56]],

  ['utibet:math-2025', 'linear-algebra', '数学与应用数学2025级', 68, 1, 95, [P12, P56]],
  ['utibet:cs-2024', 'intro-ai', '计算机科学与技术2024级', 54, 1, 95, [P12, P34, P910]],
  ['utibet:pm-2024', 'medical-statistics', '预防医学2024级', 60, 1, 95, [P12, P56]],

  ['nxu:cs-2024', 'computer-systems', '计算机科学与技术2024级', 91, 2, 95, [P12, P34]],
  ['nxu:econ-2025', 'principles-of-economics', '经济学2025级', 122, 1, 95, [P56, P78]],
  ['nxu:env-2025', 'ecology', '环境科学2025级', 49, 1, 95, [P12, P56]],

  ['dali:clinical-2024', 'pathology', '临床医学2024级', 164, 2, 95, [P56, P78]],
  ['dali:nursing-2025', 'physiology', '护理学2025级', 139, 1, 95, [P12, P56]],
  ['dali:english-2025', 'college-english', '英语2025级', 72, 2, 90, [P12, P34]],

  ['gzu:ai-2025', 'intro-ai', '人工智能2025级', 88, 1, 95, [P12, P910]],
  ['gzu:physics-2024', 'electromagnetism', '物理学2024级', 79, 2, 95, [P34, P56]],
  ['gzu:econ-2024', 'macroeconomics', '经济学2024级', 145, 1, 95, [P56, P78]],

  ['tru:chinese-2025', 'modern-chinese', '汉语言文学2025级', 87, 1, 95, [P34, P56]],
  ['tru:math-2025', 'calculus', '数学与应用数学2025级', 63, 2, 95, [P12, P34]],

  ['bsu:cs-2024', 'data-structures', '计算机科学与技术2024级', 57, 2, 95, [P56, P78]],
  ['bsu:english-2025', 'college-english', '英语2025级', 93, 2, 90, [P12, P34]],
  ['bsu:physics-2025', 'mechanics', '物理学2025级', 44, 2, 95, [P12, P34]],

  ['imu:ecology-2025', 'ecology', '生态学2025级', 56, 1, 95, [P34, P56]],
  ['imu:math-2025', 'mathematical-analysis', '数学与应用数学2025级', 101, 2, 95, [P12, P34]],
  ['imu:english-2024', 'english-linguistics', '英语2024级', 68, 1, 95, [P56, P78]],

  ['yau:chinese-2025', 'modern-chinese-lit', '汉语言文学2025级', 116, 1, 95, [P56, P78]],
  ['yau:clinical-2024', 'clinical-diagnostics', '临床医学2024级', 178, 2, 95, [P12, P56]],
  ['yau:math-2025', 'advanced-math', '数学与应用数学2025级', 82, 2, 95, [P12, P34, P56]],

  ['xcu:math-2025', 'linear-algebra', '数学与应用数学2025级', 74, 1, 95, [P56, P78]],
  ['xcu:ecology-2025', 'environmental-ecology', '生态学2025级', 39, 1, 95, [P34, P56]],

  ['yznu:english-2024', 'academic-english', '英语2024级', 108, 1, 90, [P34, P56]],
  ['yznu:physics-2025', 'mechanics', '物理学2025级', 61, 2, 95, [P12, P56]],
  ['yznu:chinese-2025', 'modern-chinese', '汉语言文学2025级', 126, 1, 95, [P12, P34]],

  ['ed:ma-chinese-classical', 'classical-chinese-lit', 'MSc Chinese Studies: Classical Literature Seminar', 32, 1, 90, ['Period 1']],
  ['ed:ma-chinese-modern', 'modern-chinese-lit', 'MA (Hons) Chinese, Year 3', 36, 1, 90, ['Period 1', 'Period 2']],

  ['fub:ba-sinology', 'modern-chinese', 'BA Chinastudien, 3. Fachsemester', 48, 2, 90, ['Period 1', 'Period 2']],
  ['fub:ma-sinology', 'classical-chinese-lit', 'MA Chinastudien, Klassische Literatur', 30, 1, 90, ['Period 1']],
];

// ---------------------------------------------------------------------------------------------
// Pairings: one eastern instructor teaches one MOOC live to 1-3 western classes.
// ---------------------------------------------------------------------------------------------

/** [instructor key, course, western class keys, status]; the term is the first class's autumn term. */
const PAIRINGS: readonly (readonly [string, string, readonly string[], PairingStatus])[] = [
  ['zju:weng', 'data-structures', ['ksu:cs-2025-1', 'ksu:cs-2025-2', 'xju:cs-2025-1'], 'confirmed'],
  ['zju:chen', 'c-programming', ['xju:se-2025', 'hotan:cs-2025', 'qhu:cs-2025'], 'confirmed'],
  ['thu:wang', 'mechanics', ['ynu:physics-2025', 'bsu:physics-2025'], 'confirmed'],
  ['thu:li', 'principles-of-economics', ['qhmu:econ-2025', 'nxu:econ-2025'], 'confirmed'],
  ['thu:zhang', 'intro-ai', ['utibet:cs-2024', 'gzu:ai-2025'], 'proposed'],
  ['pku:zhao', 'classical-chinese-lit', ['xju:chinese-2024', 'qhmu:chinese-2024', 'ed:ma-chinese-classical'], 'confirmed'],
  ['pku:zhou', 'mathematical-analysis', ['ynu:math-2025', 'imu:math-2025'], 'confirmed'],
  ['fudan:zheng', 'academic-english', ['ynu:english-2024', 'yznu:english-2024'], 'confirmed'],
  ['fudan:feng', 'medical-statistics', ['utibet:pm-2024'], 'proposed'],
  ['sjtu:huang', 'linear-algebra', ['xju:math-2025', 'utibet:math-2025', 'xcu:math-2025'], 'confirmed'],
  ['sjtu:zhu', 'electromagnetism', ['gzu:physics-2024'], 'confirmed'],
  ['nju:yuan', 'computer-systems', ['nxu:cs-2024'], 'confirmed'],
  ['nju:han', 'modern-chinese-lit', ['nwnu:chinese-2024', 'yau:chinese-2025', 'ed:ma-chinese-modern'], 'confirmed'],
  ['whu:luo', 'ecology', ['shzu:ecology-2024', 'taru:ecology-2025', 'imu:ecology-2025'], 'confirmed'],
  ['whu:deng', 'college-english', ['ksu:english-2025', 'dali:english-2025', 'bsu:english-2025'], 'confirmed'],
  ['sysu:liang', 'pathology', ['shzu:clinical-2024-1', 'dali:clinical-2024'], 'confirmed'],
  ['sysu:xie', 'physiology', ['shzu:clinical-2024-2', 'dali:nursing-2025'], 'proposed'],
  ['xmu:ye', 'macroeconomics', ['hxu:econ-2025', 'gzu:econ-2024'], 'confirmed'],
  ['sdu:cao', 'clinical-diagnostics', ['qhu:clinical-2023', 'yau:clinical-2024'], 'confirmed'],
  ['tongji:yan', 'advanced-math', ['taru:agri-eng-2025', 'hotan:math-2025', 'yau:math-2025'], 'confirmed'],
  ['tongji:wang', 'environmental-ecology', ['hxu:ecology-2025', 'xcu:ecology-2025'], 'confirmed'],
  ['bnu:fang', 'modern-chinese', ['ksu:chinese-2025', 'tru:chinese-2025', 'fub:ba-sinology'], 'proposed'],
];

// ---------------------------------------------------------------------------------------------
// Builder.
// ---------------------------------------------------------------------------------------------

const institutionId = (key: string): string => demoId(`institution:${key}`);
const termId = (institutionKey: string, termKey: TermKey): string => demoId(`term:${institutionKey}:${termKey}`);
const instructorId = (key: string): string => demoId(`instructor:${key}`);
const hostId = (institutionKey: string): string => demoId(`instructor:${institutionKey}:host`);
const courseId = (key: string): string => demoId(`course:${key}`);
const classId = (key: string): string => demoId(`western-class:${key}`);
const pairingId = (instructorKey: string, courseKey: string): string => demoId(`pairing:${instructorKey}:${courseKey}`);
const userId = (key: string): string => demoId(`user:${key}`);

function ownerKey(key: string): string {
  return key.slice(0, key.indexOf(':'));
}

function seedOf(institutionKey: string): InstitutionSeed {
  const seed = INSTITUTIONS.find((candidate) => candidate.key === institutionKey);
  if (!seed) throw new Error(`demo data: unknown institution ${institutionKey}`);
  return seed;
}

function courseDiscipline(courseKey: string): string {
  const course = COURSES.find(([key]) => key === courseKey);
  if (!course) throw new Error(`demo data: unknown course ${courseKey}`);
  return course[4];
}

/** A host teacher is in class from the first bell to the last on every school day. */
function teachingDay(bells: BellKey): WeeklyWindow[] {
  const slots = BELLS[bells];
  const first = slots[0];
  const last = slots[slots.length - 1] ?? first;
  return on(WEEKDAYS, first[1], last[2]);
}

/** One institution's term of the academic year before the demo's (2025-2026), its own calendar's dates. */
export interface DemoPastTerm {
  key: PastTermKey;
  institutionId: string;
  startLocalDate: string;
  endLocalDate: string;
  /** Weekdays within the term without teaching (public holidays, breaks). */
  holidayLocalDates: string[];
}

/** The 2025-2026 terms of every institution, for the ledger's history; equal on every call. */
export function buildDemoPastTerms(): DemoPastTerm[] {
  return INSTITUTIONS.flatMap((seed) =>
    PAST_TERMS[seed.calendar].map(([key, startLocalDate, endLocalDate]) => ({
      key,
      institutionId: institutionId(seed.key),
      startLocalDate,
      endLocalDate,
      holidayLocalDates: PAST_HOLIDAYS[seed.calendar].filter((localDate) => localDate >= startLocalDate && localDate <= endLocalDate),
    })),
  );
}

/** Builds a fresh copy of the demo program; equal on every call, safe for the caller to mutate. */
export function buildDemoProgram(): DemoProgram {
  const institutions: Institution[] = INSTITUTIONS.map((seed) => ({
    id: institutionId(seed.key),
    nameZh: seed.nameZh,
    nameEn: seed.nameEn,
    region: seed.region,
    province: seed.province,
    timeZone: seed.timeZone,
    secondaryTimeZone: seed.secondaryTimeZone,
    classPeriods: classPeriods(seed.bells),
    calendarExceptions: EXCEPTIONS[seed.calendar].map((exception) => ({ ...exception })),
  }));

  const terms: Term[] = INSTITUTIONS.flatMap((seed) =>
    TERMS[seed.calendar].map(([termKey, name, startLocalDate, endLocalDate]) => ({
      id: termId(seed.key, termKey),
      institutionId: institutionId(seed.key),
      name,
      startLocalDate,
      endLocalDate,
    })),
  );

  const easternInstructors: Instructor[] = INSTRUCTORS.map((seed) => {
    const institution = seedOf(ownerKey(seed.key));
    const [maxSessionsPerDay, maxSessionsPerWeek, maxSessionsPerTerm] = seed.caps;
    return {
      id: instructorId(seed.key),
      name: seed.name,
      institutionId: institutionId(institution.key),
      role: 'instructor',
      disciplines: [...seed.disciplines],
      languages: [...seed.languages],
      timeZone: institution.timeZone,
      availability: seed.availability.map((window) => ({ ...window })),
      unavailableLocalDates: [...(seed.unavailableLocalDates ?? [])],
      maxSessionsPerDay,
      maxSessionsPerWeek,
      maxSessionsPerTerm,
    };
  });

  const hostTeachers: Instructor[] = INSTITUTIONS.flatMap((seed): Instructor[] => {
    if (seed.hostName === null) return [];
    // A host teacher covers the disciplines of the classes they host.
    const disciplines = [
      ...new Set(CLASSES.filter(([key]) => ownerKey(key) === seed.key).map(([, course]) => courseDiscipline(course))),
    ].sort();
    return [
      {
        id: hostId(seed.key),
        name: seed.hostName,
        institutionId: institutionId(seed.key),
        role: 'host',
        disciplines,
        languages: [...(seed.hostLanguages ?? ZH)],
        timeZone: seed.timeZone,
        availability: teachingDay(seed.bells),
        unavailableLocalDates: [],
        maxSessionsPerDay: 3,
        maxSessionsPerWeek: 10,
        maxSessionsPerTerm: 160,
      },
    ];
  });

  const courses: Course[] = COURSES.map(([key, owner, title, platform, discipline, language]) => ({
    id: courseId(key),
    title,
    platform,
    discipline,
    language,
    institutionId: institutionId(owner),
  }));

  const westernClasses: WesternClass[] = CLASSES.map(([key, course, name, studentsEnrolled, sessionsPerWeek, durationMinutes, allowed]) => {
    const owner = ownerKey(key);
    return {
      id: classId(key),
      institutionId: institutionId(owner),
      name,
      courseId: courseId(course),
      discipline: courseDiscipline(course),
      studentsEnrolled,
      sessionsPerWeek,
      durationMinutes,
      termId: termId(owner, '2026-autumn'),
      allowedPeriodNames: [...allowed],
      hostTeacherId: hostId(owner),
    };
  });

  const pairings: Pairing[] = PAIRINGS.map(([instructorKey, course, classKeys, status]) => ({
    id: pairingId(instructorKey, course),
    instructorId: instructorId(instructorKey),
    courseId: courseId(course),
    termId: termId(ownerKey(classKeys[0] ?? ''), '2026-autumn'),
    westernClassIds: classKeys.map(classId),
    status,
  }));

  const users: DemoUser[] = [
    {
      id: userId('admin'),
      email: 'admin@demo.local',
      displayName: '系统管理员',
      role: 'admin',
      institutionId: null,
      instructorId: null,
      locale: 'zh-CN',
    },
    {
      id: userId('coordinator'),
      email: 'coordinator@demo.local',
      displayName: '刘敏（慕课西部行项目办）',
      role: 'program_coordinator',
      institutionId: null,
      instructorId: null,
      locale: 'zh-CN',
    },
    {
      id: userId('ksu-coordinator'),
      email: 'coordinator.kashgar@demo.local',
      displayName: '热依拉·阿不都拉（喀什大学教务处）',
      role: 'institution_coordinator',
      institutionId: institutionId('ksu'),
      instructorId: null,
      locale: 'zh-CN',
    },
    {
      id: userId('zju-weng'),
      email: 'weng.lixin@demo.local',
      displayName: '翁立新',
      role: 'teacher',
      institutionId: institutionId('zju'),
      instructorId: instructorId('zju:weng'),
      locale: 'zh-CN',
    },
    {
      id: userId('ksu-host'),
      email: 'host.kashgar@demo.local',
      displayName: '阿依古丽·买买提',
      role: 'teacher',
      institutionId: institutionId('ksu'),
      instructorId: hostId('ksu'),
      locale: 'zh-CN',
    },
    {
      id: userId('analyst'),
      email: 'analyst@demo.local',
      displayName: 'Program Analyst',
      role: 'analyst',
      institutionId: null,
      instructorId: null,
      locale: 'en',
    },
  ];

  return { institutions, terms, instructors: [...easternInstructors, ...hostTeachers], courses, westernClasses, pairings, users };
}
