/**
 * A list of ids as one statement parameter, so a statement has one shape for any number of ids:
 * an array for `= ANY(...)` on PostgreSQL, a JSON array for `json_each` on SQLite.
 */
export const idListCondition = (postgres: boolean, placeholder: string): string =>
  postgres ? `= ANY(${placeholder})` : `IN (SELECT value FROM json_each(${placeholder}))`;

/** The parameter that goes with `idListCondition` (each id once). */
export const idListParameter = (postgres: boolean, ids: readonly string[]): unknown => {
  const unique = [...new Set(ids)];
  return postgres ? unique : JSON.stringify(unique);
};
