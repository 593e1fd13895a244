import type { RightsRequestKind } from '../domain/rights-requests.ts';
import type { Db } from './database.ts';
import { newId } from './ids.ts';

/** A row of the register, with the customer and staff as people know them. */
export type RightsRequestRow = {
  id: string;
  customerId: string;
  customerNumber: string;
  customerName: string;
  kind: RightsRequestKind;
  requestedAt: Date;
  requestedBy: string;
  receivedByStaffId: string | null;
  receivedByName: string | null;
  dueAt: Date;
  doneAt: Date | null;
  doneByStaffId: string | null;
  doneByName: string | null;
  outcome: string | null;
  note: string | null;
};

export type NewRightsRequest = {
  customerId: string;
  kind: RightsRequestKind;
  requestedAt: Date;
  requestedBy: string;
  receivedByStaffId: string | null;
  dueAt: Date;
  note: string | null;
  idempotencyKey: string;
};

function selectRows(db: Db) {
  return db
    .selectFrom('rights_requests as r')
    .innerJoin('customers as c', 'c.id', 'r.customer_id')
    .leftJoin('staff as received', 'received.id', 'r.received_by_staff_id')
    .leftJoin('staff as done', 'done.id', 'r.done_by_staff_id')
    .select([
      'r.id',
      'r.customer_id as customerId',
      'c.number as customerNumber',
      'c.name as customerName',
      'r.kind',
      'r.requested_at as requestedAt',
      'r.requested_by as requestedBy',
      'r.received_by_staff_id as receivedByStaffId',
      'received.display_name as receivedByName',
      'r.due_at as dueAt',
      'r.done_at as doneAt',
      'r.done_by_staff_id as doneByStaffId',
      'done.display_name as doneByName',
      'r.outcome',
      'r.note',
    ]);
}

/** Writes a new request; a key already used answers nothing (the caller reads it back). */
export async function insertRightsRequest(
  db: Db,
  request: NewRightsRequest,
): Promise<string | null> {
  const inserted = await db
    .insertInto('rights_requests')
    .values({
      id: newId(),
      customer_id: request.customerId,
      kind: request.kind,
      requested_at: request.requestedAt,
      requested_by: request.requestedBy,
      received_by_staff_id: request.receivedByStaffId,
      due_at: request.dueAt,
      note: request.note,
      idempotency_key: request.idempotencyKey,
    })
    .onConflict((conflict) => conflict.column('idempotency_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id ?? null;
}

export async function findRightsRequest(db: Db, id: string): Promise<RightsRequestRow | null> {
  return (await selectRows(db).where('r.id', '=', id).executeTakeFirst()) ?? null;
}

export async function findRightsRequestByKey(
  db: Db,
  idempotencyKey: string,
): Promise<(RightsRequestRow & { idempotencyKey: string }) | null> {
  const row = await selectRows(db)
    .select('r.idempotency_key as idempotencyKey')
    .where('r.idempotency_key', '=', idempotencyKey)
    .executeTakeFirst();
  return row ?? null;
}

/**
 * Closes an open request. Guarded on `done_at IS NULL`, so of two people closing the
 * same request at once exactly one succeeds; false when it was not open (or not there).
 */
export async function markRightsRequestDone(
  db: Db,
  done: { id: string; doneAt: Date; doneByStaffId: string | null; outcome: string },
): Promise<boolean> {
  const updated = await db
    .updateTable('rights_requests')
    .set({ done_at: done.doneAt, done_by_staff_id: done.doneByStaffId, outcome: done.outcome })
    .where('id', '=', done.id)
    .where('done_at', 'is', null)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** Every open request, the one due soonest first (the back office's worklist). */
export async function selectOpenRightsRequests(db: Db): Promise<RightsRequestRow[]> {
  return selectRows(db)
    .where('r.done_at', 'is', null)
    .orderBy('r.due_at')
    .orderBy('r.id')
    .execute();
}

/** One customer's requests, open and done, oldest first. */
export async function selectRightsRequestsOfCustomer(
  db: Db,
  customerId: string,
): Promise<RightsRequestRow[]> {
  return selectRows(db)
    .where('r.customer_id', '=', customerId)
    .orderBy('r.requested_at')
    .orderBy('r.id')
    .execute();
}
