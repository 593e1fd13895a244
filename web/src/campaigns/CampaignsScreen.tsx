import { useState } from 'react';
import type { Campaign } from '@contract/campaigns.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { useLoad } from '../common/use-load.ts';
import { useShopCurrency } from '../common/use-shop-currency.ts';
import { segmentsApi } from '../segments/segments-api.ts';
import { CampaignEditor } from './CampaignEditor.tsx';
import { CampaignResultsView } from './CampaignResultsView.tsx';
import { campaignsApi } from './campaigns-api.ts';
import './campaigns.css';

/**
 * Back office: email campaigns (marketer, admin). Campaigns on the left; a draft opens
 * in the editor, anything later in its results with pause, resume and cancel.
 */
export function CampaignsScreen() {
  const list = useLoad(campaignsApi.list);
  const segments = useLoad(segmentsApi.list);
  const currency = useShopCurrency();
  const [open, setOpen] = useState<Campaign | null>(null);
  const campaigns = list.data?.campaigns ?? [];
  const changed = (campaign: Campaign) => {
    setOpen(campaign);
    list.reload();
  };

  return (
    <div className="stack" data-testid="campaigns-screen">
      <h1>Campaigns</h1>
      <ErrorText message={list.error ?? segments.error} />
      <div className="campaigns-layout">
        <nav className="campaigns-list panel" aria-label="Campaigns">
          <button
            type="button"
            data-testid="campaign-new"
            className={open === null ? 'active' : undefined}
            onClick={() => setOpen(null)}
          >
            + New campaign
          </button>
          {campaigns.map((campaign) => (
            <button
              key={campaign.id}
              type="button"
              className={open?.id === campaign.id ? 'active' : undefined}
              onClick={() => setOpen(campaign)}
            >
              {campaign.name} <span className="muted">· {campaign.state}</span>
            </button>
          ))}
        </nav>
        {open === null || open.state === 'draft' ? (
          <CampaignEditor
            key={open?.id ?? 'new'}
            campaign={open}
            segments={segments.data?.segments ?? []}
            onSaved={changed}
          />
        ) : (
          <CampaignResultsView
            key={open.id}
            campaign={open}
            currency={currency}
            onChanged={changed}
          />
        )}
      </div>
    </div>
  );
}
