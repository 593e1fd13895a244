import type { Route } from '../router.ts';
import { useCan, useSession } from '../session.ts';
import type { Permission } from '../types.ts';

type NavItem = { href: string; label: string; permission: Permission; active: Route['name'][] };

const nav: NavItem[] = [
  { href: '#/till', label: 'Till', permission: 'customer.read', active: ['till'] },
  {
    href: '#/customers',
    label: 'Customers',
    permission: 'customer.read',
    active: ['customers', 'customer'],
  },
  { href: '#/sales', label: 'Sales', permission: 'sale.read', active: ['sales'] },
  {
    href: '#/gift-cards',
    label: 'Gift cards',
    permission: 'giftcard.manage',
    active: ['gift-cards', 'gift-card'],
  },
  { href: '#/liability', label: 'Liability', permission: 'report.read', active: ['liability'] },
  { href: '#/loyalty', label: 'Loyalty', permission: 'loyalty.manage', active: ['loyalty'] },
  { href: '#/groups', label: 'Groups', permission: 'customer.read', active: ['groups', 'group'] },
  { href: '#/staff', label: 'Staff', permission: 'staff.manage', active: ['staff'] },
  { href: '#/audit', label: 'Audit', permission: 'audit.read', active: ['audit'] },
];

export function Header({ route }: { route: Route }) {
  const { session, settings, signOut } = useSession();
  const can = useCan();
  // Register names often repeat the outlet ("Brighton till 1"): say it once.
  const outlet = session.outlet?.name;
  const register = session.register?.name;
  const place = [
    settings?.shopName,
    outlet !== undefined && register?.includes(outlet) ? undefined : outlet,
    register,
  ].filter((part) => part !== undefined && part !== '');

  return (
    <header className="header">
      <div className="header-place">
        <strong>Clientele</strong>
        {place.length > 0 && <span className="muted"> · {place.join(' · ')}</span>}
      </div>
      <nav className="header-nav">
        {nav
          .filter((item) => can(item.permission))
          .map((item) => (
            <a
              key={item.href}
              href={item.href}
              className={item.active.includes(route.name) ? 'active' : undefined}
            >
              {item.label}
            </a>
          ))}
      </nav>
      <div className="header-staff">
        <span>
          {session.staff.displayName} <span className="role">{session.staff.role}</span>
        </span>
        <button type="button" className="link-button" data-testid="sign-out" onClick={signOut}>
          Sign out
        </button>
      </div>
    </header>
  );
}
