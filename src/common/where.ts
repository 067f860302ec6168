/**
 * Drops the filters that were not given. TypeORM 1.x throws on `undefined` in a where condition
 * (rather than silently matching everything), so optional filters are removed explicitly.
 */
export function givenFilters<T extends Record<string, unknown>>(filters: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(filters).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}
