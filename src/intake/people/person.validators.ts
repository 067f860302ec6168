import {
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { normalisePostcode } from '../../service-directory/areas/postcode.js';
import { normaliseUkPhone } from './phone.js';
import { dateOfBirthProblem } from './person-rules.js';

/** `@Validate(IsDateOfBirth)`: a real date, not in the future, not absurdly long ago. */
@ValidatorConstraint({ name: 'isDateOfBirth' })
export class IsDateOfBirth implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return dateOfBirthProblem(value) === undefined;
  }

  defaultMessage(args: ValidationArguments): string {
    return dateOfBirthProblem(args.value) ?? 'must be a date of birth';
  }
}

/** `@Validate(IsUkPhone)`: a UK phone number (any usual spacing, +44 or 0). */
@ValidatorConstraint({ name: 'isUkPhone' })
export class IsUkPhone implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && normaliseUkPhone(value) !== undefined;
  }

  defaultMessage(): string {
    return 'must be a UK phone number, e.g. 07700 900123 or +44 1632 960001';
  }
}

/** `@Validate(IsUkPostcode)`: a full UK postcode (any case and spacing). */
@ValidatorConstraint({ name: 'isUkPostcode' })
export class IsUkPostcode implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && normalisePostcode(value) !== undefined;
  }

  defaultMessage(): string {
    return 'must be a full UK postcode, e.g. PR25 1DH';
  }
}

/** Clock skew allowed between a client saying "now" and the server. */
export const CLOCK_SKEW_MS = 60_000;

/**
 * `@Validate(NotInFuture)`: an ISO time that is not (beyond a minute's clock skew) in the future;
 * one that cannot be read as a time is refused too.
 */
@ValidatorConstraint({ name: 'notInFuture' })
export class NotInFuture implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string') return true;
    const time = Date.parse(value);
    return !Number.isNaN(time) && time <= Date.now() + CLOCK_SKEW_MS;
  }

  defaultMessage(): string {
    return 'must not be in the future';
  }
}
