import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { RecordTeachingActivity } from '#scheduling';
import {
  capture,
  countOnceItIs,
  demoPassword,
  focusOnceOnHeading,
  headingOnceItReads,
  launchChromium,
  signIn,
  startWebApp,
  type WebApp,
} from './web/browser.js';

/**
 * The web app in Debian's Chromium against the real service with the demo program. The browser
 * runs in America/New_York on purpose: every time on screen must come from the named zones, never
 * from the browser's own. Screenshots of each main page land in artifacts/web/.
 * One run on SQLite: these tests are about the pages, not the database (the API suites cover both).
 */
const onSqlite = process.env.DATABASE_URL ? describe.skip : describe;
jest.setTimeout(60_000);

onSqlite('web app in Chromium', () => {
  let web: WebApp;
  let browser: Browser;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    web = await startWebApp('2026-11-22T08:00:00Z');
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    expect(pageErrors).toEqual([]);
    await browser?.close();
    await web?.t.close();
  });

  const newPage = async (locale = 'zh-CN'): Promise<Page> => {
    const context = await browser.newContext({ locale, timezoneId: 'America/New_York', viewport: { width: 1400, height: 900 } });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    return page;
  };
  const signedIn = async (email: string, locale = 'zh-CN'): Promise<Page> => {
    const page = await newPage(locale);
    await signIn(page, web.baseUrl, email, demoPassword(email));
    return page;
  };
  const idOf = async (path: string, search: string): Promise<string> => {
    const { body } = await web.t.asAdmin('GET', `${path}?search=${encodeURIComponent(search)}`);
    expect(body.items.length).toBeGreaterThan(0);
    return body.items[0].id as string;
  };
  /** What the worker's session-end job does when a session is over: the ledger records it, once. */
  const recordActivity = async (jointSessionId: string) => {
    const result = await web.t.app.get(RecordTeachingActivity, { strict: false }).execute({ jointSessionId });
    expect(['recorded', 'already_recorded']).toContain(result.outcome);
  };
  const nav = (page: Page) => page.getByRole('navigation', { name: /主菜单|Main/ }).getByRole('link');

  it('serves the app at / and its bundles under /assets/, without the API guard', async () => {
    const index = await fetch(`${web.baseUrl}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const html = await index.text();
    const bundle = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(bundle).toBeDefined();
    const asset = await fetch(`${web.baseUrl}${bundle}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${web.baseUrl}/institutions`)).status).toBe(401);
  });

  it('asks for a sign-in, refuses a wrong password in words, and lands each role on its own pages', async () => {
    const page = await newPage();
    await page.goto(`${web.baseUrl}/`);
    await page.waitForURL(/#\/login/);
    expect(await capture(page, 'login')).toEqual([]);
    await page.getByLabel('邮箱').fill('coordinator@demo.local');
    await page.getByLabel('密码').fill('wrong password');
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('登录失败');

    const teacher = await signedIn('weng.lixin@demo.local');
    await expect(nav(teacher).allTextContents()).resolves.toEqual(['我的课表', '消息']);
    await teacher.goto(`${web.baseUrl}/#/coordinator/institutions`);
    await expect(headingOnceItReads(teacher, '您的角色无权查看此页面。')).resolves.toBe('您的角色无权查看此页面。');

    const coordinator = await signedIn('coordinator@demo.local');
    await expect(nav(coordinator).allTextContents()).resolves.toEqual([
      '院校',
      '教师',
      '课程',
      '西部班级',
      '结对',
      '学期排课',
      '直播课',
      '统计看板',
    ]);
    // An institution's coordinator keeps to its records; running and publishing terms is the program office's.
    const kashgarCoordinator = await signedIn('coordinator.kashgar@demo.local');
    await expect(nav(kashgarCoordinator).allTextContents()).resolves.toEqual(['院校', '教师', '课程', '西部班级', '结对', '直播课']);
    const analyst = await signedIn('analyst@demo.local', 'en');
    await expect(nav(analyst).allTextContents()).resolves.toEqual(['Dashboard']);
    await analyst.goto(`${web.baseUrl}/#/teacher/calendar`);
    await expect(headingOnceItReads(analyst, 'Your role may not see this page.')).resolves.toBe('Your role may not see this page.');
  });

  it('coordinator: institutions are searchable, and the form shows the API messages next to each field', async () => {
    const page = await signedIn('coordinator@demo.local');
    await page.goto(`${web.baseUrl}/#/coordinator/institutions`);
    await page.getByRole('searchbox', { name: '搜索' }).fill('喀什');
    await page.getByRole('button', { name: '搜索', exact: true }).click();
    const rows = page.getByRole('table').getByRole('row');
    await expect(countOnceItIs(rows, 2)).resolves.toBe(2);
    await expect(rows.nth(1).textContent()).resolves.toContain('喀什大学');
    await expect(rows.nth(1).textContent()).resolves.toContain('Asia/Urumqi · Asia/Shanghai');
    expect(await capture(page, 'coordinator-institutions')).toEqual([]);

    await page.getByRole('link', { name: '新建' }).click();
    await page.getByLabel('作息时间所用时区').fill('Mars/Olympus_Mons');
    await page.getByRole('button', { name: '添加节次' }).click();
    await page.getByLabel('节次名称 1', { exact: true }).fill('第1-2节');
    await page.getByLabel('开始 1', { exact: true }).fill('25:00');
    await page.getByLabel('结束 1', { exact: true }).fill('09:35');
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/表单有 \d+ 处问题/);
    // Each message is tied to its control (aria-describedby), so it is read out with the field.
    const describedBy = async (label: string) => {
      const control = page.getByLabel(label, { exact: true });
      await expect(control.getAttribute('aria-invalid')).resolves.toBe('true');
      const ids = (await control.getAttribute('aria-describedby'))!.split(' ');
      return (await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()))).join(' ');
    };
    await expect(describedBy('作息时间所用时区')).resolves.toContain('IANA time zone');
    await expect(describedBy('开始 1')).resolves.toContain('HH:mm');
    await expect(describedBy('中文名称')).resolves.toMatch(/longer than or equal to 1/);
    expect(await capture(page, 'coordinator-institution-errors')).toEqual([]);

    await page.getByLabel('中文名称').fill('和田师范专科学校');
    await page.getByLabel('英文名称').fill('Hotan Normal College');
    await page.getByLabel('省份或国家').fill('Xinjiang');
    await page.getByLabel('作息时间所用时区').fill('Asia/Urumqi');
    await page.getByLabel('第二时钟（可选）').fill('Asia/Shanghai');
    await page.getByLabel('开始 1', { exact: true }).fill('08:00');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('status').filter({ hasText: '已保存' }).waitFor();
    const id = /institutions\/([0-9a-f-]{36})/.exec(page.url())?.[1];
    const saved = await web.t.asAdmin('GET', `/institutions/${id}`);
    expect(saved.body).toMatchObject({
      nameZh: '和田师范专科学校',
      timeZone: 'Asia/Urumqi',
      secondaryTimeZone: 'Asia/Shanghai',
      classPeriods: [{ name: '第1-2节', weekday: 1, localStart: '08:00', localEnd: '09:35' }],
    });
  });

  it('coordinator: an instructor’s availability is drawn on the week grid with the keyboard, in their own zone', async () => {
    const page = await signedIn('coordinator@demo.local');
    await page.goto(`${web.baseUrl}/#/coordinator/instructors/new`);
    await page.getByLabel('名称', { exact: true }).fill('Test 教师');
    await page.getByLabel('院校', { exact: true }).selectOption({ label: '浙江大学' });
    await page.getByLabel('学科', { exact: true }).fill('computer-science, mathematics');
    await expect(page.getByText('每周可授课时间 (Asia/Shanghai)').count()).resolves.toBe(1);
    // Monday 08:00 is where the grid starts; Space marks it, ↓ then Space the next half hour, → moves to Tuesday.
    await page.getByRole('gridcell', { name: '星期一 08:00–08:30' }).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('gridcell', { name: '星期二 08:30–09:00' }).getAttribute('aria-selected')).resolves.toBe('true');
    await expect(page.locator('.week-grid__summary li').allTextContents()).resolves.toEqual(['星期一 08:00–09:00', '星期二 08:30–09:00']);
    expect(await capture(page, 'coordinator-instructor')).toEqual([]);
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('status').filter({ hasText: '已保存' }).waitFor();
    const id = /instructors\/([0-9a-f-]{36})/.exec(page.url())?.[1];
    const saved = await web.t.asAdmin('GET', `/instructors/${id}`);
    expect(saved.body).toMatchObject({
      timeZone: 'Asia/Shanghai',
      disciplines: ['computer-science', 'mathematics'],
      availability: [
        { weekday: 1, localStart: '08:00', localEnd: '09:00' },
        { weekday: 2, localStart: '08:30', localEnd: '09:00' },
      ],
    });
  });

  it('coordinator: the other catalog lists render with their totals', async () => {
    const page = await signedIn('coordinator@demo.local');
    for (const [path, name] of [
      ['courses', 'coordinator-courses'],
      ['western-classes', 'coordinator-western-classes'],
      ['pairings', 'coordinator-pairings'],
      ['sessions', 'coordinator-sessions'],
    ] as const) {
      const { body } = await web.t.asAdmin('GET', `/${path === 'sessions' ? 'joint-sessions' : path}?pageSize=1`);
      await page.goto(`${web.baseUrl}/#/coordinator/${path}`);
      await page.getByText(`共 ${body.total} 条`).waitFor();
      await expect(page.getByRole('table').locator('tbody tr').count()).resolves.toBe(Math.min(50, body.total));
      expect(await capture(page, name)).toEqual([]);
    }
  });

  it('coordinator: moving a session shows its conflicts before saving, then saves a free slot', async () => {
    const weng = await idOf('/instructors', '翁立新');
    const { body } = await web.t.asAdmin('GET', `/joint-sessions?instructorId=${weng}&from=2026-11-23T00:00:00Z&to=2026-11-23T12:00:00Z`);
    const session = body.items[0];
    expect(session).toMatchObject({ startsAt: '2026-11-23T02:00:00.000Z', anchorTimeZone: 'Asia/Shanghai' });

    const page = await signedIn('coordinator@demo.local');
    await page.goto(`${web.baseUrl}/#/coordinator/sessions/${session.id}`);
    // Tuesday 12:00 Beijing: his Kashgar class is then (10:00 Xinjiang time), and the Xinjiang University class has no period.
    await page.getByLabel('新的开始时间（Asia/Shanghai）').fill('2026-11-24T12:00');
    await page.getByRole('button', { name: '检查新时间' }).click();
    const verdict = page.getByRole('status').filter({ hasText: '新时间的冲突' });
    await verdict.waitFor();
    await expect(verdict.textContent()).resolves.toContain('INSTRUCTOR_DOUBLE_BOOKED');
    await expect(verdict.textContent()).resolves.toContain('OUTSIDE_CLASS_PERIODS');
    await expect(page.getByRole('button', { name: '保存调课' }).isDisabled()).resolves.toBe(true);
    expect(await capture(page, 'coordinator-session-conflicts')).toEqual([]);

    await page.getByLabel('新的开始时间（Asia/Shanghai）').fill('2026-11-27T10:00');
    await page.getByRole('button', { name: '检查新时间' }).click();
    await page.getByRole('status').filter({ hasText: '没有冲突' }).waitFor();
    await page.getByRole('button', { name: '保存调课' }).click();
    await page.getByRole('status').filter({ hasText: '已调课' }).waitFor();
    const moved = await web.t.asAdmin('GET', `/joint-sessions/${session.id}`);
    expect(moved.body).toMatchObject({ startsAt: '2026-11-27T02:00:00.000Z', version: session.version + 1 });
  });

  it('the language switch changes every label, is remembered for that user, and each user keeps their own', async () => {
    const page = await signedIn('coordinator@demo.local');
    await page.goto(`${web.baseUrl}/#/coordinator/institutions`);
    await page.getByLabel('语言').selectOption('en');
    await expect(headingOnceItReads(page, 'Institutions')).resolves.toBe('Institutions');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await page.getByRole('table').getByText('Kashgar University').waitFor();
    await page.reload();
    await expect(headingOnceItReads(page, 'Institutions')).resolves.toBe('Institutions');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, web.baseUrl, 'weng.lixin@demo.local', demoPassword('weng.lixin@demo.local'));
    await expect(headingOnceItReads(page, '我的课表')).resolves.toBe('我的课表');
    await page.getByRole('button', { name: '退出登录' }).click();
    await signIn(page, web.baseUrl, 'coordinator@demo.local', demoPassword('coordinator@demo.local'));
    await expect(headingOnceItReads(page, 'Institutions')).resolves.toBe('Institutions');
    // The service keeps the choice (PATCH /auth/me): another browser, with nothing stored, opens in English too.
    const elsewhere = await signedIn('coordinator@demo.local');
    await elsewhere.goto(`${web.baseUrl}/#/coordinator/institutions`);
    await expect(headingOnceItReads(elsewhere, 'Institutions')).resolves.toBe('Institutions');
    expect(
      (await web.t.asAdmin('GET', '/users?pageSize=100')).body.items.find((u: { email: string }) => u.email === 'coordinator@demo.local')
        .locale,
    ).toBe('en');
    // Back to Chinese, so the tests after this one start as the coordinator left them.
    await elsewhere.getByLabel('Language').selectOption('zh-CN');
    await expect(headingOnceItReads(elsewhere, '院校')).resolves.toBe('院校');
    const savedLocale = async () =>
      (await web.t.asAdmin('GET', '/users?pageSize=100')).body.items.find((u: { email: string }) => u.email === 'coordinator@demo.local')
        .locale;
    for (let i = 0; i < 50 && (await savedLocale()) !== 'zh-CN'; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(savedLocale()).resolves.toBe('zh-CN');
  });

  it('teacher: the week in their own zone, with the partner’s local time and both Xinjiang clocks', async () => {
    const page = await signedIn('weng.lixin@demo.local');
    await page.goto(`${web.baseUrl}/#/teacher/calendar?date=2026-11-23`);
    const table = page.getByTestId('session-table');
    await table.waitFor();
    // Rows: date and time in Beijing (his zone), then the Beijing and Xinjiang clocks and the partner's own time.
    const tuesday = await table.locator('tbody tr', { hasText: '11月24日周二' }).textContent();
    expect(tuesday).toContain('11月24日周二 12:00–13:35');
    expect(tuesday).toContain('北京时间 12:00–13:35 · 新疆时间 10:00–11:35');
    expect(tuesday).toContain('喀什大学 计算机科学与技术2025级1班: 10:00–11:35 新疆时间 (UTC+06:00)');
    await expect(page.locator('.fc-event').count()).resolves.toBeGreaterThanOrEqual(3);
    expect(await capture(page, 'teacher-week')).toEqual([]);

    await page.getByLabel('时间显示为').selectOption('Asia/Urumqi');
    await page.waitForURL(/zone=Asia%2FUrumqi|zone=Asia\/Urumqi/);
    await expect(table.locator('tbody tr', { hasText: '11月24日周二' }).textContent()).resolves.toContain('11月24日周二 10:00–11:35');

    await nav(page).filter({ hasText: '消息' }).click();
    await expect(headingOnceItReads(page, '消息')).resolves.toBe('消息');
    await page
      .getByText(/没有消息|未读|\d{4}年/)
      .first()
      .waitFor();
    expect(await capture(page, 'teacher-inbox')).toEqual([]);
  });

  it('teacher in Kashgar: each session at Xinjiang time with the Beijing clock beside it, and a calendar subscription', async () => {
    const page = await signedIn('host.kashgar@demo.local');
    await page.goto(`${web.baseUrl}/#/teacher/calendar?date=2026-11-23`);
    const table = page.getByTestId('session-table');
    await table.waitFor();
    // Zhejiang's data structures lesson: 12:00 in Beijing is 10:00 in Kashgar, both clocks on the row.
    const tuesday = await table.locator('tbody tr', { hasText: '11月24日周二 10:00' }).textContent();
    expect(tuesday).toContain('11月24日周二 10:00–11:35');
    expect(tuesday).toContain('数据结构');
    expect(tuesday).toContain('北京时间 12:00–13:35 · 新疆时间 10:00–11:35');
    expect(tuesday).toContain('浙江大学: 12:00–13:35 北京时间 (UTC+08:00)');
    const event = page.locator('.fc-event', { hasText: '数据结构' }).first();
    await expect(event.textContent()).resolves.toContain('10:00 - 11:35');
    expect(await capture(page, 'teacher-kashgar-week')).toEqual([]);

    // A session opens in a dialog with every party's local time; Escape closes it and focus returns to the page.
    await table.getByRole('button', { name: /11月24日周二 10:00/ }).click();
    const dialog = page.getByRole('dialog', { name: '数据结构 (Data Structures)' });
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toContain('10:00–11:35 新疆时间 (UTC+06:00) · 12:00–13:35 北京时间 (UTC+08:00)');
    expect(await capture(page, 'teacher-session-dialog')).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: '在日历应用中订阅' }).click();
    const link = page.getByTestId('feed-url');
    await link.waitFor();
    expect(await link.getAttribute('href')).toMatch(/^webcal:\/\/.+\/calendar\/.+\.ics$/);
    const feed = await fetch(`${web.baseUrl}${new URL((await link.textContent())!).pathname}`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toContain('text/calendar');
    expect(await feed.text()).toContain('BEGIN:VCALENDAR');
  });

  it('coordinator runs and publishes a term; across the 2027 DST change London keeps 09:00 and Beijing moves an hour', async () => {
    // Edinburgh's Semester 2 (2027-01-11 to 2027-04-09) spans the UK's change to summer time on 2027-03-28.
    const edinburgh = await idOf('/institutions', 'Edinburgh');
    const semester2 = (await web.t.asAdmin('GET', `/terms?institutionId=${edinburgh}`)).body.items.find((term: any) =>
      term.name.startsWith('Semester 2'),
    );
    const classes = (await web.t.asAdmin('GET', `/western-classes?institutionId=${edinburgh}`)).body.items;
    const modern = classes.find((c: any) => c.name === 'MA (Hons) Chinese, Year 3');
    const fiona = modern.hostTeacherId as string;
    // A Beijing-time instructor free on Tuesday afternoons, at a university with no other sessions.
    const east = await web.t.asAdmin('POST', '/institutions', {
      nameZh: '江南师范大学',
      nameEn: 'Jiangnan Normal University',
      region: 'east',
      province: 'Jiangsu',
      timeZone: 'Asia/Shanghai',
    });
    expect(east.status).toBe(201);
    const lin = await web.t.asAdmin('POST', '/instructors', {
      name: '林知远',
      institutionId: east.body.id,
      disciplines: ['chinese-literature'],
      languages: ['zh', 'en'],
      availability: [{ weekday: 2, localStart: '14:00', localEnd: '19:00' }],
    });
    expect(lin.status).toBe(201);
    const beijingInstructor = lin.body.id as string;
    const created = await web.t.asAdmin('POST', '/western-classes', {
      name: 'MA (Hons) Chinese, Year 3 (Semester 2)',
      institutionId: edinburgh,
      courseId: modern.courseId,
      termId: semester2.id,
      studentsEnrolled: 36,
      sessionsPerWeek: 1,
      durationMinutes: 90,
      allowedPeriodNames: ['Period 1'],
      hostTeacherId: fiona,
    });
    expect(created.status).toBe(201);
    const pairing = await web.t.asAdmin('POST', '/pairings', {
      instructorId: beijingInstructor,
      courseId: modern.courseId,
      termId: semester2.id,
      westernClassIds: [created.body.id],
      status: 'confirmed',
    });
    expect(pairing.status).toBe(201);

    const page = await signedIn('coordinator@demo.local');
    await page.goto(`${web.baseUrl}/#/coordinator/schedule`);
    await page.getByLabel('排课学期').selectOption({ label: '爱丁堡大学：Semester 2 2026/27' });
    await page.getByRole('button', { name: '开始排课' }).click();
    await page.getByText('状态：草稿已生成').waitFor({ timeout: 60_000 });
    await expect(page.getByRole('progressbar').getAttribute('value')).resolves.toBe('100');
    const score = page.getByTestId('score');
    await expect(score.locator('tr', { hasText: '违反硬性规则' }).locator('td').textContent()).resolves.toBe('0');
    expect(await capture(page, 'coordinator-schedule-draft')).toEqual([]);
    await page.getByRole('button', { name: '发布', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '发布：新增' }).waitFor();
    expect(await capture(page, 'coordinator-schedule-published')).toEqual([]);

    const published = (await web.t.asAdmin('GET', `/joint-sessions?westernClassId=${created.body.id}&pageSize=100`)).body.items as any[];
    expect(published.length).toBeGreaterThan(0);
    const before = published.find((s) => s.startsAt >= '2027-03-15' && s.startsAt < '2027-03-28');
    const after = published.find((s) => s.startsAt >= '2027-03-28' && s.startsAt < '2027-04-10');
    expect(before && after).toBeTruthy();

    // Literal local times: Period 1 is 09:00 in Edinburgh either side of the change; Beijing sees it an hour earlier after.
    const rowOf = async (instructorId: string, date: string) => {
      await page.goto(`${web.baseUrl}/#/teacher/calendar?instructorId=${instructorId}&date=${date}`);
      const table = page.getByTestId('session-table');
      // The row of that day (e.g. 3月30日), so an earlier week's table is never read by mistake.
      const day = `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
      await table.locator('tbody tr', { hasText: day }).first().waitFor();
      return (await table.locator('tbody tr', { hasText: day }).allTextContents()).join('\n');
    };
    const localDate = (iso: string) => iso.slice(0, 10);
    const beijingBefore = await rowOf(beijingInstructor, localDate(before.startsAt));
    expect(beijingBefore).toContain('17:00–18:30');
    expect(beijingBefore).toContain('MA (Hons) Chinese, Year 3 (Semester 2): 09:00–10:30 London (UTC+00:00)');
    const beijingAfter = await rowOf(beijingInstructor, localDate(after.startsAt));
    expect(beijingAfter).toContain('16:00–17:30');
    expect(beijingAfter).toContain('MA (Hons) Chinese, Year 3 (Semester 2): 09:00–10:30 London (UTC+01:00)');
    expect(await capture(page, 'teacher-beijing-after-dst')).toEqual([]);

    // The London host's own calendar: 09:00 both weeks, the Beijing partner's time shifting by an hour.
    const fionaBefore = await rowOf(fiona, localDate(before.startsAt));
    expect(fionaBefore).toContain('09:00–10:30');
    expect(fionaBefore).toContain('江南师范大学: 17:00–18:30 北京时间 (UTC+08:00)');
    expect(await capture(page, 'teacher-london-before-dst')).toEqual([]);
    const fionaAfter = await rowOf(fiona, localDate(after.startsAt));
    expect(fionaAfter).toContain('09:00–10:30');
    expect(fionaAfter).toContain('江南师范大学: 16:00–17:30 北京时间 (UTC+08:00)');
    expect(await capture(page, 'teacher-london-after-dst')).toEqual([]);
  });

  it('keyboard: a skip link first, headings take focus on each page, links and buttons work with the keys alone', async () => {
    const page = await signedIn('coordinator@demo.local');
    await page.goto(`${web.baseUrl}/#/coordinator/institutions`);
    const focused = () => page.evaluate(() => (globalThis as any).document.activeElement?.textContent?.trim() as string);
    // Arriving on a page by a link puts focus on its heading, so a screen reader starts there.
    await page.getByRole('table').waitFor();
    await expect(focusOnceOnHeading(page, '院校')).resolves.toBe('H1 院校');
    // A fresh load leaves focus at the top: the skip link comes first.
    await page.reload();
    await page.getByRole('table').waitFor();
    await page.keyboard.press('Tab');
    await expect(focused()).resolves.toBe('跳到正文');
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => (globalThis as any).document.activeElement.id)).resolves.toBe('main');
    // Back up from the content into the main menu, to 教师, and follow it with Enter.
    await page.getByRole('heading', { level: 1 }).focus();
    for (let i = 0; i < 12 && (await focused()) !== '教师'; i++) await page.keyboard.press('Shift+Tab');
    await expect(focused()).resolves.toBe('教师');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/coordinator\/instructors$/);
    await page.getByRole('table').waitFor();
    await expect(focusOnceOnHeading(page, '教师')).resolves.toBe('H1 教师');
    await page.keyboard.press('Tab');
    await expect(focused()).resolves.toBe('新建');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => (globalThis as any).document.activeElement.type)).resolves.toBe('search');
    await page.keyboard.type('翁立新');
    await page.keyboard.press('Enter');
    await page.waitForURL(/search=/);
    await page.getByText('共 1 条').waitFor();
    await expect(page.getByRole('table').locator('tbody tr').textContent()).resolves.toContain('翁立新');
  });

  it('program coordinator: pairing proposals with their score breakdown; pin and forbid re-run them', async () => {
    const kashgar = await idOf('/institutions', 'Kashgar');
    const autumn = (await web.t.asAdmin('GET', `/terms?institutionId=${kashgar}`)).body.items.find(
      (term: any) => term.startLocalDate === '2026-09-07',
    );
    const page = await signedIn('coordinator@demo.local');
    await page.goto(`${web.baseUrl}/#/coordinator/pairings`);
    await page
      .getByLabel('学期', { exact: true })
      .last()
      .selectOption({ label: `喀什大学：${autumn.name}` });
    await page.getByRole('button', { name: '生成结对建议' }).click();
    const proposals = page.getByTestId('proposals');
    await proposals.waitFor();
    const rows = proposals.locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    await expect(rows.first().textContent()).resolves.toMatch(
      /匹配度.*时间重合.*延续性.*覆盖面.*工作量占比.*每周重合分钟.*每周可用开课时刻/,
    );
    const first = (await rows.first().locator('th').textContent())!;
    await rows.first().getByRole('button', { name: /^锁定/ }).click();
    await proposals.locator('tbody tr', { hasText: '已锁定' }).first().waitFor();
    await expect(proposals.locator('tbody tr', { hasText: '已锁定' }).first().locator('th').textContent()).resolves.toContain(
      first.split(' · ')[0],
    );
    const lastRow = rows.last();
    const forbidden = (await lastRow.locator('th').textContent())!.split(' · ')[0]!;
    await lastRow.getByRole('button', { name: /^禁止/ }).click();
    await page.getByRole('heading', { name: '已禁止的结对' }).waitFor();
    expect(await capture(page, 'coordinator-pairing-proposals')).toEqual([]);
    expect(forbidden.length).toBeGreaterThan(0);
  });

  it('teacher: confirms a held session with the students present, once the ledger has recorded it', async () => {
    const weng = await idOf('/instructors', '翁立新');
    const { body } = await web.t.asAdmin('GET', `/joint-sessions?instructorId=${weng}&from=2026-11-16T00:00:00Z&to=2026-11-17T00:00:00Z`);
    const session = body.items[0];
    expect(session).toMatchObject({ startsAt: '2026-11-16T02:00:00.000Z', status: 'scheduled' });
    await recordActivity(session.id);
    const className = session.westernClasses[0].name as string;

    const page = await signedIn('weng.lixin@demo.local');
    await page.goto(`${web.baseUrl}/#/teacher/calendar?date=2026-11-16`);
    await page
      .getByTestId('session-table')
      .getByRole('button', { name: /11月16日周一 10:00/ })
      .click();
    const dialog = page.getByRole('dialog');
    const present = dialog.getByLabel(className);
    await expect(present.inputValue()).resolves.toBe(String(session.westernClasses[0].studentsEnrolled));
    await present.fill('41');
    await dialog.getByRole('button', { name: '确认已上课' }).click();
    await dialog.getByRole('status').filter({ hasText: '确认到课 41 人' }).waitFor();
    expect(await capture(page, 'teacher-confirm-attendance')).toEqual([]);
    const activity = (await web.t.asAdmin('GET', `/teaching-activities?jointSessionId=${session.id}`)).body.items[0];
    expect(activity.campuses).toEqual([expect.objectContaining({ westernClassId: session.westernClasses[0].id, studentsPresent: 41 })]);
    expect(activity.attendanceConfirmedAt).toBe('2026-11-22T08:00:00.000Z');
  });

  it('program staff: totals, charts by province, month and discipline, filters, and a CSV whose totals match the API', async () => {
    // The ledger the demo would have by now: each session that ended before the clock's now, recorded by its session-end job.
    const past: any[] = [];
    for (let page = 1; ; page++) {
      const { body } = await web.t.asAdmin('GET', `/joint-sessions?status=scheduled&to=2026-11-22T08:00:00Z&pageSize=500&page=${page}`);
      past.push(...body.items.filter((s: any) => s.endsAt <= '2026-11-22T08:00:00.000Z'));
      if (page * 500 >= body.total) break;
    }
    expect(past.length).toBeGreaterThan(100);
    for (const session of past) await recordActivity(session.id);

    const analystApi = web.t.as('analyst');
    const all = (await analystApi('GET', '/reports/teaching-activities')).body.total;
    const xinjiang = (await analystApi('GET', '/reports/teaching-activities?province=Xinjiang')).body.total;
    expect(xinjiang.activities).toBeLessThan(all.activities);
    const en = (value: number) => new Intl.NumberFormat('en', { maximumFractionDigits: 1 }).format(value);
    const cards = async () => (await page.getByTestId('totals').locator('.card__value').allTextContents()).join(' | ');
    const expected = (m: any) => [m.activities, m.teachingPeriods, m.participations, m.instructors + m.westernTeachers].map(en).join(' | ');

    const page = await signedIn('analyst@demo.local', 'en');
    await page.goto(`${web.baseUrl}/#/staff/dashboard`);
    await page.getByTestId('totals').waitFor();
    await expect(cards()).resolves.toBe(expected(all));
    await expect(page.getByRole('img', { name: 'By province · Teaching activities' }).locator('canvas').count()).resolves.toBe(1);
    await expect(page.getByRole('img', { name: 'By month · Teaching activities' }).locator('canvas').count()).resolves.toBe(1);
    await page.getByText('Figures as a table').first().click();
    await expect(page.locator('details').first().locator('tbody tr', { hasText: 'Xinjiang' }).count()).resolves.toBe(1);
    expect(await capture(page, 'staff-dashboard')).toEqual([]);

    await page.getByRole('textbox', { name: 'Province' }).fill('Xinjiang');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/province=Xinjiang/);
    await page.getByTestId('totals').waitFor();
    await page.getByTestId('totals').getByText(en(xinjiang.activities), { exact: true }).waitFor();
    await expect(cards()).resolves.toBe(expected(xinjiang));

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const lines = readFileSync((await download.path())!, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r\n/);
    expect(lines[0]).toBe(
      'Province,Joint teaching activities,Teaching hours (45-min periods),Student participations,Eastern instructors,Western teachers,Courses,Western universities',
    );
    const total = lines[lines.length - 1]!.split(',');
    expect(total[0]).toBe('Total');
    expect(total.slice(1).map(Number)).toEqual([
      xinjiang.activities,
      xinjiang.teachingPeriods,
      xinjiang.participations,
      xinjiang.instructors,
      xinjiang.westernTeachers,
      xinjiang.courses,
      xinjiang.westernUniversities,
    ]);
    // The rows add up to the total for the additive measures.
    const rows = lines.slice(1, -1).map((line) => line.split(',').slice(-7).map(Number));
    expect(rows.reduce((sum, row) => sum + row[0]!, 0)).toBe(xinjiang.activities);
    expect(rows.reduce((sum, row) => sum + row[2]!, 0)).toBe(xinjiang.participations);
  });
});
