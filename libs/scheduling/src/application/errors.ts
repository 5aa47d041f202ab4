/** Why a request could not be carried out; the API maps each code to an HTTP status in one place. */
export enum ApplicationErrorCode {
  NotFound = 'NOT_FOUND',
  InvalidReference = 'INVALID_REFERENCE',
  InvalidInput = 'INVALID_INPUT',
  InUse = 'IN_USE',
  Conflict = 'CONFLICT',
  /** No valid credentials (401). The message never says which part was wrong. */
  Unauthenticated = 'UNAUTHENTICATED',
  /** Authenticated but not allowed (403). */
  Forbidden = 'FORBIDDEN',
  /** Too many attempts (429); `retryAfterSeconds` says when to try again. */
  RateLimited = 'RATE_LIMITED',
}

export class ApplicationError extends Error {
  override readonly name = 'ApplicationError';
  constructor(
    readonly code: ApplicationErrorCode,
    message: string,
    /** Field paths and what to fix, for the problem body. */
    readonly fieldErrors: { field: string; message: string }[] = [],
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  static notFound(resource: string, id: string): ApplicationError {
    return new ApplicationError(ApplicationErrorCode.NotFound, `No ${resource} with id ${id}.`);
  }

  static invalidReference(field: string, resource: string, id: string): ApplicationError {
    const message = `${field}: no ${resource} with id ${id}.`;
    return new ApplicationError(ApplicationErrorCode.InvalidReference, message, [{ field, message }]);
  }

  static invalidInput(field: string, message: string): ApplicationError {
    return new ApplicationError(ApplicationErrorCode.InvalidInput, `${field}: ${message}`, [{ field, message }]);
  }

  static unauthenticated(
    message = 'Sign in first: send a valid access token or API token as `Authorization: Bearer ...`.',
  ): ApplicationError {
    return new ApplicationError(ApplicationErrorCode.Unauthenticated, message);
  }

  static forbidden(message: string): ApplicationError {
    return new ApplicationError(ApplicationErrorCode.Forbidden, message);
  }

  static rateLimited(retryAfterSeconds: number): ApplicationError {
    return new ApplicationError(
      ApplicationErrorCode.RateLimited,
      `Too many sign-in attempts; try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`,
      [],
      retryAfterSeconds,
    );
  }
}
