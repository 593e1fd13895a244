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
    'giftcard.read',
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
    'giftcard.read',
    'customer.merge',
    'customer.reveal',
    'audit.read',
    'sale.detach',
    'return.approve',
    'giftcard.manage',
    'giftcard.adjust',
    'storecredit.adjust',
    'sale.void',
    'report.read',
    'loyalty.adjust',
    'group.manage',
    'rights.manage',
    'insights.read',
  ],
  marketer: [
    'customer.read',
    'customer.export',
    'consent.record',
    'sale.read',
    'loyalty.manage',
    'group.manage',
    'insights.read',
    'campaign.manage',
  ],
  admin: [...permissions],
  auditor: ['customer.read', 'audit.read', 'sale.read', 'giftcard.read', 'report.read'],
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

  it('shows Insights to marketers, supervisors and admins, never to a cashier', () => {
    expect(can('cashier', 'insights.read')).toBe(false);
    for (const role of ['marketer', 'supervisor', 'admin'] as const)
      expect(can(role, 'insights.read')).toBe(true);
  });

  it('keeps money adjustments and voids away from cashiers', () => {
    expect(can('cashier', 'giftcard.adjust')).toBe(false);
    expect(can('cashier', 'storecredit.adjust')).toBe(false);
    expect(can('cashier', 'sale.void')).toBe(false);
    expect(can('cashier', 'loyalty.adjust')).toBe(false);
  });
});
