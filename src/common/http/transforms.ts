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

/** `?status=new&status=triaged` or `?status=new,triaged`; an empty `?status=` is no filter. */
export const listQuery = ({ value }: TransformInput): unknown => {
  const items: unknown[] = Array.isArray(value) ? value : [value];
  const list = items
    .flatMap((item) => (typeof item === 'string' ? item.split(',') : [item]))
    .map((item) => (typeof item === 'string' ? item.trim() : item))
    .filter((item) => item !== '');
  return list.length === 0 ? undefined : list;
};
