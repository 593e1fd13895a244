import type { ReactNode } from 'react';
import { AuditScreen } from '../audit/AuditScreen.tsx';
import { BackupsScreen } from '../backups/BackupsScreen.tsx';
import { CustomerList } from '../customers/CustomerList.tsx';
import { CustomerProfile } from '../customers/CustomerProfile.tsx';
import { StaleConsents } from '../customers/StaleConsents.tsx';
import { GiftCardPage } from '../gift-cards/GiftCardPage.tsx';
import { GiftCardsScreen } from '../gift-cards/GiftCardsScreen.tsx';
import { GroupPage } from '../groups/GroupPage.tsx';
import { GroupsScreen } from '../groups/GroupsScreen.tsx';
import { InsightsScreen } from '../insights/InsightsScreen.tsx';
import { LoyaltyScreen } from '../loyalty/LoyaltyScreen.tsx';
import { LiabilityReport } from '../reports/LiabilityReport.tsx';
import type { Route } from '../router.ts';
import { RequestsScreen } from '../requests/RequestsScreen.tsx';
import { SalesLookup } from '../sales/SalesLookup.tsx';
import { SegmentsScreen } from '../segments/SegmentsScreen.tsx';
import { CampaignsScreen } from '../campaigns/CampaignsScreen.tsx';
import { SettingsScreen } from '../settings/SettingsScreen.tsx';
import { useCan } from '../session.ts';
import { StaffScreen } from '../staff/StaffScreen.tsx';
import { Till } from '../till/Till.tsx';
import type { Permission } from '@contract/staff.ts';

function Forbidden() {
  return <p className="page-message">Your role does not allow this page.</p>;
}

/** Picks the screen for a route; a page the role may not use says so instead of failing. */
export function Pages({ route }: { route: Route }) {
  const can = useCan();
  const guard = (permission: Permission, page: ReactNode) =>
    can(permission) ? page : <Forbidden />;

  switch (route.name) {
    case 'till':
    case 'sign-in':
      return guard('customer.read', <Till />);
    case 'customers':
      return guard('customer.read', <CustomerList />);
    case 'customer':
      return guard('customer.read', <CustomerProfile key={route.id} id={route.id} />);
    case 'sales':
      return guard('sale.read', <SalesLookup />);
    case 'gift-cards':
      return guard('giftcard.manage', <GiftCardsScreen />);
    case 'gift-card':
      return guard('giftcard.manage', <GiftCardPage key={route.id} id={route.id} />);
    case 'liability':
      return guard('report.read', <LiabilityReport />);
    case 'loyalty':
      return guard('loyalty.manage', <LoyaltyScreen />);
    case 'insights':
      return guard('insights.read', <InsightsScreen />);
    case 'consents':
      return guard('insights.read', <StaleConsents />);
    case 'segments':
      return guard('insights.read', <SegmentsScreen />);
    case 'campaigns':
      return guard('campaign.manage', <CampaignsScreen />);
    case 'groups':
      return guard('customer.read', <GroupsScreen />);
    case 'group':
      return guard('customer.read', <GroupPage key={route.id} id={route.id} />);
    case 'staff':
      return guard('staff.manage', <StaffScreen />);
    case 'audit':
      return guard('audit.read', <AuditScreen />);
    case 'backups':
      return guard('settings.manage', <BackupsScreen />);
    case 'requests':
      return guard('rights.manage', <RequestsScreen />);
    case 'settings':
      return guard('settings.manage', <SettingsScreen />);
    case 'not-found':
      return (
        <p className="page-message">
          No page at “{route.path}”. <a href="#/till">Go to the till</a>
        </p>
      );
  }
}
