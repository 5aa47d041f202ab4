import {
  CourseQuery,
  CreateCourseDto,
  CreatePairingDto,
  CreateWesternClassDto,
  PairingQuery,
  UpdateCourseDto,
  UpdatePairingDto,
  UpdateWesternClassDto,
  WesternClassQuery,
} from '../dto/course.dto.js';
import {
  CreateInstitutionDto,
  CreateTermDto,
  InstitutionQuery,
  TermQuery,
  UpdateInstitutionDto,
  UpdateTermDto,
} from '../dto/institution.dto.js';
import { CreateInstructorDto, InstructorQuery, UpdateInstructorDto } from '../dto/instructor.dto.js';
import * as respond from '../mappers/responses.js';
import type { Role } from '../auth/roles.decorator.js';
import { CatalogController } from './catalog.controller.js';

// Roles per operation; the use cases then confine each role to its reach (an institution
// coordinator to their institution, a teacher to their own profile).
const coordinators: Role[] = ['program_coordinator', 'institution_coordinator'];
const readers: Role[] = [...coordinators, 'analyst'];
const scheduling = { read: readers, create: coordinators, update: coordinators, delete: coordinators };

export const InstitutionsController = CatalogController({
  path: 'institutions',
  tag: 'Institutions',
  resource: 'institution',
  catalog: (c) => c.institutions,
  createDto: CreateInstitutionDto,
  updateDto: UpdateInstitutionDto,
  queryDto: InstitutionQuery,
  toCreate: (body) => ({
    ...body,
    secondaryTimeZone: body.secondaryTimeZone ?? null,
    classPeriods: body.classPeriods ?? [],
    calendarExceptions: body.calendarExceptions ?? [],
  }),
  toFilter: ({ region, province, search }) => ({ region, province, search }),
  toResponse: respond.institutionResponse,
  // Institution coordinators keep their own institution's details; creating one is the program's call.
  roles: { read: readers, create: ['program_coordinator'], update: coordinators, delete: ['program_coordinator'] },
});

export const TermsController = CatalogController({
  path: 'terms',
  tag: 'Terms',
  resource: 'term',
  catalog: (c) => c.terms,
  createDto: CreateTermDto,
  updateDto: UpdateTermDto,
  queryDto: TermQuery,
  toCreate: (body) => body,
  toFilter: ({ institutionId }) => ({ institutionId }),
  toResponse: respond.termResponse,
  roles: scheduling,
});

export const InstructorsController = CatalogController({
  path: 'instructors',
  tag: 'Instructors',
  resource: 'instructor',
  catalog: (c) => c.instructors,
  createDto: CreateInstructorDto,
  updateDto: UpdateInstructorDto,
  queryDto: InstructorQuery,
  toCreate: (body) => ({
    ...body,
    role: body.role ?? 'instructor',
    timeZone: body.timeZone ?? '',
    availability: body.availability ?? [],
    unavailableLocalDates: body.unavailableLocalDates ?? [],
    maxSessionsPerDay: body.maxSessionsPerDay ?? 2,
    maxSessionsPerWeek: body.maxSessionsPerWeek ?? 8,
    maxSessionsPerTerm: body.maxSessionsPerTerm ?? 120,
  }),
  toFilter: ({ institutionId, role, discipline, search }) => ({ institutionId, role, discipline, search }),
  toResponse: respond.instructorResponse,
  // Teachers read and update their own profile and availability.
  roles: { read: [...readers, 'teacher'], create: coordinators, update: [...coordinators, 'teacher'], delete: coordinators },
});

export const CoursesController = CatalogController({
  path: 'courses',
  tag: 'Courses',
  resource: 'course',
  catalog: (c) => c.courses,
  createDto: CreateCourseDto,
  updateDto: UpdateCourseDto,
  queryDto: CourseQuery,
  toCreate: (body) => body,
  toFilter: ({ institutionId, discipline, search }) => ({ institutionId, discipline, search }),
  toResponse: respond.courseResponse,
  roles: scheduling,
});

export const WesternClassesController = CatalogController({
  path: 'western-classes',
  tag: 'Western classes',
  resource: 'western class',
  catalog: (c) => c.westernClasses,
  createDto: CreateWesternClassDto,
  updateDto: UpdateWesternClassDto,
  queryDto: WesternClassQuery,
  toCreate: (body) => ({ ...body, discipline: body.discipline ?? '', hostTeacherId: body.hostTeacherId ?? null }),
  toFilter: ({ institutionId, courseId, termId, hostTeacherId }) => ({ institutionId, courseId, termId, hostTeacherId }),
  toResponse: respond.westernClassResponse,
  roles: scheduling,
});

export const PairingsController = CatalogController({
  path: 'pairings',
  tag: 'Pairings',
  resource: 'pairing',
  catalog: (c) => c.pairings,
  createDto: CreatePairingDto,
  updateDto: UpdatePairingDto,
  queryDto: PairingQuery,
  toCreate: (body) => ({ ...body, status: body.status ?? 'proposed' }),
  toFilter: ({ instructorId, courseId, termId, westernClassId, status }) => ({ instructorId, courseId, termId, westernClassId, status }),
  toResponse: respond.pairingResponse,
  roles: scheduling,
});
