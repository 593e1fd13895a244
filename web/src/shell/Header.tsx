import { useState } from 'react';
import type { Route } from '../router.ts';
import { useCan, useSession } from '../session.ts';
import type { Permission } from '@contract/staff.ts';

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
  { href: '#/insights', label: 'Insights', permission: 'insights.read', active: ['insights'] },
  { href: '#/consents', label: 'Consents', permission: 'insights.read', active: ['consents'] },
  { href: '#/segments', label: 'Segments', permission: 'insights.read', active: ['segments'] },
  {
    href: '#/campaigns',
    label: 'Campaigns',
    permission: 'campaign.manage',
    active: ['campaigns'],
  },
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
  { href: '#/requests', label: 'Requests', permission: 'rights.manage', active: ['requests'] },
  { href: '#/audit', label: 'Audit', permission: 'audit.read', active: ['audit'] },
  { href: '#/backups', label: 'Backups', permission: 'settings.manage', active: ['backups'] },
  { href: '#/settings', label: 'Settings', permission: 'settings.manage', active: ['settings'] },
];

/** Links shown in the bar on a narrow screen (a till's 1024 px); the rest go under "More". */
const inlineOnNarrow = 4;

export function Header({ route }: { route: Route }) {
  const { session, settings, signOut } = useSession();
  const can = useCan();
  const [moreOpen, setMoreOpen] = useState(false);
  // Register names often repeat the outlet ("Brighton till 1"): say it once.
  const outlet = session.outlet?.name;
  const register = session.register?.name;
  const where = [outlet !== undefined && register?.includes(outlet) ? undefined : outlet, register]
    .filter((part) => part !== undefined && part !== '')
    .join(' · ');
  const allowed = nav.filter((item) => can(item.permission));
  const more = allowed.slice(inlineOnNarrow);
  const link = (item: NavItem, className?: string) => (
    <a
      key={item.href}
      href={item.href}
      className={[className, item.active.includes(route.name) ? 'active' : undefined]
        .filter(Boolean)
        .join(' ')}
      onClick={() => setMoreOpen(false)}
    >
      {item.label}
    </a>
  );

  return (
    <header className="header">
      {/* The shop's name may give way to an ellipsis; the till's register never does. */}
      <div className="header-place">
        <strong className="header-shop">{settings?.shopName || 'Clientele'}</strong>
        {where !== '' && (
          <span className="header-register" data-testid="header-register">
            {where}
          </span>
        )}
      </div>
      <nav className="header-nav">
        {allowed.map((item, index) =>
          link(item, index >= inlineOnNarrow ? 'wide-only' : undefined),
        )}
        {more.length > 0 && (
          <details
            className="header-more narrow-only"
            open={moreOpen}
            onToggle={(event) => setMoreOpen(event.currentTarget.open)}
          >
            <summary
              className={
                more.some((item) => item.active.includes(route.name)) ? 'active' : undefined
              }
            >
              More
            </summary>
            <div className="header-menu">{more.map((item) => link(item))}</div>
          </details>
        )}
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
