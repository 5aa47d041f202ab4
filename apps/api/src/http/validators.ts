import { ValidateBy, type ValidationOptions } from 'class-validator';
import { instantMillis, isLocalDate, isLocalTime, isValidTimeZone } from '#scheduling';

export const IsTimeZone = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isTimeZone',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValidTimeZone(value),
        defaultMessage: () => 'must be an IANA time zone such as Asia/Shanghai, Asia/Urumqi or Europe/London',
      },
    },
    options,
  );

export const IsLocalTime = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isLocalTime',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isLocalTime(value),
        defaultMessage: () => 'must be a wall-clock time HH:mm, e.g. 08:00',
      },
    },
    options,
  );

export const IsLocalDate = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isLocalDate',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isLocalDate(value),
        defaultMessage: () => 'must be a calendar date YYYY-MM-DD, e.g. 2026-09-27',
      },
    },
    options,
  );

export const IsUtcInstant = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isUtcInstant',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && !Number.isNaN(instantMillis(value)),
        defaultMessage: () => 'must be an ISO-8601 instant with an offset, on a date and time that exist, e.g. 2026-09-28T02:00:00Z',
      },
    },
    options,
  );
