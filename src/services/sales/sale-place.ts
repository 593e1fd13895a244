import { fail, invalid, ok, type Result } from '../../domain/result.ts';
import { findOutlet, findRegister, type OutletRow } from '../../store/outlets.ts';
import type { Actor, ServiceDeps } from '../platform/context.ts';

export type SaleContext = { outlet: OutletRow; registerId: string | null; counterKey: string };

/** Where a sale happens: the till's register, or the outlet named by an integration. */
export async function saleContext({
  deps,
  actor,
  input,
}: {
  deps: ServiceDeps;
  actor: Actor;
  input: { outletId?: string; registerId?: string };
}): Promise<Result<SaleContext>> {
  const registerId = input.registerId ?? (actor.kind === 'staff' ? actor.registerId : null);
  if (registerId) {
    const register = await findRegister(deps.db, registerId);
    if (!register)
      return fail('register_not_found', `No register with id ${registerId}`, {
        field: 'registerId',
      });
    const outlet = await findOutlet(deps.db, register.outletId);
    if (!outlet) throw new Error('register without outlet');
    return ok({ outlet, registerId, counterKey: `register:${register.id}:${register.code}` });
  }
  const outletId = input.outletId ?? (actor.kind === 'staff' ? actor.outletId : null);
  if (!outletId && actor.kind === 'staff') {
    // A back-office sign-in: the person is at no till, so the sale has no number to take.
    return fail(
      'register_required',
      'Sales and returns are made at a till register: open the till and choose its register (with your PIN).',
      { field: 'registerId' },
    );
  }
  if (!outletId)
    return invalid('outletId', 'outletId is required: the outlet the sale was made in');
  const outlet = await findOutlet(deps.db, outletId);
  if (!outlet)
    return fail('outlet_not_found', `No outlet with id ${outletId}`, { field: 'outletId' });
  return ok({ outlet, registerId: null, counterKey: `outlet:${outlet.id}:${outlet.code}-API` });
}

export function saleNumberOf(counterKey: string, sequence: number): string {
  const label = counterKey.split(':')[2] ?? 'SALE';
  return `${label}-${String(sequence).padStart(6, '0')}`;
}
