/** class-transformer helpers shared by request DTOs: `@Transform(trimmed)`. */
type TransformInput = { value: unknown };

export const trimmed = ({ value }: TransformInput): unknown =>
  typeof value === 'string' ? value.trim() : value;

/** Emails are compared lower-cased. */
export const lowerCaseTrimmed = ({ value }: TransformInput): unknown =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

/** `?active=true` arrives as a string; anything but true/false is left for the validator to refuse. */
export const booleanQuery = ({ value }: TransformInput): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;
