import { invalid } from '../../errors.ts';

/** The SQLSTATE of a database error, whether the driver's error or Drizzle's wrapper around it. */
export function sqlState(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}

/**
 * The forms check every CHECK constraint of the scheduling tables first (schemas.ts); should one still
 * be violated (23514: a rule added to a table and not yet to its form), the person gets a form error
 * instead of an error page.
 */
export async function withFriendlyChecks<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (sqlState(error) === '23514') {
      throw invalid({
        _: 'Une des valeurs saisies n’est pas acceptée : vérifiez les durées, les dates et les heures.',
      });
    }
    throw error;
  }
}
