import type { Course, Institution, Instructor, Pairing, Term, WesternClass } from '../domain/model.js';
import { pairingInReach } from './access.js';
import { reachOf, type Actor } from './actor.js';
import { ApplicationError } from './errors.js';
import { Catalog, requireReference, type CatalogAccess } from './catalog.js';
import type {
  CourseFilter,
  InstitutionFilter,
  InstructorFilter,
  PairingFilter,
  Stores,
  TermFilter,
  UnitOfWork,
  WesternClassFilter,
} from './ports/stores.js';

const isBefore = (localStart: string, localEnd: string) => localStart < localEnd;

async function prepareInstitution(item: Institution): Promise<Institution> {
  item.classPeriods.forEach((period, index) => {
    if (!isBefore(period.localStart, period.localEnd))
      throw ApplicationError.invalidInput(`classPeriods[${index}].localEnd`, 'must be after localStart on the same day');
  });
  item.calendarExceptions.forEach((exception, index) => {
    if (exception.kind === 'makeup' && !exception.runsWeekday)
      throw ApplicationError.invalidInput(
        `calendarExceptions[${index}].runsWeekday`,
        'a make-up working day must name the weekday whose timetable it runs (1 = Monday ... 7 = Sunday)',
      );
  });
  return item;
}

async function prepareTerm(item: Term, stores: Stores): Promise<Term> {
  await requireReference(stores.institutions, item.institutionId, 'institutionId', 'institution');
  if (item.endLocalDate < item.startLocalDate) throw ApplicationError.invalidInput('endLocalDate', 'must not be before startLocalDate');
  return item;
}

async function prepareInstructor(item: Instructor, stores: Stores): Promise<Instructor> {
  const institution = await requireReference(stores.institutions, item.institutionId, 'institutionId', 'institution');
  item.availability.forEach((window, index) => {
    if (!isBefore(window.localStart, window.localEnd))
      throw ApplicationError.invalidInput(`availability[${index}].localEnd`, 'must be after localStart on the same day');
  });
  if (item.maxSessionsPerDay > item.maxSessionsPerWeek)
    throw ApplicationError.invalidInput('maxSessionsPerDay', 'must not exceed maxSessionsPerWeek');
  // An instructor keeps the institution's clock unless told otherwise.
  return { ...item, timeZone: item.timeZone || institution.timeZone };
}

async function prepareCourse(item: Course, stores: Stores): Promise<Course> {
  await requireReference(stores.institutions, item.institutionId, 'institutionId', 'institution');
  return item;
}

async function prepareWesternClass(item: WesternClass, stores: Stores): Promise<WesternClass> {
  const institution = await requireReference(stores.institutions, item.institutionId, 'institutionId', 'institution');
  const course = await requireReference(stores.courses, item.courseId, 'courseId', 'course');
  const term = await requireReference(stores.terms, item.termId, 'termId', 'term');
  if (term.institutionId !== item.institutionId)
    throw ApplicationError.invalidInput(
      'termId',
      `term ${term.name} belongs to another institution; use one of ${institution.nameEn}'s terms`,
    );
  if (item.hostTeacherId) {
    const host = await requireReference(stores.instructors, item.hostTeacherId, 'hostTeacherId', 'instructor');
    if (host.institutionId !== item.institutionId)
      throw ApplicationError.invalidInput(
        'hostTeacherId',
        `${host.name} teaches at another institution; the host teacher must be at ${institution.nameEn}`,
      );
  }
  const periodNames = new Set(institution.classPeriods.map((period) => period.name));
  item.allowedPeriodNames.forEach((name, index) => {
    if (!periodNames.has(name))
      throw ApplicationError.invalidInput(
        `allowedPeriodNames[${index}]`,
        `${institution.nameEn} has no class period named "${name}"; it has ${[...periodNames].join(', ') || 'none'}`,
      );
  });
  return { ...item, discipline: item.discipline || course.discipline };
}

async function preparePairing(item: Pairing, stores: Stores): Promise<Pairing> {
  const instructor = await requireReference(stores.instructors, item.instructorId, 'instructorId', 'instructor');
  if (instructor.role !== 'instructor')
    throw ApplicationError.invalidInput('instructorId', `${instructor.name} is a host teacher; a pairing needs an eastern instructor`);
  await requireReference(stores.courses, item.courseId, 'courseId', 'course');
  await requireReference(stores.terms, item.termId, 'termId', 'term');
  if (new Set(item.westernClassIds).size !== item.westernClassIds.length)
    throw ApplicationError.invalidInput('westernClassIds', 'lists a class twice');
  for (const [index, id] of item.westernClassIds.entries()) {
    const westernClass = await requireReference(stores.westernClasses, id, `westernClassIds[${index}]`, 'western class');
    if (westernClass.courseId !== item.courseId)
      throw ApplicationError.invalidInput(
        `westernClassIds[${index}]`,
        `${westernClass.name} takes another course; one live lesson serves classes of the same course`,
      );
  }
  return item;
}

