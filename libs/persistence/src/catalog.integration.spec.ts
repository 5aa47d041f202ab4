import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { ApplicationError, ApplicationErrorCode, Catalogs } from '#scheduling';
import * as make from '#test/factories';
import { FixedClock } from '#test/fixed-clock';
import { openTestDatabase } from './testing/test-database.js';
import { TypeormUnitOfWork } from './typeorm-unit-of-work.js';

describe(`catalog persistence on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'}`, () => {
  let dataSource: DataSource;
  let unitOfWork: TypeormUnitOfWork;
  let catalogs: Catalogs;

  beforeAll(async () => {
    dataSource = await openTestDatabase();
    unitOfWork = new TypeormUnitOfWork(dataSource, new FixedClock());
    catalogs = new Catalogs(unitOfWork);
  });
  afterAll(async () => {
    await dataSource.destroy();
  });

  it('stores a whole program and reads it back', async () => {
    const east = await catalogs.institutions.create(make.zhejiang());
    const west = await catalogs.institutions.create(make.kashgar());
    const westTerm = await catalogs.terms.create(make.term(west.id));
    const teacher = await catalogs.instructors.create(make.instructor(east.id, { timeZone: '' }));
    expect(teacher.timeZone).toBe('Asia/Shanghai');
    const host = await catalogs.instructors.create(make.instructor(west.id, { name: 'Aynur', role: 'host', timeZone: '' }));
    expect(host.timeZone).toBe('Asia/Urumqi');
    const course = await catalogs.courses.create(make.course(east.id));
    const cohort = await catalogs.westernClasses.create(
      make.westernClass({ institutionId: west.id, courseId: course.id, termId: westTerm.id, hostTeacherId: host.id }, { discipline: '' }),
    );
    expect(cohort.discipline).toBe('computer-science');
    const pairing = await catalogs.pairings.create(
      make.pairing({ instructorId: teacher.id, courseId: course.id, termId: westTerm.id, westernClassIds: [cohort.id] }),
    );

    await expect(catalogs.institutions.get(west.id)).resolves.toEqual(west);
    await expect(catalogs.pairings.get(pairing.id)).resolves.toEqual(pairing);
    const byClass = await catalogs.pairings.list({ westernClassId: cohort.id }, { page: 1, pageSize: 10 });
    expect(byClass.items.map((p) => p.id)).toEqual([pairing.id]);
    const xinjiang = await catalogs.institutions.list({ search: '喀什' }, { page: 1, pageSize: 10 });
    expect(xinjiang).toMatchObject({ total: 1, items: [{ nameEn: 'Kashgar University', secondaryTimeZone: 'Asia/Shanghai' }] });
  });

  it('refuses a reference to a record that does not exist, writing nothing', async () => {
    const before = await catalogs.terms.list({}, { page: 1, pageSize: 100 });
    const attempt = catalogs.terms.create(make.term('00000000-0000-0000-0000-000000000000'));
    await expect(attempt).rejects.toMatchObject({ code: ApplicationErrorCode.InvalidReference, fieldErrors: [{ field: 'institutionId' }] });
    const after = await catalogs.terms.list({}, { page: 1, pageSize: 100 });
    expect(after.total).toBe(before.total);
  });

  it('refuses to delete an institution that others still refer to', async () => {
    const east = await catalogs.institutions.create(make.zhejiang({ nameEn: 'Fudan University' }));
    await catalogs.courses.create(make.course(east.id));
    await expect(catalogs.institutions.delete(east.id)).rejects.toMatchObject({ code: ApplicationErrorCode.InUse });
    await expect(catalogs.institutions.get(east.id)).resolves.toMatchObject({ id: east.id });
  });

  it('loses nothing under 50 concurrent creates', async () => {
    const created = await Promise.all(
      Array.from({ length: 50 }, (_, i) => catalogs.institutions.create(make.zhejiang({ nameEn: `Parallel University ${i}` }))),
    );
    const listed = await catalogs.institutions.list({ search: 'Parallel University' }, { page: 1, pageSize: 100 });
    expect(listed.total).toBe(50);
    expect(new Set(listed.items.map((i) => i.id))).toEqual(new Set(created.map((i) => i.id)));
  });

  it('keeps an unrelated write when a concurrent unit of work fails', async () => {
    const failing = unitOfWork.run(async (stores) => {
      await stores.institutions.save({ ...make.zhejiang({ nameEn: 'Rolled Back' }), id: '11111111-1111-1111-1111-111111111111' });
      await new Promise((resolve) => setTimeout(resolve, 20));
      throw new Error('boom');
    });
    const kept = catalogs.institutions.create(make.zhejiang({ nameEn: 'Kept University' }));
    await expect(failing).rejects.toThrow('boom');
    const keptInstitution = await kept;
    await expect(catalogs.institutions.get(keptInstitution.id)).resolves.toMatchObject({ nameEn: 'Kept University' });
    await expect(catalogs.institutions.get('11111111-1111-1111-1111-111111111111')).rejects.toBeInstanceOf(ApplicationError);
  });
});
