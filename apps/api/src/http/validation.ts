import { ValidationPipe, type PipeTransform, type Type, type ValidationError, type ValidationPipeOptions } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { ApplicationError } from '#scheduling';
import { RequestValidationError, type FieldError } from './problem.js';

/**
 * Constraints on what a value is, outermost first (missing, not an array, not a number...): when one
 * fails, the constraints after it and the bounds on the same field (at most 480, each a UUID...) say
 * nothing useful, and only it is reported.
 */
const KIND_CONSTRAINTS = ['isDefined', 'isArray', 'isObject', 'isInt', 'isNumber', 'isString', 'isBoolean', 'isUuid', 'isIn', 'isEnum'];

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const segment = /^\d+$/.test(error.property) ? `[${error.property}]` : parent ? `.${error.property}` : error.property;
    const field = `${parent}${segment}`;
    const failed = Object.entries(error.constraints ?? {});
    const kind = KIND_CONSTRAINTS.find((constraint) => error.constraints?.[constraint] !== undefined);
    const own = (kind ? failed.filter(([constraint]) => constraint === kind) : failed).map(([, message]) => ({
      field,
      // class-validator starts messages with the property name; the field path says it already.
      message: message.startsWith(`${error.property} `) ? message.slice(error.property.length + 1) : message,
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Whitelists DTO fields, refuses unknown ones, and reports every bad field by its path. */
export const validationOptions: ValidationPipeOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  transformOptions: { enableImplicitConversion: false },
  exceptionFactory: (errors) => new RequestValidationError(flatten(errors)),
};

export const validationPipe = new ValidationPipe(validationOptions);

/** For generic handlers, whose parameter types TypeScript cannot describe at run time. */
export const validationPipeFor = (expectedType: Type<unknown>) => new ValidationPipe({ ...validationOptions, expectedType });

/** A path id that is not a UUID cannot name a record: 404, like any other unknown id. */
export class IdPipe implements PipeTransform<string, string> {
  constructor(private readonly resource: string) {}
  transform(value: string): string {
    if (!isUUID(value)) throw ApplicationError.notFound(this.resource, value);
    return value;
  }
}
