import { useCallback, useState } from 'react';
import type { CampaignSegment } from '@contract/segments.ts';
import { api } from '../api.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { useLoad } from '../common/use-load.ts';
import { useShopCurrency } from '../common/use-shop-currency.ts';
import { loyaltyApi } from '../loyalty-api.ts';
import { useCan } from '../session.ts';
import type { Option } from './CriteriaForm.tsx';
import { SegmentEditor } from './SegmentEditor.tsx';
import { segmentsApi } from './segments-api.ts';
import './segments.css';

/** Loads the choices the form offers: groups and tiers, outlets, categories and brands. */
function useChoices() {
  const loader = useCallback(async () => {
    const [groups, outlets, bought] = await Promise.all([
      loyaltyApi.groups(),
      api.outlets(),
      segmentsApi.choices(),
    ]);
    const option = (row: { id: string; name: string }): Option => ({ id: row.id, name: row.name });
    return {
      groups: groups.groups.map(option),
      outlets: outlets.outlets.map(option),
      bought,
    };
  }, []);
  return useLoad(loader);
}

/**
 * Back office: campaign segments. Criteria on the right with a live count; saved
 * segments on the left. Members are listed by name and number only.
 */
export function SegmentsScreen() {
  const can = useCan();
  const manage = can('group.manage');
  const currency = useShopCurrency();
  const list = useLoad(segmentsApi.list);
  const choices = useChoices();
  // The segment open in the editor (null: a new one). Kept as the object, not looked up
  // in the list, so a segment just saved opens with its criteria before the list reloads.
  const [open, setOpen] = useState<CampaignSegment | null>(null);
  const segments = list.data?.segments ?? [];

  return (
    <div className="stack" data-testid="segments-screen">
      <h1>Segments</h1>
      <ErrorText message={list.error ?? choices.error} />
      <div className="segments-layout">
        <nav className="segments-list panel" aria-label="Saved segments">
          <button
            type="button"
            data-testid="segment-new"
            className={open === null ? 'active' : undefined}
            onClick={() => setOpen(null)}
          >
            {manage ? '+ New segment' : 'Count customers'}
          </button>
          {segments.map((segment) => (
            <button
              type="button"
              key={segment.id}
              title={segment.name}
              data-testid="segment-open"
              className={segment.id === open?.id ? 'active' : undefined}
              onClick={() => setOpen(segment)}
            >
              {segment.name}
            </button>
          ))}
          {list.data !== null && segments.length === 0 && (
            <p className="muted small">None saved yet.</p>
          )}
        </nav>
        <section className="panel">
          {choices.data !== null && (
            <SegmentEditor
              // A different segment (or a fresh one) starts a fresh form.
              key={`${open?.id ?? 'new'}-${currency}`}
              segment={open}
              groups={choices.data.groups}
              outlets={choices.data.outlets}
              bought={choices.data.bought}
              currency={currency}
              manage={manage}
              onSaved={(segment) => {
                list.reload();
                setOpen(segment);
              }}
              onDeleted={() => {
                list.reload();
                setOpen(null);
              }}
            />
          )}
        </section>
      </div>
    </div>
  );
}
