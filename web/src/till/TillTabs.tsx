export type TillMode = 'customer' | 'sale' | 'return' | 'gift-card';

type Props = {
  mode: TillMode;
  canSell: boolean;
  canReturn: boolean;
  canCheckGiftCards: boolean;
  onChange: (mode: TillMode) => void;
};

/**
 * What the till is doing: finding a customer, ringing up a sale (F8), taking a return (F9),
 * checking a gift card's balance.
 */
export function TillTabs({ mode, canSell, canReturn, canCheckGiftCards, onChange }: Props) {
  const tabs: { mode: TillMode; label: string; testId: string; shown: boolean }[] = [
    { mode: 'customer', label: 'Customer', testId: 'customer-mode', shown: true },
    { mode: 'sale', label: 'Sale (F8)', testId: 'sale-mode', shown: canSell },
    { mode: 'return', label: 'Return (F9)', testId: 'return-mode', shown: canReturn },
    { mode: 'gift-card', label: 'Gift card', testId: 'gift-card-mode', shown: canCheckGiftCards },
  ];
  return (
    <div className="till-tabs" role="tablist" aria-label="Till mode">
      {tabs
        .filter((tab) => tab.shown)
        .map((tab) => (
          <button
            key={tab.mode}
            type="button"
            role="tab"
            aria-selected={mode === tab.mode}
            className={mode === tab.mode ? 'till-tab active' : 'till-tab'}
            data-testid={tab.testId}
            // The search box keeps focus when the mouse picks a tab.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => onChange(tab.mode)}
          >
            {tab.label}
          </button>
        ))}
    </div>
  );
}
