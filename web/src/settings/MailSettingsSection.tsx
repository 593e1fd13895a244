import { useCallback, useState, type FormEvent } from 'react';
import { errorMessage, fieldError } from '../api-error.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { useLoad } from '../common/use-load.ts';
import type { MailSettings } from '@contract/mail-settings.ts';
import { mailSettingsApi } from './mail-settings-api.ts';
import {
  fieldsToMailChange,
  mailToFields,
  type MailFields,
  type MailTextField,
} from './mail-settings-fields.ts';

/** Campaign email: the address unsubscribe links start with, and the SMTP server. */
export function MailSettingsSection() {
  const loader = useCallback(() => mailSettingsApi.load(), []);
  const mail = useLoad(loader);
  return (
    <section className="stack" data-testid="mail-settings">
      <h2>Campaign email</h2>
      <ErrorText message={mail.error} />
      {mail.data !== null && <MailSettingsForm loaded={mail.data.mail} />}
    </section>
  );
}

function MailSettingsForm({ loaded: first }: { loaded: MailSettings }) {
  const [loaded, setLoaded] = useState(first);
  const [fields, setFields] = useState<MailFields>(() => mailToFields(first));
  const [problem, setProblem] = useState<{ field: string; message: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const change = <K extends keyof MailFields>(key: K, value: MailFields[K]) => {
    setFields((now) => ({ ...now, [key]: value }));
    setSaved(false);
  };
  const input = (key: MailTextField) => ({
    value: fields[key],
    onChange: (event: { target: { value: string } }) => change(key, event.target.value),
  });
  // The server names SMTP fields `smtp.host`; the form's own check does too.
  const messageFor = (field: string) =>
    (problem?.field === field ? problem.message : null) ?? fieldError(error, field);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const checked = fieldsToMailChange(fields, loaded);
    setError(null);
    if (!checked.ok) return setProblem(checked);
    if (Object.keys(checked.body).length === 0) {
      return setProblem({ field: '', message: 'Nothing has changed.' });
    }
    setProblem(null);
    setBusy(true);
    mailSettingsApi
      .save(checked.body)
      .then(({ mail }) => {
        setLoaded(mail);
        setFields(mailToFields(mail));
        setSaved(true);
      })
      .catch((err: unknown) => setError(err))
      .finally(() => setBusy(false));
  };

  const known = [
    'publicBaseUrl',
    'unsubscribeLinkDays',
    ...['host', 'port', 'user', 'password', 'from', 'ratePerSecond'].map((f) => `smtp.${f}`),
  ];
  const general =
    (problem !== null && !known.includes(problem.field) ? problem.message : null) ??
    (error !== null && !known.some((field) => fieldError(error, field))
      ? errorMessage(error)
      : null);
  const text = (label: string, key: MailTextField, field: string, extra: object = {}) => (
    <label>
      {label}
      <input autoComplete="off" data-testid={`mail-${key}`} {...extra} {...input(key)} />
      <ErrorText message={messageFor(field)} />
    </label>
  );
  return (
    <form className="stack" data-testid="mail-settings-form" onSubmit={submit}>
      <p className="muted">
        Every campaign email carries a one-click unsubscribe link starting with this address, so
        customers must be able to reach it: https, or http://localhost while trying out.
      </p>
      <div className="row">
        {text('Public address of this server', 'publicBaseUrl', 'publicBaseUrl', {
          placeholder: 'https://shop.example',
          inputMode: 'url',
        })}
        {text('Unsubscribe links work for (days)', 'unsubscribeLinkDays', 'unsubscribeLinkDays', {
          inputMode: 'numeric',
        })}
      </div>
      <h3>SMTP server (leave the host empty for none)</h3>
      <div className="row">
        {text('Host', 'host', 'smtp.host', { placeholder: 'smtp.example.com' })}
        {text('Port', 'port', 'smtp.port', { inputMode: 'numeric' })}
        <label className="check">
          <input
            type="checkbox"
            data-testid="mail-secure"
            checked={fields.secure}
            onChange={(event) => change('secure', event.target.checked)}
          />
          TLS from the start (port 465)
        </label>
      </div>
      <div className="row">
        {text('User name', 'user', 'smtp.user')}
        {text(
          loaded.smtp?.passwordSet ? 'Password (set; empty keeps it)' : 'Password',
          'password',
          'smtp.password',
          { type: 'password', autoComplete: 'new-password' },
        )}
        {loaded.smtp?.passwordSet && (
          <label className="check">
            <input
              type="checkbox"
              data-testid="mail-clear-password"
              checked={fields.clearPassword}
              onChange={(event) => change('clearPassword', event.target.checked)}
            />
            Remove the password
          </label>
        )}
      </div>
      <div className="row">
        {text('From', 'from', 'smtp.from', { placeholder: 'Shop <news@shop.example>' })}
        {text('Messages per second', 'ratePerSecond', 'smtp.ratePerSecond', {
          inputMode: 'numeric',
        })}
      </div>
      <ErrorText message={general} />
      {saved && (
        <p className="note" role="status" data-testid="mail-settings-saved">
          Saved.
        </p>
      )}
      <div>
        <button type="submit" className="primary" disabled={busy} data-testid="mail-settings-save">
          {busy ? 'Saving…' : 'Save campaign email settings'}
        </button>
      </div>
    </form>
  );
}
