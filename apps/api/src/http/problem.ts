import { HttpStatus } from '@nestjs/common';

export interface FieldError {
  field: string;
  message: string;
}

/** An RFC 9457 problem body. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: string;
  requestId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** Thrown by the validation pipe: the request's shape is wrong (400), with one entry per field. */
export class RequestValidationError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '));
  }
}

export const problemType = (code: string) => `https://github.com/east-west-scheduler/problems#${code.toLowerCase().replace(/_/g, '-')}`;

export const statusTitle = (status: number): string =>
  ({
    [HttpStatus.BAD_REQUEST]: 'Bad request',
    [HttpStatus.UNAUTHORIZED]: 'Unauthorized',
    [HttpStatus.FORBIDDEN]: 'Forbidden',
    [HttpStatus.NOT_FOUND]: 'Not found',
    [HttpStatus.CONFLICT]: 'Conflict',
    [HttpStatus.PAYLOAD_TOO_LARGE]: 'Request body too large',
    [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: 'Unsupported media type',
    [HttpStatus.UNPROCESSABLE_ENTITY]: 'Unprocessable request',
    [HttpStatus.TOO_MANY_REQUESTS]: 'Too many requests',
    [HttpStatus.INTERNAL_SERVER_ERROR]: 'Internal server error',
    [HttpStatus.SERVICE_UNAVAILABLE]: 'Service unavailable',
  })[status] ?? 'Error';
