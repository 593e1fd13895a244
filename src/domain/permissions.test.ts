import { describe, expect, it } from 'vitest';
import { can, permissions, roles, type Permission, type Role } from './permissions.ts';

// The expected table, written out in full so any change to who-may-do-what is deliberate.
const expected: Record<Role, Permission[]> = {
  cashier: [
    'customer.read',
    'customer.create',
    'customer.update',
    'card.link',
    'consent.record',
    'sale.create',
    'sale.read',
    'sale.return',
    'sale.attach',
  ],
  supervisor: [
    'customer.read',
    'customer.create',
    'customer.update',
    'card.link',
    'consent.record',
    'sale.create',
    'sale.read',
    'sale.return',
    'sale.attach',
    'customer.merge',
    'customer.reveal',
    'audit.read',
    'sale.detach',
    'return.approve',
  ],
  marketer: ['customer.read', 'customer.export', 'consent.record', 'sale.read'],
  admin: [...permissions],
  auditor: ['customer.read', 'audit.read', 'sale.read'],
};

describe('permissions', () => {
  for (const role of roles) {
    for (const permission of permissions) {
      const allowed = expected[role].includes(permission);
      it(`${role} ${allowed ? 'may' : 'may not'} ${permission}`, () => {
        expect(can(role, permission)).toBe(allowed);
      });
    }
  }

  it('never lets a cashier or auditor see contact details', () => {
    expect(can('cashier', 'customer.reveal')).toBe(false);
    expect(can('auditor', 'customer.reveal')).toBe(false);
    expect(can('cashier', 'customer.export')).toBe(false);
  });
});
