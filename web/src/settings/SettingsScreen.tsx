import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { errorMessage, fieldError } from '../api-error.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { useLoad } from '../common/use-load.ts';
import { useSession } from '../session.ts';
import { countryChoices } from '../setup/choices.ts';
import { defaultRetentionYears } from '@domain/retention.ts';
import type { ShopSettings } from '@contract/shop.ts';
import { settingsApi } from './settings-api.ts';
import './settings.css';
import {
  fieldsToChange,
  retentionHint,
  settingsToFields,
  type SettingsFields,
  type SettingsTextField,
} from './settings-fields.ts';
import { ConsentWordingsSection } from './ConsentWordingsSection.tsx';
import { MailSettingsSection } from './MailSettingsSection.tsx';

/** The shop's settings, for admins: its name and country, expiry of stored value, retention. */
export function SettingsScreen() {
  const loader = useCallback(() => settingsApi.load(), []);
  const list = useLoad(loader);
  return (
    <section className="stack settings-screen">
      <h1>Settings</h1>
      <ErrorText message={list.error} />
      {list.data !== null && <SettingsForm loaded={list.data.settings} />}
      <ConsentWordingsSection />
      <MailSettingsSection />
    </section>
  );
}

function SettingsForm({ loaded: first }: { loaded: ShopSettings }) {
  const { replaceSettings } = useSession();
  const [loaded, setLoaded] = useState(first);
  const [fields, setFields] = useState<SettingsFields>(() => settingsToFields(first));
  const [problem, setProblem] = useState<{ field: string; message: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const countries = useMemo(() => countryChoices(), []);
  const input = (key: SettingsTextField) => ({
    value: fields[key],
    onChange: (event: { target: { value: string } }) => {
      setFields((now) => ({ ...now, [key]: event.target.value }));
      setSaved(null);
    },
  });
  const messageFor = (field: string) =>
    (problem?.field === field ? problem.message : null) ?? fieldError(error, field);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const checked = fieldsToChange(fields, loaded);
    setError(null);
    if (!checked.ok) return setProblem(checked);
    if (Object.keys(checked.body).length === 0)
      return setProblem({ field: '', message: 'Nothing has changed.' });
    setProblem(null);
    setBusy(true);
    settingsApi
      .save(checked.body)
      .then(({ settings }) => {
        setLoaded(settings);
        setFields(settingsToFields(settings));
        replaceSettings?.(settings);
        setSaved('Saved.');
      })
      .catch((err: unknown) => setError(err))
      .finally(() => setBusy(false));
  };

  const named = Object.keys(fields);
  const general =
    (problem !== null && !named.includes(problem.field) ? problem.message : null) ??
    (error !== null && !named.some((field) => fieldError(error, field))
      ? errorMessage(error)
      : null);
  return (
    <form className="stack" data-testid="settings-form" onSubmit={submit}>
      <div className="row">
        <label>
          Shop name
          <input autoComplete="off" data-testid="settings-shop-name" {...input('shopName')} />
          <ErrorText message={messageFor('shopName')} />
        </label>
        <label>
          Country (phone numbers, retention default)
          <select data-testid="settings-country" {...input('defaultCountry')}>
            {!countries.some((c) => c.value === fields.defaultCountry) && (
              <option value={fields.defaultCountry}>{fields.defaultCountry}</option>
            )}
            {countries.map((country) => (
              <option key={country.value} value={country.value}>
                {country.label}
              </option>
            ))}
          </select>
          <ErrorText message={messageFor('defaultCountry')} />
        </label>
      </div>
      <h2>Gift cards and store credit</h2>
      <div className="row">
        <label>
          Gift cards expire after (months)
          <input
            inputMode="numeric"
            autoComplete="off"
            placeholder="never"
            data-testid="settings-gift-card-expiry"
            {...input('giftCardExpiryMonths')}
          />
          <ErrorText message={messageFor('giftCardExpiryMonths')} />
        </label>
        <label>
          Store credit expires after (months)
          <input
            inputMode="numeric"
            autoComplete="off"
            placeholder="never"
            data-testid="settings-store-credit-expiry"
            {...input('storeCreditExpiryMonths')}
          />
          <ErrorText message={messageFor('storeCreditExpiryMonths')} />
        </label>
      </div>
      <h2>Accounting records</h2>
      <div className="row">
        <label className="settings-retention">
          Keep sales linked to erased customers for (years)
          <input
            inputMode="numeric"
            autoComplete="off"
            placeholder={String(defaultRetentionYears(fields.defaultCountry))}
            aria-describedby="settings-retention-hint"
            data-testid="settings-retention-years"
            {...input('accountingRetentionYears')}
          />
          <ErrorText message={messageFor('accountingRetentionYears')} />
        </label>
      </div>
      <p className="muted" id="settings-retention-hint" data-testid="settings-retention-hint">
        {retentionHint(fields.defaultCountry)} After that, an erased customer's older sales no
        longer carry their customer id; the sales and their amounts stay.
      </p>
      <h2>Insights</h2>
      <div className="row">
        <label>
          Birthdays ahead: list the next (days)
          <input
            inputMode="numeric"
            autoComplete="off"
            data-testid="settings-birthday-days"
            {...input('birthdayDays')}
          />
          <ErrorText message={messageFor('birthdayDays')} />
        </label>
      </div>
      <h2>Marketing consent</h2>
      <div className="row">
        <label>
          Ask consent again after (months)
          <input
            inputMode="numeric"
            autoComplete="off"
            data-testid="settings-consent-max-age"
            {...input('consentMaxAgeMonths')}
          />
          <ErrorText message={messageFor('consentMaxAgeMonths')} />
        </label>
        <label className="check">
          <input
            type="checkbox"
            data-testid="settings-allow-stale-consent"
            checked={fields.allowStaleConsentForSending}
            onChange={(event) => {
              const checked = event.target.checked;
              setFields((now) => ({ ...now, allowStaleConsentForSending: checked }));
              setSaved(null);
            }}
          />
          Send to stale consent until it is asked again
        </label>
      </div>
      <ErrorText message={general} />
      {saved !== null && (
        <p className="note" role="status" data-testid="settings-saved">
          {saved}
        </p>
      )}
      <div>
        <button type="submit" className="primary" disabled={busy} data-testid="settings-save">
          {busy ? 'Saving…' : 'Save settings'}
        </button>
      </div>
    </form>
  );
}
