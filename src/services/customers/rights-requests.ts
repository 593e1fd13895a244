import { fail, ok, type Result } from '../../domain/result.ts';
import {
  isOverdue,
  validateOutcome,
  validateRightsRequest,
  type RightsRequestInput,
} from '../../domain/rights-requests.ts';
import { findCustomerById } from '../../store/customers.ts';
import { newId } from '../../store/ids.ts';
import {
  findRightsRequest,
  findRightsRequestByKey,
  insertRightsRequest,
  markRightsRequestDone,
  selectOpenRightsRequests,
  selectRightsRequestsOfCustomer,
  type RightsRequestRow,
} from '../../store/rights-requests.ts';
import { inTransaction } from '../../store/transaction.ts';
import { recordAudit } from '../platform/audit.ts';
import { actorColumns, type Actor, type ServiceDeps } from '../platform/context.ts';

/**
 * The register of data-subject requests: each export, erasure or objection is written
 * down when it arrives, with who asked and when, due one calendar month later, and
 * closed with what was done. Opening and closing are audited against the customer.
 */

export type RightsRequestView = RightsRequestRow & {
  /** Open and past its due moment at the time of reading. */
  overdue: boolean;
};

function view(row: RightsRequestRow, now: Date): RightsRequestView {
  return { ...row, overdue: isOverdue(row, now) };
}

export type OpenRightsRequestInput = RightsRequestInput & {
  /**
   * Makes a retry safe: the same key answers the request it first made. Leave it out
   * when the caller cannot retry (a CLI run); a fresh one is used.
   */
  idempotencyKey?: string;
};

/**
 * Writes a new request into the register for an active customer.
 * `input`: `{ kind: 'export' | 'erasure' | 'objection', requestedBy: 'by email',
 * requestedAt?: ISO time it arrived (default now), note?, idempotencyKey? }`.
 * Answers the request with its due date, or customer_not_found, customer_not_active,
 * validation_failed, idempotency_key_reused (the key made a different request).
 */
export async function openRightsRequest({
  deps,
  actor,
  customerId,
  input,
}: {
  deps: ServiceDeps;
  actor: Actor;
  customerId: string;
  input: OpenRightsRequestInput;
}): Promise<Result<RightsRequestView>> {
  const now = deps.now();
  const decision = validateRightsRequest(input, now);
  if (!decision.ok) return decision;
  const request = decision.value;
  const idempotencyKey = input.idempotencyKey ?? `rights-request:${newId()}`;
  const opened = await inTransaction(deps.db, async (trx) => {
    const earlier = await findRightsRequestByKey(trx, idempotencyKey);
    if (earlier) return replay(earlier, { customerId, kind: request.kind });
    const customer = await findCustomerById(trx, customerId);
    if (!customer) return fail('customer_not_found', `No customer with id ${customerId}`);
    if (customer.status !== 'active') {
      return fail('customer_not_active', `Customer ${customer.number} is ${customer.status}`);
    }
    const id = await insertRightsRequest(trx, {
      customerId,
      kind: request.kind,
      requestedAt: request.requestedAt,
      requestedBy: request.requestedBy,
      receivedByStaffId: actorColumns(actor).actorStaffId,
      dueAt: request.dueAt,
      note: request.note,
      idempotencyKey,
    });
    if (id === null) {
      // Another call with the same key committed first: answer with what it wrote.
      const winner = await findRightsRequestByKey(trx, idempotencyKey);
      if (!winner) throw new Error('rights request key taken but not found');
      return replay(winner, { customerId, kind: request.kind });
    }
    await recordAudit({
      db: trx,
      actor,
      entry: {
        action: 'rights_request.opened',
        subjectType: 'customer',
        subjectId: customerId,
        detail: {
          rightsRequestId: id,
          kind: request.kind,
          customerNumber: customer.number,
          dueAt: request.dueAt.toISOString(),
        },
      },
    });
    return ok(id);
  });
  if (!opened.ok) return opened;
  return ok(view(await mustFind(deps, opened.value), now));
}

function replay(
  earlier: RightsRequestRow,
  asked: { customerId: string; kind: string },
): Result<string> {
  if (earlier.customerId !== asked.customerId || earlier.kind !== asked.kind) {
    return fail('idempotency_key_reused', 'This Idempotency-Key was used for another request');
  }
  return ok(earlier.id);
}

async function mustFind(deps: ServiceDeps, id: string): Promise<RightsRequestRow> {
  const row = await findRightsRequest(deps.db, id);
  if (!row) throw new Error(`rights request ${id} vanished`);
  return row;
}

/**
 * Closes an open request with what was done (`outcome`, such as "export emailed" or
 * "erased"). A request is closed once: closing it again is request_already_done and
 * changes nothing; an unknown id is rights_request_not_found.
 */
export async function completeRightsRequest({
  deps,
  actor,
  id,
  outcome,
}: {
  deps: ServiceDeps;
  actor: Actor;
  id: string;
  outcome: string;
}): Promise<Result<RightsRequestView>> {
  const checked = validateOutcome(outcome);
  if (!checked.ok) return checked;
  const now = deps.now();
  const done = await inTransaction(deps.db, async (trx) => {
    const request = await findRightsRequest(trx, id);
    if (!request) return fail('rights_request_not_found', `No request with id ${id}`);
    const closed = await markRightsRequestDone(trx, {
      id,
      doneAt: now,
      doneByStaffId: actorColumns(actor).actorStaffId,
      outcome: checked.value,
    });
    if (!closed) {
      const when = (await findRightsRequest(trx, id))?.doneAt ?? request.doneAt;
      return fail('request_already_done', 'This request was already marked done', {
        details: { doneAt: when?.toISOString() ?? null },
      });
    }
    await recordAudit({
      db: trx,
      actor,
      entry: {
        action: 'rights_request.done',
        subjectType: 'customer',
        subjectId: request.customerId,
        detail: {
          rightsRequestId: id,
          kind: request.kind,
          customerNumber: request.customerNumber,
          late: isOverdue(request, now),
        },
      },
    });
    return ok(id);
  });
  if (!done.ok) return done;
  return ok(view(await mustFind(deps, id), now));
}

/** The back office's worklist: every open request, soonest due first, overdue marked. */
export async function listOpenRightsRequests(deps: ServiceDeps): Promise<RightsRequestView[]> {
  const now = deps.now();
  return (await selectOpenRightsRequests(deps.db)).map((row) => view(row, now));
}

/** One customer's requests, open and done, oldest first. */
export async function listCustomerRightsRequests(
  deps: ServiceDeps,
  customerId: string,
): Promise<Result<RightsRequestView[]>> {
  const customer = await findCustomerById(deps.db, customerId);
  if (!customer) return fail('customer_not_found', `No customer with id ${customerId}`);
  const now = deps.now();
  return ok((await selectRightsRequestsOfCustomer(deps.db, customerId)).map((r) => view(r, now)));
}
