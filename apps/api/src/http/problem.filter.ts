import { ArgumentsHost, Catch, HttpException, HttpStatus, Inject, Logger, type ExceptionFilter } from '@nestjs/common';
import type { AppConfig } from '#config';
import { APP_CONFIG } from '../app-config.token.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApplicationError, ApplicationErrorCode, isConflictCode, SchedulingError, SchedulingErrorCode } from '#scheduling';
import { problemType, RequestValidationError, statusTitle, type Problem } from './problem.js';

const MEDIA_TYPE_HINT =
  "This service reads JSON (content-type application/json); /teaching-activities/import reads the CSV file itself as the body, with content-type text/csv (e.g. curl --data-binary @history.csv -H 'content-type: text/csv').";

const applicationStatus: Record<ApplicationErrorCode, number> = {
  [ApplicationErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [ApplicationErrorCode.InvalidReference]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ApplicationErrorCode.InvalidInput]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ApplicationErrorCode.InUse]: HttpStatus.CONFLICT,
  [ApplicationErrorCode.Conflict]: HttpStatus.CONFLICT,
  [ApplicationErrorCode.Unauthenticated]: HttpStatus.UNAUTHORIZED,
  [ApplicationErrorCode.Forbidden]: HttpStatus.FORBIDDEN,
  [ApplicationErrorCode.RateLimited]: HttpStatus.TOO_MANY_REQUESTS,
};

function schedulingStatus(error: SchedulingError): number {
  if (error.code === SchedulingErrorCode.SLOT_REJECTED) {
    const violations = (error.details?.violations ?? []) as { code: SchedulingErrorCode }[];
    return violations.some((v) => isConflictCode(v.code)) ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_ENTITY;
  }
  if (isConflictCode(error.code) || error.code === SchedulingErrorCode.SCHEDULING_CANCELLED) return HttpStatus.CONFLICT;
  return HttpStatus.UNPROCESSABLE_ENTITY;
}

/** Turns any error into an RFC 9457 problem; the one place where errors become HTTP statuses. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');
  private readonly bodyLimitBytes: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.bodyLimitBytes = config.bodyLimitBytes;
  }

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = this.toProblem(error);
    problem.instance = request.url;
    problem.requestId = String(request.id);
    if (problem.status >= 500) this.logger.error({ err: error, requestId: request.id }, 'unhandled error');
    if (problem.status === HttpStatus.UNAUTHORIZED) void reply.header('www-authenticate', 'Bearer');
    if (error instanceof ApplicationError && error.retryAfterSeconds !== undefined)
      void reply.header('retry-after', String(Math.ceil(error.retryAfterSeconds)));
    void reply.status(problem.status).header('content-type', 'application/problem+json; charset=utf-8').send(problem);
  }

  private toProblem(error: unknown): Problem {
    const make = (status: number, code: string, detail: string, extra: Partial<Problem> = {}): Problem => ({
      type: problemType(code),
      title: statusTitle(status),
      status,
      detail,
      code,
      ...extra,
    });
    if (error instanceof RequestValidationError)
      return make(
        HttpStatus.BAD_REQUEST,
        'VALIDATION_FAILED',
        `The request has ${error.errors.length} invalid field(s): ${error.message}`,
        { errors: error.errors },
      );
    if (error instanceof ApplicationError)
      return make(applicationStatus[error.code], error.code, error.message, error.fieldErrors.length ? { errors: error.fieldErrors } : {});
    if (error instanceof SchedulingError)
      return make(schedulingStatus(error), error.code, error.message, error.details ? { ...error.details } : {});
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const body = error.getResponse();
      const detail = typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? error.message);
      // Fastify's own 415 says only "Unsupported Media Type": say what this service reads.
      if (status === 415 && detail === 'Unsupported Media Type') return make(status, 'UNSUPPORTED_MEDIA_TYPE', MEDIA_TYPE_HINT);
      return make(status, status === 404 ? 'ROUTE_NOT_FOUND' : `HTTP_${status}`, detail);
    }
    // Fastify's own errors (body too large, bad JSON, wrong content type) carry a 4xx statusCode.
    const fastifyError = error as { statusCode?: number; code?: string; message?: string };
    if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return make(
        HttpStatus.PAYLOAD_TOO_LARGE,
        'BODY_TOO_LARGE',
        `The request body is larger than the ${this.bodyLimitBytes} bytes this service accepts (BODY_LIMIT_BYTES); send less, e.g. import a large file in parts.`,
      );
    if (fastifyError.statusCode === 415) return make(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'UNSUPPORTED_MEDIA_TYPE', MEDIA_TYPE_HINT);
    if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500)
      return make(fastifyError.statusCode, fastifyError.code ?? `HTTP_${fastifyError.statusCode}`, fastifyError.message ?? 'Bad request');
    return make(
      HttpStatus.INTERNAL_SERVER_ERROR,
      'INTERNAL_ERROR',
      'Something went wrong on our side; quote the request id when reporting it.',
    );
  }
}
