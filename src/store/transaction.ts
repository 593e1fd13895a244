import type { Failure, Result } from '../domain/result.ts';
import type { Db } from './database.ts';

class RollbackForFailure extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
  }
}

/**
 * Runs `work` in one transaction. An expected failure (a Result that is not ok) rolls
 * everything back and is returned as a value, so nothing is ever half-written.
 * Inside `work` use only the handle it is given: on PGlite a query on the outer
 * handle would wait for this very transaction.
 */
export async function inTransaction<T>(
  db: Db,
  work: (trx: Db) => Promise<Result<T>>,
): Promise<Result<T>> {
  try {
    return await db.transaction().execute(async (trx) => {
      const result = await work(trx);
      if (!result.ok) throw new RollbackForFailure(result);
      return result;
    });
  } catch (error) {
    if (error instanceof RollbackForFailure) return error.failure;
    throw error;
  }
}

/** True for PostgreSQL's unique_violation, optionally on a named constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pgError = error as { code?: string; constraint?: string };
  return (
    pgError?.code === '23505' && (constraint === undefined || pgError.constraint === constraint)
  );
}
