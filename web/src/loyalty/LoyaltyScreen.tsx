import { useState } from 'react';
import { ErrorText } from '../common/ErrorText.tsx';
import { useLoad } from '../common/use-load.ts';
import { useShopCurrency } from '../common/use-shop-currency.ts';
import { loyaltyApi } from '../loyalty-api.ts';
import { PromotionsSection } from './PromotionsSection.tsx';
import { RewardsSection } from './RewardsSection.tsx';
import { RuleVersions } from './RuleVersions.tsx';
import { RulesForm } from './RulesForm.tsx';
import { describeRules } from './rules-words.ts';

/** Back office: the loyalty programme's rules (versioned), promotions and rewards. */
export function LoyaltyScreen() {
  const loaded = useLoad(loyaltyApi.program);
  const currency = useShopCurrency();
  const [note, setNote] = useState<string | null>(null);
  const saved = (message: string) => {
    setNote(message);
    loaded.reload();
  };
  const program = loaded.data;
  return (
    <div className="stack" data-testid="loyalty-screen">
      <h1>Loyalty</h1>
      <ErrorText message={loaded.error} />
      {note !== null && (
        <p className="note" role="status" data-testid="loyalty-note">
          {note}
        </p>
      )}
      {program === null ? (
        loaded.error === null && <p className="page-message">Loading…</p>
      ) : (
        <>
          <p data-testid="loyalty-current">
            In force now
            {program.current.version === null ? '' : ` (version ${program.current.version})`}:{' '}
            {program.current.version === null
              ? 'no rules yet, the programme is off'
              : describeRules(program.current.rules, currency)}
          </p>
          <section className="panel">
            <RulesForm
              key={`${program.current.version ?? 'none'}-${program.versions.length}-${currency}`}
              current={program.current}
              currency={currency}
              onSaved={saved}
            />
          </section>
          <section className="panel stack">
            <h2>Versions of the rules</h2>
            <RuleVersions
              versions={program.versions}
              currentVersion={program.current.version}
              currency={currency}
            />
          </section>
          <RewardsSection rewards={program.rewards} currency={currency} onSaved={saved} />
          <PromotionsSection promotions={program.promotions} currency={currency} onSaved={saved} />
        </>
      )}
    </div>
  );
}
