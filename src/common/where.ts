/**
 * Drops the filters that were not given. TypeORM refuses `undefined` in a where condition (it
 * would otherwise match everything), so optional filters are removed explicitly.
 */
export function givenFilters<T extends Record<string, unknown>>(filters: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(filters).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}