// Who reaches what: an institution coordinator their own institution's records, a teacher their own profile.
const ownInstitution: CatalogAccess<Institution, InstitutionFilter> = {
  listScope: (actor) => {
    const reach = reachOf(actor);
    return reach.kind === 'all' ? {} : reach.kind === 'institution' ? { id: reach.institutionId } : null;
  },
  canSee: async (actor, item) => {
    const reach = reachOf(actor);
    return reach.kind === 'all' || (reach.kind === 'institution' && item.id === reach.institutionId);
  },
};

const belongsToInstitution = <T extends { institutionId: string }, F extends { institutionId?: string }>(): CatalogAccess<T, F> => ({
  listScope: (actor) => {
    const reach = reachOf(actor);
    return reach.kind === 'all' ? {} : reach.kind === 'institution' ? ({ institutionId: reach.institutionId } as Partial<F>) : null;
  },
  canSee: async (actor, item) => {
    const reach = reachOf(actor);
    return reach.kind === 'all' || (reach.kind === 'institution' && item.institutionId === reach.institutionId);
  },
});

/** The fields of their own instructor record a teacher may change. */
export const TEACHER_PROFILE_FIELDS = ['name', 'languages', 'timeZone', 'availability', 'unavailableLocalDates'] as const;

const instructorAccess: CatalogAccess<Instructor, InstructorFilter> = {
  listScope: (actor) => {
    const reach = reachOf(actor);
    if (reach.kind === 'instructor') return { id: reach.instructorId };
    return belongsToInstitution<Instructor, InstructorFilter>().listScope(actor);
  },
  canSee: async (actor, item, stores) => {
    const reach = reachOf(actor);
    if (reach.kind === 'instructor') return item.id === reach.instructorId;
    return belongsToInstitution<Instructor, InstructorFilter>().canSee(actor, item, stores);
  },
  patchableFields: (actor: Actor) => (actor.role === 'teacher' ? TEACHER_PROFILE_FIELDS : undefined),
};

// MOOCs are a public catalog: every coordinator reads them all, and changes only their institution's.
const courseAccess: CatalogAccess<Course, CourseFilter> = {
  listScope: (actor) => (['all', 'institution'].includes(reachOf(actor).kind) ? {} : null),
  canSee: async (actor) => ['all', 'institution'].includes(reachOf(actor).kind),
  canWrite: belongsToInstitution<Course, CourseFilter>().canSee,
};

const pairingAccess: CatalogAccess<Pairing, PairingFilter> = {
  listScope: (actor) => {
    const reach = reachOf(actor);
    return reach.kind === 'all' ? {} : reach.kind === 'institution' ? { involvesInstitutionId: reach.institutionId } : null;
  },
  canSee: async (actor, item, stores) => reachOf(actor).kind !== 'instructor' && pairingInReach(stores, actor, item),
};

/** The catalog of every plain record kind, each with its own reference checks. */
export class Catalogs {
  readonly institutions: Catalog<Institution, InstitutionFilter>;
  readonly terms: Catalog<Term, TermFilter>;
  readonly instructors: Catalog<Instructor, InstructorFilter>;
  readonly courses: Catalog<Course, CourseFilter>;
  readonly westernClasses: Catalog<WesternClass, WesternClassFilter>;
  readonly pairings: Catalog<Pairing, PairingFilter>;

  constructor(unitOfWork: UnitOfWork) {
    this.institutions = new Catalog(unitOfWork, {
      resource: 'institution',
      store: (s) => s.institutions,
      prepare: prepareInstitution,
      access: ownInstitution,
      audit: 'institution',
    });
    this.terms = new Catalog(unitOfWork, { resource: 'term', store: (s) => s.terms, prepare: prepareTerm, access: belongsToInstitution() });
    this.instructors = new Catalog(unitOfWork, {
      resource: 'instructor',
      store: (s) => s.instructors,
      prepare: prepareInstructor,
      access: instructorAccess,
    });
    this.courses = new Catalog(unitOfWork, { resource: 'course', store: (s) => s.courses, prepare: prepareCourse, access: courseAccess });
    this.westernClasses = new Catalog(unitOfWork, {
      resource: 'western class',
      store: (s) => s.westernClasses,
      prepare: prepareWesternClass,
      access: belongsToInstitution(),
    });
    this.pairings = new Catalog(unitOfWork, {
      resource: 'pairing',
      store: (s) => s.pairings,
      prepare: preparePairing,
      access: pairingAccess,
      audit: 'pairing',
    });
  }
}
