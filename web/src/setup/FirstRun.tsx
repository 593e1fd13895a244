import { useMemo, useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../api-error.ts';
import { useSubmitOnce } from '../common/use-submit-once.ts';
import type { Session } from '@contract/staff.ts';
import {
  browserCountry,
  browserTimeZone,
  codeFromName,
  countryChoices,
  currencyChoices,
  likelyCurrency,
  timeZoneChoices,
} from './choices.ts';
import { SetupField } from './SetupField.tsx';
import { setupApi } from './setup-api.ts';
import './first-run.css';

type Form = {
  displayName: string;
  username: string;
  password: string;
  pin: string;
  shopName: string;
  country: string;
  outletName: string;
  currency: string;
  timeZone: string;
  pricingMode: 'tax_inclusive' | 'tax_exclusive';
  registerName: string;
};

function initialForm(): Form {
  const country = browserCountry();
  return {
    displayName: '',
    username: '',
    password: '',
    pin: '',
    shopName: '',
    country,
    outletName: '',
    currency: likelyCurrency(country) ?? 'GBP',
    timeZone: browserTimeZone(),
    pricingMode: 'tax_inclusive',
    registerName: 'Till 1',
  };
}

/**
 * The first run of a shop set up without the demo: no one can sign in yet, so this
 * creates the first admin, the shop, its first outlet and till, and signs the admin in.
 * The server offers it only while no staff exist.
 */
export function FirstRun({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [form, setForm] = useState<Form>(initialForm);
  const [error, setError] = useState<unknown>(null);
  const once = useSubmitOnce(setupApi.setUp);
  const busy = once.busy;
  const countries = useMemo(() => countryChoices(), []);
  const currencies = useMemo(() => currencyChoices(), []);
  const zones = useMemo(() => timeZoneChoices(), []);
  const set = (changes: Partial<Form>) => setForm((current) => ({ ...current, ...changes }));
  const outletCode = codeFromName(form.outletName || form.shopName);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const body = {
      admin: {
        username: form.username.trim(),
        displayName: form.displayName.trim(),
        password: form.password,
        pin: form.pin,
      },
      shop: { name: form.shopName.trim(), country: form.country },
      outlet: {
        code: outletCode,
        name: (form.outletName || form.shopName).trim(),
        currency: form.currency,
        timeZone: form.timeZone,
        pricingMode: form.pricingMode,
      },
      register: { code: `${outletCode}-1`, name: form.registerName.trim() },
    };
    void once.submit(body).then((answer) => {
      if (answer.ok) onSignedIn(answer.value.session);
      else if (answer.error !== null) setError(answer.error);
    });
  };

  const unplaced = shownBesideField(error) ? null : error;
  return (
    <form className="first-run" onSubmit={submit} data-testid="first-run">
      <h1>Set up your shop</h1>
      <p className="muted">
        No one can sign in yet. Create the first admin, name the shop and its first till; you are
        then signed in and add the rest of the staff from the back office.
      </p>
      <div className="first-run-grid">
        <fieldset className="stack">
          <legend>You, the first admin</legend>
          <SetupField label="Your name" field="admin.displayName" error={error}>
            <input
              autoFocus
              required
              data-testid="setup-display-name"
              value={form.displayName}
              onChange={(e) => set({ displayName: e.target.value })}
            />
          </SetupField>
          <SetupField label="Username" hint="to sign in" field="admin.username" error={error}>
            <input
              required
              autoComplete="username"
              data-testid="setup-username"
              value={form.username}
              onChange={(e) => set({ username: e.target.value })}
            />
          </SetupField>
          <SetupField
            label="Password"
            hint="8 or more characters, back office"
            field="admin.password"
            error={error}
          >
            <input
              required
              type="password"
              autoComplete="new-password"
              minLength={8}
              data-testid="setup-password"
              value={form.password}
              onChange={(e) => set({ password: e.target.value })}
            />
          </SetupField>
          <SetupField label="PIN" hint="4–8 digits, at the till" field="admin.pin" error={error}>
            <input
              required
              inputMode="numeric"
              type="password"
              autoComplete="off"
              data-testid="setup-pin"
              value={form.pin}
              onChange={(e) => set({ pin: e.target.value.replace(/\D/g, '').slice(0, 8) })}
            />
          </SetupField>
        </fieldset>
        <fieldset className="stack">
          <legend>Your shop</legend>
          <SetupField
            label="Shop name"
            hint="on receipts and cards"
            field="shop.name"
            error={error}
          >
            <input
              required
              data-testid="setup-shop-name"
              value={form.shopName}
              onChange={(e) => set({ shopName: e.target.value })}
            />
          </SetupField>
          <div className="row">
            <SetupField label="Country" field="shop.country" error={error}>
              <select
                data-testid="setup-country"
                value={form.country}
                onChange={(e) =>
                  set({
                    country: e.target.value,
                    currency: likelyCurrency(e.target.value) ?? form.currency,
                  })
                }
              >
                {countries.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </select>
            </SetupField>
            <SetupField label="Currency" field="outlet.currency" error={error}>
              <select
                data-testid="setup-currency"
                value={form.currency}
                onChange={(e) => set({ currency: e.target.value })}
              >
                {currencies.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </select>
            </SetupField>
          </div>
          <SetupField label="Time zone" field="outlet.timeZone" error={error}>
            <select
              data-testid="setup-time-zone"
              value={form.timeZone}
              onChange={(e) => set({ timeZone: e.target.value })}
            >
              {zones.map((zone) => (
                <option key={zone}>{zone}</option>
              ))}
            </select>
          </SetupField>
          <SetupField label="Shelf prices" field="outlet.pricingMode" error={error}>
            <select
              data-testid="setup-pricing-mode"
              value={form.pricingMode}
              onChange={(e) =>
                set({
                  pricingMode:
                    e.target.value === 'tax_exclusive' ? e.target.value : 'tax_inclusive',
                })
              }
            >
              <option value="tax_inclusive">include tax (VAT)</option>
              <option value="tax_exclusive">exclude tax (added at the till)</option>
            </select>
          </SetupField>
          <div className="row">
            <SetupField
              label="First outlet"
              hint="if not the shop name"
              field="outlet.name"
              error={error}
            >
              <input
                data-testid="setup-outlet-name"
                placeholder={form.shopName}
                value={form.outletName}
                onChange={(e) => set({ outletName: e.target.value })}
              />
            </SetupField>
            <SetupField label="First till" field="register.name" error={error}>
              <input
                required
                data-testid="setup-register-name"
                value={form.registerName}
                onChange={(e) => set({ registerName: e.target.value })}
              />
            </SetupField>
          </div>
        </fieldset>
      </div>
      {unplaced !== null && (
        <p className="error" role="alert" data-testid="setup-error">
          {errorMessage(unplaced)}
        </p>
      )}
      <button type="submit" className="primary" data-testid="setup-submit" disabled={busy}>
        {busy ? 'Setting up…' : 'Create the shop and sign in'}
      </button>
    </form>
  );
}

// The fields the form shows a message beside; any other problem shows at its foot.
const shownFields = [
  'admin.displayName',
  'admin.username',
  'admin.password',
  'admin.pin',
  'shop.name',
  'shop.country',
  'outlet.currency',
  'outlet.timeZone',
  'outlet.pricingMode',
  'outlet.name',
  'register.name',
];

function shownBesideField(error: unknown): boolean {
  return (
    error instanceof ApiError && error.field !== undefined && shownFields.includes(error.field)
  );
}
