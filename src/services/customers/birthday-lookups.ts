import { monthDayOf } from '../../domain/insights/birthdays.ts';
import { selectBirthdaysWithoutLookup } from '../../store/birthday-lookups.ts';
import { replaceLookups } from '../../store/customer-contacts.ts';
import { ok } from '../../domain/result.ts';
import { inTransaction } from '../../store/transaction.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { birthdayLookup } from './customer-records.ts';

const batchSize = 500;

/**
 * Writes the birthday month-day index for customers whose birthday was saved before the
 * index existed: each birthday is opened in memory only, and only its keyed hash is
 * written. Safe to repeat (a customer with an entry is not read again); each batch is
 * its own short write. Returns how many entries were written.
 */
export async function backfillBirthdayLookups(deps: ServiceDeps): Promise<number> {
  let written = 0;
  let after: string | null = null;
  for (;;) {
    const done = await inTransaction(deps.db, async (trx) => {
      const batch = await selectBirthdaysWithoutLookup(trx, { after, limit: batchSize });
      for (const row of batch) {
        const key = deps.vault.unwrapDataKey(row.wrappedKey);
        const birthday = deps.vault.open(key, 'birthday', row.birthday);
        await replaceLookups(
          trx,
          row.customerId,
          ['birthday_md'],
          [birthdayLookup(deps.vault, monthDayOf(birthday))],
        );
      }
      return ok({ last: batch.at(-1)?.customerId ?? null, count: batch.length });
    });
    if (!done.ok || done.value.last === null) return written;
    written += done.value.count;
    after = done.value.last;
  }
}
