/** Why a request could not be carried out; the API maps each code to an HTTP status in one place. */
export enum ApplicationErrorCode {
  NotFound = 'NOT_FOUND',
  InvalidReference = 'INVALID_REFERENCE',
  InvalidInput = 'INVALID_INPUT',
  InUse = 'IN_USE',
  Conflict = 'CONFLICT',
}

export class ApplicationError extends Error {
  override readonly name = 'ApplicationError';
  constructor(
    readonly code: ApplicationErrorCode,
    message: string,
    /** Field paths and what to fix, for the problem body. */
    readonly fieldErrors: { field: string; message: string }[] = [],
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
}
