import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';

export interface FieldError {
  field: string;
  messages: string[];
}

/** Flattens nested class-validator errors into `location.district: [...]` style field errors. */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = parent ? `${parent}.${e.property}` : e.property;
    if (e.constraints) out.push({ field, messages: Object.values(e.constraints) });
    if (e.children?.length) out.push(...toFieldErrors(e.children, field));
  }
  return out;
}

/** The 400 of a body that fails validation: `errors: [{field, messages}]`. */
export function validationFailed(errors: ValidationError[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: 'Validation failed',
    errors: toFieldErrors(errors),
  });
}

/** The one validation pipe: transform, strip nothing silently (unknown fields are errors), field-level 400s. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: validationFailed,
  });
}

/**
 * Validates a body whose class is known only at run time (e.g. by an action path) with the pipe's rules and its
 * 400 answer; returns the instance.
 */
export async function validateBody<T extends object>(cls: new () => T, plain: unknown): Promise<T> {
  const dto = plainToInstance(cls, plain && typeof plain === 'object' && !Array.isArray(plain) ? plain : {});
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw validationFailed(errors);
  return dto;
}
