import type PgBoss from 'pg-boss';

/**
 * A job as a worker hands it to a JobDefinition's handler, for calling the handler directly in a
 * test: first attempt by default; `retryCount: retryLimit` is the last one.
 */
export function testJob<Data>(
  name: string,
  data: Data,
  attempt: { retryCount?: number; retryLimit?: number } = {},
): PgBoss.JobWithMetadata<Data> {
  return {
    id: `test-${name}`,
    name,
    data,
    retryCount: attempt.retryCount ?? 0,
    retryLimit: attempt.retryLimit ?? 8,
  } as PgBoss.JobWithMetadata<Data>;
}
