import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ValidateIf } from 'class-validator';
import { AppError } from '../errors/app-error.js';

function collect(errors: ValidationError[], prefix: string, into: Record<string, string[]>): void {
  for (const error of errors) {
    const path = prefix === '' ? error.property : `${prefix}.${error.property}`;
    if (error.constraints !== undefined) {
      into[path] = Object.values(error.constraints).map((message) =>
        // class-validator names the property in its sentence; the field name is already the key.
        message.startsWith(`${error.property} `)
          ? message.slice(error.property.length + 1)
          : message,
      );
    }
    if (error.children !== undefined && error.children.length > 0)
      collect(error.children, path, into);
  }
}

/**
 * The one validation pipe: unknown fields are refused (which also stops mass assignment), values
 * are transformed to their declared types, and every field error is listed in `details.fields`.
 */
export function strictValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fields: Record<string, string[]> = {};
      collect(errors, '', fields);
      return new AppError(
        'bad_request',
        'VALIDATION_FAILED',
        'Some fields are missing or not valid.',
        { fields },
      );
    },
  });
}

/**
 * Like @IsOptional(), but only an absent field is skipped: `null` is validated (and so refused)
 * for fields that cannot be cleared.
 */
export const IsOmittable = (): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);
