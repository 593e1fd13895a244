/**
 * Who may do what: the one table. Every route and service asks `can(role, permission)`;
 * the web app hides what a session's permission list does not contain.
 */
export const roles = ['cashier', 'supervisor', 'marketer', 'admin', 'auditor'] as const;
export type Role = (typeof roles)[number];

export const permissions = [
  'customer.read',
  'customer.create',
  'customer.update',
  'customer.merge',
  'customer.reveal',
  'customer.import',
  'customer.export',
  'card.link',
  'consent.record',
  'staff.manage',
  'apikey.manage',
  'audit.read',
  'settings.manage',
  'sale.create',
  'sale.read',
  'sale.return',
  'sale.attach',
  'sale.detach',
  'return.approve',
  'catalogue.manage',
  'giftcard.read',
  'giftcard.manage',
  'giftcard.adjust',
  'storecredit.adjust',
  'sale.void',
  'report.read',
  'loyalty.manage',
  'loyalty.adjust',
  'group.manage',
  // The register of data-subject requests (export, erasure, objection).
  'rights.manage',
  // Erasure (art. 17): irreversible, and it settles money owed, so admins only.
  'customer.erase',
  // The Insights page: scores, lists and charts of customers (names only, no contacts).
  'insights.read',
  // Campaigns (email): write, preview, test-send, send, pause and cancel them.
  'campaign.manage',
] as const;
export type Permission = (typeof permissions)[number];

const cashier: Permission[] = [
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
];

/** Contact details are revealed only by supervisors and admins, with a reason, logged. */
export const rolePermissions: Readonly<Record<Role, readonly Permission[]>> = Object.freeze({
  cashier,
  supervisor: [
    ...cashier,
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
  // Marketers run the loyalty programme, groups and campaigns; they move no money.
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
  // The auditor looks at everything that is not personal and changes nothing.
  auditor: ['customer.read', 'audit.read', 'sale.read', 'giftcard.read', 'report.read'],
});

export function can(role: Role, permission: Permission): boolean {
  return rolePermissions[role].includes(permission);
}

export function permissionsOf(role: Role): Permission[] {
  return [...rolePermissions[role]];
}

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}
