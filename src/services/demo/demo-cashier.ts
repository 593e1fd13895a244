import type { Actor } from '../platform/context.ts';

/** The demo's cashier (Cara) signed in at a register: who rings up the demo's sales. */
export function demoCashierAt(
  cashier: { id: string; username: string },
  register: { id: string; outletId: string },
): Actor {
  return {
    kind: 'staff',
    staffId: cashier.id,
    label: cashier.username,
    role: 'cashier',
    outletId: register.outletId,
    registerId: register.id,
  };
}
