import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
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

/** The paths of the strings in `value` that hold a NUL character, which PostgreSQL text refuses. */
function nulPaths(value: unknown, path: string, into: string[]): string[] {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) into.push(path === '' ? 'body' : path);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) =>
      nulPaths(item, path === '' ? `${index}` : `${path}.${index}`, into),
    );
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      nulPaths(item, path === '' ? key : `${path}.${key}`, into);
    }
  }
  return into;
}

/** Refuses NUL characters in a body or query (400, not a database error), then validates. */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const paths = nulPaths(value, '', []);
      if (paths.length > 0) {
        throw new AppError(
          'bad_request',
          'VALIDATION_FAILED',
          'Some fields are missing or not valid.',
          {
            fields: Object.fromEntries(
              paths.map((path) => [path, ['must not contain a NUL character']]),
            ),
          },
        );
      }
    }
    return super.transform(value, metadata);
  }
}

/**
 * The one validation pipe: unknown fields are refused (which also stops mass assignment), values
 * are transformed to their declared types, every field error is listed in `details.fields`, and
 * text with a NUL character is refused.
 */
export function strictValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
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
