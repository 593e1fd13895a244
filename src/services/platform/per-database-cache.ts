import type { Db } from '../../store/database.ts';

/**
 * A small read kept per database for a few seconds: things every till look-up needs and
 * that change rarely (shop settings, current consent wordings, the loyalty offer). A
 * change made through this process forgets the kept copy at once (`forget`); one made by
 * another process sharing the database is seen within `millis`.
 */
export type PerDatabaseCache<T> = {
  get(db: Db): Promise<T>;
  forget(db: Db): void;
};

export function perDatabaseCache<T>(
  read: (db: Db) => Promise<T>,
  options: {
    millis: number;
    /** Whether a value may be kept; a value it refuses is read afresh every time. */
    keep?: (value: T) => boolean;
  },
): PerDatabaseCache<T> {
  const kept = new WeakMap<Db, { value: T; readAt: number }>();
  return {
    async get(db) {
      const found = kept.get(db);
      if (found && Date.now() - found.readAt < options.millis) return found.value;
      const value = await read(db);
      if (options.keep?.(value) ?? true) kept.set(db, { value, readAt: Date.now() });
      return value;
    },
    forget(db) {
      kept.delete(db);
    },
  };
}
