/**
 * Whether giving `adding` more cases to a worker holding `open` takes them past their limit:
 * a worker may reach their limit, not pass it.
 */
export function pastLimit(open: number, adding: number, limit: number): boolean {
  return open + adding > limit;
}
