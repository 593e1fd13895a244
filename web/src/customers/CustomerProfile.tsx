import { useCallback, useState } from 'react';
import { api } from '../api.ts';
import { ContactMaskView } from '../common/ContactMaskView.tsx';
import { ErrorText } from '../common/ErrorText.tsx';
import { formatDate, formatDateTime, joinList } from '../common/format.ts';
import { useLoad } from '../common/use-load.ts';
import { customerHref } from '../router.ts';
import { useCan } from '../session.ts';
import type { Customer } from '@contract/customers.ts';
import type { CustomerErasure } from '@contract/customers-erasure.ts';
import type { Contacts } from '../api.ts';
import { CardsSection } from './CardsSection.tsx';
import { ErasureReport } from './ErasureReport.tsx';
import { ErasureSection } from './ErasureSection.tsx';
import { ExportSection } from './ExportSection.tsx';
import { ConsentsSection } from './ConsentsSection.tsx';
import { HistoryList } from './HistoryList.tsx';
import { LoyaltySection } from './LoyaltySection.tsx';
import { MergeSection } from './MergeSection.tsx';
import { PrintCard } from './PrintCard.tsx';
import { ProfilingSection } from './ProfilingSection.tsx';
import { PurchasesSection } from './PurchasesSection.tsx';
import { ProfileForm } from './ProfileForm.tsx';
import { RevealSection } from './RevealSection.tsx';
import { RightsRequestsSection } from './RightsRequestsSection.tsx';
import { StoreCreditSection } from './StoreCreditSection.tsx';

/**
 * One customer in the back office: edit, cards, purchases, loyalty points, store credit,
 * consent, reveal, merge, export, erasure, history. An erased customer shows only what is
 * kept without a name: purchases, ledgers, requests and history.
 */
export function CustomerProfile({ id }: { id: string }) {
  const can = useCan();
  const loader = useCallback(() => api.customer(id).then((answer) => answer.customer), [id]);
  const loaded = useLoad(loader);
  const [revealed, setRevealed] = useState<Contacts | null>(null);
  const [printing, setPrinting] = useState(false);
  const [saved, setSaved] = useState(false);
  const [erasure, setErasure] = useState<CustomerErasure | null>(null);

  const customer = loaded.data;
  if (customer === null) {
    return loaded.error !== null ? (
      <ErrorText message={loaded.error} />
    ) : (
      <p className="page-message">Loading…</p>
    );
  }

  // Revealed values would be stale after an edit; the next look needs a new (logged) reveal.
  const changed = (next: Customer) => {
    loaded.setData(next);
    setRevealed(null);
  };
  const active = customer.status === 'active';
  const editable = can('customer.update') && active;
  const erased = customer.status === 'erased';

  return (
    <div className="profile">
      <header className="profile-header">
        <div>
          <h1>{customer.name}</h1>
          <p>
            Customer no. <strong className="mono">{customer.number}</strong>{' '}
            <span className={active ? 'badge ok' : 'badge warn'}>{customer.status}</span>{' '}
            <span className="muted">
              created {formatDateTime(customer.createdAt)} · updated{' '}
              {formatDateTime(customer.updatedAt)}
            </span>
          </p>
          {customer.mergedIntoId !== null && (
            <p>
              Merged into <a href={customerHref(customer.mergedIntoId)}>the surviving profile</a>.
            </p>
          )}
        </div>
        {!erased && (
          <button type="button" onClick={() => setPrinting(true)} data-testid="print-card-button">
            Print customer card
          </button>
        )}
      </header>
      {printing && <PrintCard customer={customer} onClose={() => setPrinting(false)} />}
      {erasure !== null && erasure.customerId === customer.id && <ErasureReport report={erasure} />}
      {erased ? (
        <div className="warning" role="status" data-testid="erased-banner">
          <p>
            <strong>Erased on {formatDate(customer.erasedAt)}</strong>: this customer’s personal
            data was erased. Purchases and ledgers are kept without a name.
          </p>
        </div>
      ) : (
        <div className="profile-grid">
          <section className="panel">
            <h2>Profile</h2>
            {saved && <p className="note">Saved.</p>}
            {editable ? (
              <ProfileForm
                key={`${customer.version}-${revealed === null ? 'masked' : 'revealed'}`}
                customer={customer}
                known={revealed}
                onSaved={(next) => {
                  changed(next);
                  setSaved(true);
                }}
              />
            ) : (
              <dl className="facts">
                <div className="fact">
                  <dt>Notes</dt>
                  <dd>{customer.notes ?? '—'}</dd>
                </div>
                <div className="fact">
                  <dt>Sizes</dt>
                  <dd>{joinList(customer.preferences.sizes) || '—'}</dd>
                </div>
                <div className="fact">
                  <dt>Brands</dt>
                  <dd>{joinList(customer.preferences.brands) || '—'}</dd>
                </div>
                <div className="fact">
                  <dt>Interests</dt>
                  <dd>{joinList(customer.preferences.interests) || '—'}</dd>
                </div>
              </dl>
            )}
          </section>

          <div className="stack">
            <section className="panel">
              <h2>Contact details</h2>
              <ContactMaskView mask={customer.contactMask} />
              {can('customer.reveal') && (
                <RevealSection
                  customerId={customer.id}
                  revealed={revealed}
                  onRevealed={setRevealed}
                />
              )}
            </section>
            <CardsSection customer={customer} onChanged={changed} />
          </div>
        </div>
      )}

      {can('sale.read') && <PurchasesSection customerId={customer.id} />}
      {/* Keyed by status: an erasure settles what they held, so the ledgers load afresh. */}
      <LoyaltySection key={`loyalty-${customer.status}`} customer={customer} active={active} />
      <StoreCreditSection
        key={`store-credit-${customer.status}`}
        customerId={customer.id}
        active={active}
      />
      {!erased && (
        <ConsentsSection
          key={`consents-${customer.version}`}
          customerId={customer.id}
          refresh={customer.consentRefresh}
          onRecorded={loaded.reload}
        />
      )}
      {!erased && <ProfilingSection customer={customer} onChanged={loaded.setData} />}
      {can('customer.merge') && active && <MergeSection customer={customer} onMerged={changed} />}
      {/* The export holds contact details in clear: the same people who may reveal them. */}
      {can('customer.reveal') && active && (
        <ExportSection customerId={customer.id} customerNumber={customer.number} />
      )}
      {can('rights.manage') && (
        <RightsRequestsSection
          key={`requests-${customer.status}`}
          customerId={customer.id}
          active={active}
        />
      )}
      {can('customer.erase') && active && (
        <ErasureSection
          customer={customer}
          onErased={(report) => {
            setErasure(report);
            setRevealed(null);
            loaded.reload();
          }}
        />
      )}
      <HistoryList key={`history-${customer.version}`} customerId={customer.id} />
    </div>
  );
}
