import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { api } from '../api.ts';
import { errorMessage, fieldError } from '../api-error.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { useSubmitOnce } from '../common/use-submit-once.ts';
import { channelLabel, channels } from '../common/consent-wording.ts';
import { useGrantWording } from '../common/use-consent-wordings.ts';
import type { ConsentChannel, ConsentInput, Customer, Duplicate } from '@contract/customers.ts';
import { DuplicateWarning } from './DuplicateWarning.tsx';

type Props = {
  initial: { name: string; phone: string };
  onCreated: (customer: Customer, duplicates: Duplicate[]) => void;
  onSelectExisting: (duplicate: Duplicate) => void;
  onCancel: () => void;
};

type Fields = { name: string; phone: string; email: string; notes: string };

/** Creating a customer at the till in seconds: name is enough, Enter saves, Escape cancels. */
export function NewCustomerForm({ initial, onCreated, onSelectExisting, onCancel }: Props) {
  // The shop's current wording; the consent boxes wait for it, so no other words are recorded.
  const wordingFor = useGrantWording();
  const [fields, setFields] = useState<Fields>({ ...initial, email: '', notes: '' });
  const [consent, setConsent] = useState<Record<ConsentChannel, boolean>>({
    email: false,
    sms: false,
  });
  const [duplicates, setDuplicates] = useState<Duplicate[]>([]);
  const [error, setError] = useState<unknown>(null);
  // The duplicate check may reject a malformed phone or email: shown by the field, kept apart
  // from the save error so a later check does not wipe it.
  const [checkError, setCheckError] = useState<unknown>(null);
  const [nameMissing, setNameMissing] = useState(false);
  const once = useSubmitOnce(api.createCustomer);
  const busy = once.busy;
  const nameRef = useRef<HTMLInputElement>(null);

  // Text carried over from the search box is selected, so typing replaces it.
  useEffect(() => {
    nameRef.current?.focus();
    nameRef.current?.select();
  }, []);

  const set = (key: keyof Fields) => (event: { target: { value: string } }) => {
    setFields((current) => ({ ...current, [key]: event.target.value }));
    // A warning about the old phone or email would mislead; the next blur checks again.
    if (key === 'phone' || key === 'email') setDuplicates([]);
  };

  const checkDuplicates = () => {
    const phone = fields.phone.trim();
    const email = fields.email.trim();
    if (phone === '' && email === '') {
      setDuplicates([]);
      return;
    }
    api
      .duplicates({ phone: phone || undefined, email: email || undefined })
      .then((answer) => {
        setDuplicates(answer.duplicates);
        setCheckError(null);
      })
      .catch((err: unknown) => setCheckError(err));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const name = fields.name.trim();
    setNameMissing(name === '');
    if (name === '') {
      nameRef.current?.focus();
      return;
    }
    const consents: ConsentInput[] =
      wordingFor === null
        ? []
        : channels
            .filter((channel) => consent[channel])
            .map((channel) => ({ channel, granted: true, wording: wordingFor(channel) }));
    setError(null);
    const body = {
      name,
      phone: fields.phone.trim() || undefined,
      email: fields.email.trim() || undefined,
      notes: fields.notes.trim() || undefined,
      consents: consents.length > 0 ? consents : undefined,
    };
    void once.submit(body).then((answer) => {
      if (answer.ok) onCreated(answer.value.customer, answer.value.duplicates);
      else if (answer.error !== null) setError(answer.error);
    });
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    }
  };

  const formFields = ['name', 'phone', 'email', 'notes', 'consents'];
  const messageFor = (field: string) => fieldError(error, field) ?? fieldError(checkError, field);
  const nameError = nameMissing ? 'Name is required' : messageFor('name');
  const otherError =
    error !== null && formFields.every((f) => fieldError(error, f) === undefined)
      ? errorMessage(error)
      : null;

  return (
    <form
      className="panel stack"
      data-testid="new-customer-form"
      onSubmit={submit}
      onKeyDown={onKeyDown}
    >
      <h2>New customer</h2>
      <label>
        Name
        <input
          ref={nameRef}
          data-testid="field-name"
          autoComplete="off"
          value={fields.name}
          onChange={set('name')}
          aria-invalid={nameError !== undefined}
        />
      </label>
      <ErrorText message={nameError} />
      <div className="row">
        <label>
          Phone
          <input
            data-testid="field-phone"
            type="tel"
            autoComplete="off"
            value={fields.phone}
            onChange={set('phone')}
            onBlur={checkDuplicates}
          />
          <ErrorText message={messageFor('phone')} />
        </label>
        <label>
          Email
          <input
            data-testid="field-email"
            type="email"
            autoComplete="off"
            value={fields.email}
            onChange={set('email')}
            onBlur={checkDuplicates}
          />
          <ErrorText message={messageFor('email')} />
        </label>
      </div>
      <DuplicateWarning duplicates={duplicates} onSelect={onSelectExisting} />
      <label>
        Notes
        <input autoComplete="off" value={fields.notes} onChange={set('notes')} />
        <ErrorText message={messageFor('notes')} />
      </label>
      <fieldset className="consents">
        <legend>Marketing consent (only if the customer agrees)</legend>
        {channels.map((channel) => (
          <label key={channel} className="check">
            <input
              type="checkbox"
              data-testid={`consent-${channel}`}
              checked={consent[channel]}
              disabled={wordingFor === null}
              onChange={(e) => setConsent((c) => ({ ...c, [channel]: e.target.checked }))}
            />
            <span>
              <strong>{channelLabel[channel]}:</strong> “{wordingFor?.(channel) ?? '…'}”
            </span>
          </label>
        ))}
        <ErrorText message={messageFor('consents')} />
      </fieldset>
      <ErrorText message={otherError} />
      <div className="row">
        <button type="submit" className="primary" data-testid="save-customer" disabled={busy}>
          {busy ? 'Saving…' : 'Save (Enter)'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel (Esc)
        </button>
      </div>
    </form>
  );
}
