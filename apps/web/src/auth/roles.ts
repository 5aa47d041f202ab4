import type { Role } from '../api/types.js';
import type { MessageKey } from '../i18n/messages.js';

/** The three kinds of user the web app serves; each page belongs to one. */
export type Area = 'coordinator' | 'teacher' | 'staff';

/** Who may open each area's pages. The API enforces the same rules; this only hides what would be refused. */
export const areaRoles: Record<Area, readonly Role[]> = {
  coordinator: ['admin', 'program_coordinator', 'institution_coordinator'],
  teacher: ['teacher'],
  staff: ['admin', 'program_coordinator', 'analyst'],
};

/** Program-wide scheduling (proposals, runs, publishing) is the program office's. */
export const programRoles: readonly Role[] = ['admin', 'program_coordinator'];

export interface NavItem {
  area: Area;
  path: string;
  label: MessageKey;
  /** Narrower than the area (publishing a whole term is the program's call). */
  roles?: readonly Role[];
}

export const navigation: NavItem[] = [
  { area: 'coordinator', path: '/coordinator/institutions', label: 'nav.institutions' },
  { area: 'coordinator', path: '/coordinator/instructors', label: 'nav.instructors' },
  { area: 'coordinator', path: '/coordinator/courses', label: 'nav.courses' },
  { area: 'coordinator', path: '/coordinator/western-classes', label: 'nav.westernClasses' },
  { area: 'coordinator', path: '/coordinator/pairings', label: 'nav.pairings' },
  { area: 'coordinator', path: '/coordinator/schedule', label: 'nav.schedule', roles: programRoles },
  { area: 'coordinator', path: '/coordinator/sessions', label: 'nav.sessions' },
  { area: 'teacher', path: '/teacher/calendar', label: 'nav.calendar' },
  { area: 'teacher', path: '/teacher/inbox', label: 'nav.inbox' },
  { area: 'staff', path: '/staff/dashboard', label: 'nav.dashboard' },
];

export const mayEnter = (role: Role, area: Area): boolean => areaRoles[area].includes(role);

export const visibleNavigation = (role: Role): NavItem[] =>
  navigation.filter((item) => mayEnter(role, item.area) && (!item.roles || item.roles.includes(role)));

export const homeFor = (role: Role): string => visibleNavigation(role)[0]?.path ?? '/login';
