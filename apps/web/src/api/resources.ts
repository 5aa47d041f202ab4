import type { ApiClient } from './client.js';
import type { Course, Institution, Instructor, JointSession, Page, Pairing, SlotViolation, Term, WesternClass } from './types.js';

type Query = Record<string, string | number | undefined>;

/** The five REST operations the API gives every catalog resource. */
export function catalog<T extends { id: string }>(api: ApiClient, path: string) {
  return {
    list: (query: Query = {}) => api.get<Page<T>>(`/${path}`, query),
    /** Every record (up to the API's page limit), for choosing one in a form. */
    all: (query: Query = {}) => api.get<Page<T>>(`/${path}`, { ...query, pageSize: 500 }).then((page) => page.items),
    get: (id: string) => api.get<T>(`/${path}/${id}`),
    create: (body: Partial<T>) => api.post<T>(`/${path}`, body),
    update: (id: string, body: Partial<T>) => api.patch<T>(`/${path}/${id}`, body),
    remove: (id: string) => api.delete<void>(`/${path}/${id}`),
  };
}

export const resources = (api: ApiClient) => ({
  institutions: catalog<Institution>(api, 'institutions'),
  terms: catalog<Term>(api, 'terms'),
  instructors: catalog<Instructor>(api, 'instructors'),
  courses: catalog<Course>(api, 'courses'),
  westernClasses: catalog<WesternClass>(api, 'western-classes'),
  pairings: catalog<Pairing>(api, 'pairings'),
  sessions: {
    list: (query: Query) => api.get<Page<JointSession>>('/joint-sessions', query),
    get: (id: string) => api.get<JointSession>(`/joint-sessions/${id}`),
    check: (body: { pairingId: string; startsAt: string; durationMinutes: number; westernClassIds?: string[] }) =>
      api.post<{ bookable: boolean; violations: SlotViolation[] }>('/joint-sessions/check', body),
    move: (id: string, body: { startsAt?: string; durationMinutes?: number }) => api.patch<JointSession>(`/joint-sessions/${id}`, body),
    cancel: (id: string) => api.delete<JointSession>(`/joint-sessions/${id}`),
  },
});

export type Resources = ReturnType<typeof resources>;
