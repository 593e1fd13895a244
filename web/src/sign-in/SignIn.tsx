import { useState } from 'react';
import type { Session } from '@contract/staff.ts';
import { PasswordSignIn } from './PasswordSignIn.tsx';
import { PinSignIn } from './PinSignIn.tsx';

type Tab = 'pin' | 'password';

export function SignIn({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [tab, setTab] = useState<Tab>('pin');
  const tabButton = (value: Tab, label: string) => (
    <button
      type="button"
      role="tab"
      id={`tab-${value}`}
      aria-selected={tab === value}
      aria-controls={`panel-${value}`}
      className={tab === value ? 'tab active' : 'tab'}
      onClick={() => setTab(value)}
    >
      {label}
    </button>
  );

  return (
    <div className="sign-in">
      <h1>Clientele</h1>
      <div className="tabs" role="tablist">
        {tabButton('pin', 'Till (PIN)')}
        {tabButton('password', 'Back office (password)')}
      </div>
      <div className="card" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'pin' ? (
          <PinSignIn onSignedIn={onSignedIn} />
        ) : (
          <PasswordSignIn onSignedIn={onSignedIn} />
        )}
      </div>
    </div>
  );
}
