import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { ImportTeachingActivities, SYSTEM_ACTOR } from '#scheduling';
import * as make from './factories.js';
import { createTestApp, type TestApp } from './test-app.js';

// A hand-made ledger whose answers are known. A1 starts 23:30 UTC on 31 March, which is 1 April in
// Beijing; A2 is co-taught by two campuses (Kashgar 40 students, Lanzhou 20); A3 was not held.
describe(`reports API on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'}`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    const post = async (url: string, body: unknown) => (await t.asAdmin('POST', url, body)).body.id as string;
    const zhejiang = await post('/institutions', make.zhejiang());
    const kashgar = await post('/institutions', make.kashgar());
    const lanzhou = await post(
      '/institutions',
      make.kashgar({
        nameZh: '兰州大学',
        nameEn: 'Lanzhou University',
        province: 'Gansu',
        timeZone: 'Asia/Shanghai',
        secondaryTimeZone: null,
      }),
    );
    const term = (institutionId: string) =>
      post('/terms', make.term(institutionId, { startLocalDate: '2025-02-01', endLocalDate: '2025-12-31' }));
    const li = await post('/instructors', make.instructor(zhejiang, { name: 'Li Wei' }));
    const course = await post('/courses', make.course(zhejiang));
    const k1 = await post('/western-classes', make.westernClass({ institutionId: kashgar, courseId: course, termId: await term(kashgar) }));
    const l1 = await post('/western-classes', make.westernClass({ institutionId: lanzhou, courseId: course, termId: await term(lanzhou) }));
    const csv = [
      'externalId,startsAt,durationMinutes,instructors,westernClasses,campuses,courseId,status',
      `a1,2025-03-31T23:30:00Z,90,${li},${k1}:38,,,`,
      `a2,2025-04-10T10:00:00+08:00,95,${li},${k1}:40|${l1}:20,,,`,
      `a3,2025-04-11T02:00:00Z,90,${li},${k1},,,not_held`,
    ].join('\n');
    const result = await t.app.get(ImportTeachingActivities, { strict: false }).execute({ csv, actor: SYSTEM_ACTOR });
    expect(result).toMatchObject({ imported: 3, rejected: 0 });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('counts the total: held activities, 学时, participations and distinct people and places', async () => {
    const response = await t.as('analyst')('GET', '/reports/teaching-activities');
    expect(response.status).toBe(200);
    expect(response.body.total).toEqual({
      activities: 2,
      teachingPeriods: 4,
      participations: 98,
      instructors: 1,
      westernTeachers: 0,
      courses: 1,
      westernUniversities: 2,
    });
  });

  it('names the universities and instructors it groups by, in English and Chinese', async () => {
    const response = await t.as('analyst')('GET', '/reports/teaching-activities?groupBy=westernInstitution,instructor');
    expect(response.status).toBe(200);
    const rows = response.body.rows.map((r: any) => [
      r.group.westernInstitution.label,
      r.group.westernInstitution.labelZh,
      r.group.instructor.label,
      r.measures.activities,
    ]);
    // In the order a reader looks for them: by name, not by id.
    expect(rows).toEqual([
      ['Kashgar University', '喀什大学', 'Li Wei', 1.5],
      ['Lanzhou University', '兰州大学', 'Li Wei', 0.5],
    ]);
  });

  it('cuts months on Beijing time by default, and on UTC when asked', async () => {
    const beijing = await t.as('analyst')('GET', '/reports/teaching-activities?groupBy=month');
    expect(beijing.body.rows.map((r: any) => [r.group.month.label, r.measures.activities])).toEqual([['2025-04', 2]]);
    const utc = await t.as('analyst')('GET', '/reports/teaching-activities?groupBy=month&timeZone=UTC');
    expect(utc.body.rows.map((r: any) => [r.group.month.label, r.measures.activities])).toEqual([
      ['2025-03', 1],
      ['2025-04', 1],
    ]);
  });

  it('groups by province: the sum of the rows equals the total; distinct counts stay distinct', async () => {
    const response = await t.as('program_coordinator')('GET', '/reports/teaching-activities?groupBy=province');
    const rows = response.body.rows.map((r: any) => [
      r.group.province.value,
      r.group.province.labelZh,
      r.measures.activities,
      r.measures.participations,
      r.measures.instructors,
    ]);
    expect(rows).toEqual([
      ['Gansu', '甘肃', 0.5, 20, 1],
      ['Xinjiang', '新疆', 1.5, 78, 1],
    ]);
    const regions = await t.as('program_coordinator')('GET', '/reports/teaching-activities?groupBy=region');
    expect(regions.body.rows.map((r: any) => [r.group.region.value, r.group.region.label, r.group.region.labelZh])).toEqual([
      ['west', 'West', '西部'],
    ]);
    expect(response.body.total.instructors).toBe(1);
  });

  it('exports CSV with Chinese or English headers and a total row', async () => {
    const zh = await t.as('analyst')('GET', '/reports/teaching-activities/export?groupBy=province&format=csv');
    expect(zh.status).toBe(200);
    expect(zh.headers['content-type']).toContain('text/csv');
    expect(zh.headers['content-disposition']).toContain('teaching-activities-province.csv');
    const lines = String(zh.body)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('省份,联合教学活动数,学时,学生参与人次,东部教师人数,西部教师人数,课程数,西部高校数');
    expect(lines).toHaveLength(4);
    // Provinces by their Chinese names, in pinyin order (Gānsù, Xīnjiāng).
    expect([lines[1]!.split(',')[0], lines[2]!.split(',')[0]]).toEqual(['甘肃', '新疆']);
    expect(lines[3]).toBe('合计,2,4,98,1,0,1,2');
    const en = await t.as('analyst')('GET', '/reports/teaching-activities/export?groupBy=province&format=csv&lang=en');
    expect(
      String(en.body)
        .replace(/^\uFEFF/, '')
        .split('\r\n')[0],
    ).toMatch(/^Province,Joint teaching activities,/);
  });

  it('exports XLSX that a spreadsheet library reads back with the same numbers', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/reports/teaching-activities/export?groupBy=province&format=xlsx&lang=en',
      headers: { authorization: `Bearer ${await t.tokenFor('analyst')}` },
    });
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('Province');
    expect(sheet.getRow(sheet.rowCount).values).toEqual([undefined, 'Total', 2, 4, 98, 1, 0, 1, 2]);
  });

  it('is for program staff: teachers get 403, bad groupings 422', async () => {
    expect(
      (
        await t.as('institution_coordinator', { institutionId: (await t.asAdmin('GET', '/institutions?pageSize=1')).body.items[0].id })(
          'GET',
          '/reports/teaching-activities',
        )
      ).status,
    ).toBe(403);
    const bad = await t.as('analyst')('GET', '/reports/teaching-activities?groupBy=colour');
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toBe('groupBy');
    const period = await t.as('analyst')('GET', '/reports/teaching-activities?periodFrom=April');
    expect(period.status).toBe(400);
    // A filter that cannot match anything is a mistake to name, not an empty report.
    for (const [query, field] of [
      ['region=central', 'region'],
      ['westernInstitution=not-a-uuid', 'westernInstitution'],
      ['instructor=42', 'instructor'],
    ]) {
      const response = await t.as('analyst')('GET', `/reports/teaching-activities?${query}`);
      expect({ query, status: response.status, field: response.body.errors?.[0]?.field }).toEqual({ query, status: 400, field });
    }
    const growth = await t.as('analyst')('GET', '/reports/teaching-activities/growth?groupBy=province');
    expect(growth.status).toBe(400);
    expect(JSON.stringify(growth.body)).toContain('groupBy');
  });

  describe('the ledger through the API', () => {
    const total = async () => (await t.as('analyst')('GET', '/reports/teaching-activities')).body.total;
    const activity = async (externalId: string) => (await t.asAdmin('GET', `/teaching-activities?externalId=${externalId}`)).body.items[0];

    it('imports CSV over HTTP: good lines kept, each bad one reported with its line and reason, nothing twice', async () => {
      const a1 = await activity('a1');
      const instructor = a1.instructors[0].instructorId;
      const westernClass = a1.campuses[0].westernClassId;
      const csv = [
        'externalId,startsAt,durationMinutes,instructors,westernClasses,campuses,courseId,status',
        `a4,2025-05-06T02:00:00Z,90,${instructor},${westernClass}:30,,,`,
        `b3,2099-03-02T02:00:00Z,90,${instructor},${westernClass},,,`,
        `b1,2025-05-07 10:00,90,${instructor},${westernClass},,,`,
        `b2,2025-02-30T02:00:00Z,90,${instructor},${westernClass},,,`,
        `b4,2025-05-08T02:00:00Z,90,${instructor},${westernClass}:9999,,,`,
      ].join('\n');
      const first = await t.request('POST', '/teaching-activities/import', csv, {
        'content-type': 'text/csv',
        authorization: `Bearer ${await t.tokenFor('program_coordinator')}`,
      });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        lines: 5,
        imported: 1,
        rejected: 4,
        // In file order, whether found when read (b1, b2) or against the catalog (b3, b4).
        problems: [
          { line: 3, externalId: 'b3' },
          { line: 4, externalId: 'b1' },
          { line: 5, externalId: 'b2' },
          { line: 6, externalId: 'b4' },
        ],
      });
      expect(first.body.problems[1].reason).toContain('startsAt');
      // 30 February is refused, not read as 2 March.
      expect(first.body.problems[2].reason).toContain('2025-02-30T02:00:00Z');
      // The ledger counts lessons that happened, with no more students present than the class enrols.
      expect(first.body.problems[0].reason).toContain('not over yet');
      expect(first.body.problems[3].reason).toMatch(/9999 students present in class .*, which enrols \d+/);
      const again = await t.request('POST', '/teaching-activities/import', csv, {
        'content-type': 'text/csv',
        authorization: `Bearer ${await t.tokenFor('program_coordinator')}`,
      });
      expect(again.body).toMatchObject({ imported: 0, alreadyPresent: 1, rejected: 4 });
      expect((await total()).activities).toBe(3);
    });

    it('says how to send the file when the import gets a form or a multipart upload instead of CSV', async () => {
      const authorization = `Bearer ${await t.tokenFor('program_coordinator')}`;
      for (const [contentType, body] of [
        ['application/x-www-form-urlencoded', 'externalId=a9'],
        ['multipart/form-data; boundary=X', '--X\r\ncontent-disposition: form-data; name="file"\r\n\r\nexternalId\r\n--X--\r\n'],
      ]) {
        const response = await t.request('POST', '/teaching-activities/import', body, { 'content-type': contentType!, authorization });
        expect({ contentType, status: response.status }).toEqual({ contentType, status: 415 });
        expect(JSON.stringify(response.body)).toContain('text/csv');
      }
    });

    it('a confirmed attendance changes the participations; a session not held stops counting', async () => {
      const before = await total();
      const a4 = await activity('a4');
      const tooMany = await t.as('program_coordinator')('POST', `/teaching-activities/${a4.id}/confirm`, {
        attendance: [{ westernClassId: a4.campuses[0].westernClassId, studentsPresent: 500 }],
      });
      expect(tooMany.status).toBe(422);
      expect(JSON.stringify(tooMany.body)).toMatch(/500 students present in class .*, which enrols \d+/);
      expect(await total()).toEqual(before);
      // The class grew since the session was recorded: its enrolment now bounds the attendance.
      const classId = a4.campuses[0].westernClassId;
      const enrolled = (await t.asAdmin('GET', `/western-classes/${classId}`)).body.studentsEnrolled;
      expect((await t.asAdmin('PATCH', `/western-classes/${classId}`, { studentsEnrolled: 500 })).status).toBe(200);
      const grown = await t.as('program_coordinator')('POST', `/teaching-activities/${a4.id}/confirm`, {
        attendance: [{ westernClassId: classId, studentsPresent: 500 }],
      });
      expect(grown.status).toBe(200);
      expect((await t.asAdmin('PATCH', `/western-classes/${classId}`, { studentsEnrolled: enrolled })).status).toBe(200);
      const confirmed = await t.as('program_coordinator')('POST', `/teaching-activities/${a4.id}/confirm`, {
        attendance: [{ westernClassId: a4.campuses[0].westernClassId, studentsPresent: 25 }],
      });
      expect(confirmed.status).toBe(200);
      expect((await total()).participations).toBe(before.participations - 5);
      const notHeld = await t.as('program_coordinator')('POST', `/teaching-activities/${a4.id}/not-held`, {
        reason: 'Campus network down',
      });
      expect(notHeld).toMatchObject({ status: 200, body: { status: 'not_held' } });
      expect((await total()).activities).toBe(before.activities - 1);
    });
  });
});
