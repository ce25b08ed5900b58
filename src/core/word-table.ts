/**
 * A table looked up with what people type. A plain object literal answers `constructor`,
 * `toString` or `__proto__` with what every object inherits, and a command then crashes on a
 * function where it expected a number; this table has no prototype, so only its own words answer.
 * @example const UNITS = wordTable({ m: 1, h: 60 }); UNITS.constructor === undefined
 */
export function wordTable<T>(entries: Record<string, T>): Readonly<Partial<Record<string, T>>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}

/** The Chinese digits people write, 零 to 九 (〇 and 两 included). */
export const CHINESE_DIGITS = wordTable<number>({
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
});
