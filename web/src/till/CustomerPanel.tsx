import { useCallback, useState } from 'react';
import { ConsentSummary } from '../common/ConsentSummary.tsx';
import { ContactMaskView } from '../common/ContactMaskView.tsx';
import { customerHref } from '../router.ts';
import { useCan } from '../session.ts';
import type { Customer, CurrentConsent } from '@contract/customers.ts';
import { ConsentRefreshPrompt } from './ConsentRefreshPrompt.tsx';
import { TillInsightHints } from './TillInsightHints.tsx';
import { TillLoyalty } from './loyalty/TillLoyalty.tsx';
import { TillPurchaseSummary } from './TillPurchaseSummary.tsx';
import { TillStoreCredit } from './TillStoreCredit.tsx';

export type Selected = {
  id: string;
  name: string;
  number: string;
  customer: Customer | null;
  error: string | null;
};

/**
 * The selected customer at the till: what a cashier needs to greet and serve them.
 * `currency`: the outlet's, for the amounts of rewards.
 */
export function CustomerPanel({ selected, currency }: { selected: Selected; currency: string }) {
  const can = useCan();
  const { customer } = selected;
  // Consent recorded from the refresh prompt, shown at once without reloading the profile.
  const [recorded, setRecorded] = useState<{ id: string; consents: CurrentConsent[] }>({
    id: '',
    consents: [],
  });
  const onConsentRecorded = useCallback(
    (consent: CurrentConsent) =>
      setRecorded((before) => ({
        id: selected.id,
        consents: [
          ...(before.id === selected.id ? before.consents : []).filter(
            (c) => c.channel !== consent.channel,
          ),
          consent,
        ],
      })),
    [selected.id],
  );
  const fresh = recorded.id === selected.id ? recorded.consents : [];
  const consents = customer
    ? [...customer.consents.filter((c) => !fresh.some((f) => f.channel === c.channel)), ...fresh]
    : [];
  const prefs = customer?.preferences;
  const prefLines = prefs
    ? [
        ['Sizes', prefs.sizes],
        ['Brands', prefs.brands],
        ['Interests', prefs.interests],
      ].filter((entry): entry is [string, string[]] => (entry[1]?.length ?? 0) > 0)
    : [];

  return (
    <section className="panel customer-panel" data-testid="customer-panel" aria-live="polite">
      <h2 className="customer-name">{customer?.name ?? selected.name}</h2>
      <p className="customer-number">
        Customer no. <strong>{customer?.number ?? selected.number}</strong>
        {customer !== null && customer.status !== 'active' && (
          <span className="badge warn">{customer.status}</span>
        )}
      </p>
      {customer !== null && <TillInsightHints insight={customer.insight} />}
      {customer !== null && customer.status === 'active' && can('consent.record') && (
        <ConsentRefreshPrompt
          key={customer.id}
          customerId={customer.id}
          refresh={customer.consentRefresh}
          onRecorded={onConsentRecorded}
        />
      )}
      {selected.error !== null && <p className="error">{selected.error}</p>}
      {customer === null ? (
        selected.error === null && <p className="muted">Loading…</p>
      ) : (
        <>
          <TillLoyalty
            key={customer.id}
            customer={customer}
            currency={currency}
            active={customer.status === 'active'}
          />
          <TillStoreCredit key={customer.id} customerId={customer.id} />
          <h3>Cards</h3>
          {customer.cards.length === 0 ? (
            <p className="muted">No card linked.</p>
          ) : (
            <ul className="inline-list">
              {customer.cards.map((card) => (
                <li key={card.number}>
                  {card.number}{' '}
                  <span className={card.status === 'active' ? 'badge ok' : 'badge'}>
                    {card.status}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {customer.notes !== null && customer.notes !== '' && (
            <>
              <h3>Notes</h3>
              <p className="notes">{customer.notes}</p>
            </>
          )}
          {prefLines.length > 0 && (
            <>
              <h3>Preferences</h3>
              <dl className="facts">
                {prefLines.map(([label, values]) => (
                  <div key={label} className="fact">
                    <dt>{label}</dt>
                    <dd>{values.join(', ')}</dd>
                  </div>
                ))}
              </dl>
            </>
          )}
          {can('sale.read') && (
            <>
              <h3>Purchases</h3>
              <TillPurchaseSummary key={customer.id} customerId={customer.id} />
            </>
          )}
          <h3>Contact</h3>
          <ContactMaskView mask={customer.contactMask} />
          <h3>Marketing consent</h3>
          <ConsentSummary consents={consents} />
        </>
      )}
      <p>
        <a href={customerHref(selected.id)}>Open profile</a>
      </p>
    </section>
  );
}
