import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min, ValidateBy, type ValidationOptions } from 'class-validator';
import { isIsoDate, shanghaiDateOf } from '@huiying/calendar';

/** Applies several property decorators as one (reusable validation stacks, immich-style). */
function compose(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((d) => d(target, key));
}

/** A real calendar date 'YYYY-MM-DD' (2027-02-30 is refused). */
export function IsIsoDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIsoDate',
      validator: {
        validate: (value: unknown) => isIsoDate(value),
        defaultMessage: (args) => `${args?.property} must be a real date YYYY-MM-DD`,
      },
    },
    options,
  );
}

/** An ISO 8601 instant with an explicit offset (Z or ±hh:mm), e.g. 2026-01-01T00:00:00+08:00. */
export function IsInstantWithOffset(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstantWithOffset',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
          !Number.isNaN(Date.parse(value)),
        defaultMessage: (args) => `${args?.property} must be an ISO 8601 date-time with an offset, e.g. 2026-01-01T00:00:00+08:00`,
      },
    },
    options,
  );
}

/**
 * U+FFFD, the character a lenient decoder puts where it met bytes it could not read: text holding it was decoded with
 * the wrong encoding before it reached us (a GBK file read as UTF-8, issue 14), and what the bytes said is lost.
 */
export const REPLACEMENT_CHARACTER = '\uFFFD';

/** The field error of text holding U+FFFD (the import CLI gives the same one before sending). */
export function replacementCharacterMessage(field: string): string {
  return `${field} contains U+FFFD (the replacement character): the text was decoded with the wrong encoding on its way here (e.g. a GBK file read as UTF-8) and the original characters are lost; send the text again from the original`;
}

/**
 * Text without U+FFFD. Stored, such text would pass for data, and since a work order's number is its idempotency key
 * the corrected re-send would then be dropped as a duplicate. Only checks strings; the type is its own decorator's.
 */
export function NoReplacementCharacter(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'noReplacementCharacter',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || !value.includes(REPLACEMENT_CHARACTER),
        defaultMessage: (args) => replacementCharacterMessage(args?.property ?? 'value'),
      },
    },
    options,
  );
}

/** A required date query/body field. */
export function DateField(description: string, example: string): PropertyDecorator {
  return compose(ApiProperty({ format: 'date', example, description }), IsIsoDate());
}

/** An optional date query/body field. */
export function OptionalDateField(description: string, example: string): PropertyDecorator {
  return compose(ApiPropertyOptional({ format: 'date', example, description }), IsOptional(), IsIsoDate());
}

/** An integer taken from a query string ('20' → 20; '2.5', 'x' and '' are refused). */
export function QueryInt(min: number, max: number): PropertyDecorator {
  return compose(
    Transform(({ value }) => (typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value)),
    IsInt({ message: ({ property }) => `${property} must be an integer` }),
    Min(min),
    Max(max),
  );
}

/** A short identifier: lower-case letters, digits, '.', '-', '_' (jurisdictions, versions). */
export function IsCode(options?: ValidationOptions): PropertyDecorator {
  return Matches(/^[a-z0-9][a-z0-9._-]{0,99}$/, {
    message: ({ property }) => `${property} must be 1–100 characters of a-z, 0-9, '.', '-', '_' (starting with a letter or digit)`,
    ...options,
  });
}

/**
 * A field callers used to send and may not any more: a 400 naming it and what to send instead (the pipe's own
 * "should not exist" would not say). Not in the OpenAPI document.
 */
export function NoLongerAccepted(instead: string): PropertyDecorator {
  return ValidateBy({
    name: 'noLongerAccepted',
    validator: {
      validate: (value: unknown) => value === undefined,
      defaultMessage: (args) => `${args?.property} is no longer accepted: ${instead}`,
    },
  });
}

/**
 * An instant that has already happened: not more than DISCOVERED_AT_CLOCK_SKEW_MS ahead of the server's clock (a report
 * or call dated 9999-12-31 was once accepted). Checks only the future; the format is its own decorator's.
 */
export function NotInFuture(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'notInFuture',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || Number.isNaN(Date.parse(value)) || Date.parse(value) <= Date.now() + DISCOVERED_AT_CLOCK_SKEW_MS,
        defaultMessage: (args) => `${args?.property} ${String(args?.value)} is in the future (more than ${DISCOVERED_AT_CLOCK_SKEW_MS / 60_000} minutes ahead of the server's clock)`,
      },
    },
    options,
  );
}

/**
 * An instant still ahead of the server's clock: the end of something being created now (a key's expiry, a rotation's
 * grace) — one that has passed already would be stored as if it were in force (issue 14: a key was issued expired).
 * Checks only the time; the format is its own decorator's. `hint` says what to send instead.
 */
export function InFuture(hint: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'inFuture',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || Number.isNaN(Date.parse(value)) || Date.parse(value) > Date.now(),
        defaultMessage: (args) => `${args?.property} ${String(args?.value)} is not in the future: ${hint}`,
      },
    },
    options,
  );
}

/**
 * A last day ('YYYY-MM-DD', inclusive) not before today in Asia/Shanghai: a validity that has ended already would be
 * recorded as a new grant that is never active. Checks only the day; the format is its own decorator's.
 */
export function NotBeforeToday(hint: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'notBeforeToday',
      validator: {
        validate: (value: unknown) => !isIsoDate(value) || value >= shanghaiDateOf(new Date().toISOString()),
        defaultMessage: (args) => `${args?.property} ${String(args?.value)} is before today (${shanghaiDateOf(new Date().toISOString())}, Asia/Shanghai): ${hint}`,
      },
    },
    options,
  );
}

/** How far ahead of the receiving server's clock a `discoveredAt` may be (clock skew between systems). */
export const DISCOVERED_AT_CLOCK_SKEW_MS = 5 * 60_000;

/**
 * When the channel or monitoring found the matter: an ISO 8601 instant with an offset, not in the future (beyond
 * DISCOVERED_AT_CLOCK_SKEW_MS) and not before the object's `occurredAt` (when it is a valid instant itself).
 */
export function IsDiscoveredAt(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDiscoveredAt',
      validator: {
        validate: (value: unknown, args) => discoveredAtProblem(value, (args?.object as { occurredAt?: unknown } | undefined)?.occurredAt, Date.now()) === null,
        defaultMessage: (args) =>
          `${args?.property} ${discoveredAtProblem(args?.value, (args?.object as { occurredAt?: unknown } | undefined)?.occurredAt, Date.now()) ?? 'is invalid'}`,
      },
    },
    options,
  );
}

/** Why a discoveredAt is not acceptable at `now` (epoch ms), or null. Pure. */
export function discoveredAtProblem(value: unknown, occurredAt: unknown, now: number): string | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(Date.parse(value))) {
    return 'must be an ISO 8601 date-time with an offset, e.g. 2026-11-20T08:30:00+08:00';
  }
  const at = Date.parse(value);
  if (at > now + DISCOVERED_AT_CLOCK_SKEW_MS) return `is in the future (${value}; more than ${DISCOVERED_AT_CLOCK_SKEW_MS / 60_000} minutes ahead of the server's clock)`;
  if (typeof occurredAt === 'string' && !Number.isNaN(Date.parse(occurredAt)) && at < Date.parse(occurredAt)) {
    return `must not be before occurredAt (${value} is before ${occurredAt}): a matter is found after it happened`;
  }
  return null;
}
