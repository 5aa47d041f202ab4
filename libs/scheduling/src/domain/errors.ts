/**
 * Domain rule codes. The API maps them in one exception filter: `isConflictCode` ones to 409, the rest
 * of the rule codes to 422, input-shape codes (INVALID_*) to 400 or 422 at the lead's choice.
 */
export enum SchedulingErrorCode {
  INVALID_TIME_ZONE = 'INVALID_TIME_ZONE',
  INVALID_LOCAL_DATE = 'INVALID_LOCAL_DATE',
  INVALID_LOCAL_TIME = 'INVALID_LOCAL_TIME',
  INVALID_INTERVAL = 'INVALID_INTERVAL',
  INVALID_PROGRAM = 'INVALID_PROGRAM',
  NONEXISTENT_LOCAL_TIME = 'NONEXISTENT_LOCAL_TIME',
  INSTRUCTOR_DOUBLE_BOOKED = 'INSTRUCTOR_DOUBLE_BOOKED',
  CLASS_DOUBLE_BOOKED = 'CLASS_DOUBLE_BOOKED',
  HOST_DOUBLE_BOOKED = 'HOST_DOUBLE_BOOKED',
  INSTRUCTOR_REST_TOO_SHORT = 'INSTRUCTOR_REST_TOO_SHORT',
  INSTRUCTOR_DAY_CAP_EXCEEDED = 'INSTRUCTOR_DAY_CAP_EXCEEDED',
  INSTRUCTOR_WEEK_CAP_EXCEEDED = 'INSTRUCTOR_WEEK_CAP_EXCEEDED',
  INSTRUCTOR_TERM_CAP_EXCEEDED = 'INSTRUCTOR_TERM_CAP_EXCEEDED',
  OUTSIDE_INSTRUCTOR_AVAILABILITY = 'OUTSIDE_INSTRUCTOR_AVAILABILITY',
  OUTSIDE_CLASS_PERIODS = 'OUTSIDE_CLASS_PERIODS',
  HOLIDAY = 'HOLIDAY',
  OUTSIDE_TERM = 'OUTSIDE_TERM',
  INSTRUCTOR_UNAVAILABLE_DATE = 'INSTRUCTOR_UNAVAILABLE_DATE',
  SLOT_REJECTED = 'SLOT_REJECTED',
  SCHEDULING_CANCELLED = 'SCHEDULING_CANCELLED',
}

const CONFLICT_CODES: ReadonlySet<SchedulingErrorCode> = new Set([
  SchedulingErrorCode.INSTRUCTOR_DOUBLE_BOOKED,
  SchedulingErrorCode.CLASS_DOUBLE_BOOKED,
  SchedulingErrorCode.HOST_DOUBLE_BOOKED,
  SchedulingErrorCode.INSTRUCTOR_REST_TOO_SHORT,
  SchedulingErrorCode.INSTRUCTOR_DAY_CAP_EXCEEDED,
  SchedulingErrorCode.INSTRUCTOR_WEEK_CAP_EXCEEDED,
  SchedulingErrorCode.INSTRUCTOR_TERM_CAP_EXCEEDED,
]);

/** True for codes that clash with other people's existing sessions (HTTP 409 material). */
export function isConflictCode(code: SchedulingErrorCode): boolean {
  return CONFLICT_CODES.has(code);
}

/** The one error the domain throws. `details` is plain JSON (e.g. the violations of a rejected slot). */
export class SchedulingError extends Error {
  constructor(
    readonly code: SchedulingErrorCode,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'SchedulingError';
  }
}
