import { useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { errorMessage, fieldError } from '../api-error.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { useSubmitOnce } from '../common/use-submit-once.ts';
import { useSession } from '../session.ts';
import type { Customer, CustomerChangeBody } from '@contract/customers.ts';
import type { Contacts } from '../api.ts';
import { AddressInputs, ContactInput } from './ContactInputs.tsx';
import { buildPatch, initialFields, type ProfileFields } from './profile-patch.ts';

type Props = {
  customer: Customer;
  known: Contacts | null;
  onSaved: (customer: Customer) => void;
};

const formFields = ['name', 'notes', 'preferences', 'phone', 'email', 'birthday', 'address'];

/** Edit a profile; re-mounted (keyed) whenever the customer or the revealed contacts change. */
export function ProfileForm({ customer, known, onSaved }: Props) {
  const { settings } = useSession();
  const defaultCountry = settings?.defaultCountry ?? '';
  const [fields, setFields] = useState<ProfileFields>(() => initialFields(customer, known));
  const once = useSubmitOnce((patch: CustomerChangeBody) => api.updateCustomer(customer.id, patch));
  const { busy, error } = once;
  const [message, setMessage] = useState<string | null>(null);
  const mask = customer.contactMask;

  const set = <K extends keyof ProfileFields>(key: K, value: ProfileFields[K]) => {
    setFields((current) => ({ ...current, [key]: value }));
    setMessage(null);
  };
  const text = (key: 'name' | 'notes' | 'sizes' | 'brands' | 'interests') => ({
    value: fields[key],
    onChange: (e: { target: { value: string } }) => set(key, e.target.value),
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const patch = buildPatch({ customer, known, fields, defaultCountry });
    if (Object.keys(patch).length === 0) {
      setMessage('Nothing changed.');
      return;
    }
    const answer = await once.submit({ ...patch, expectedVersion: customer.version });
    if (answer.ok) onSaved(answer.value.customer);
  };

  const general =
    error !== null && formFields.every((f) => fieldError(error, f) === undefined)
      ? errorMessage(error)
      : null;

  return (
    <form className="stack" onSubmit={(e) => void submit(e)} data-testid="profile-form">
      <label>
        Name
        <input data-testid="profile-name" autoComplete="off" {...text('name')} />
      </label>
      <ErrorText message={fieldError(error, 'name')} />
      <div className="row">
        <ContactInput
          label="Phone"
          type="tel"
          testId="profile-phone"
          field={fields.phone}
          onFile={known === null ? mask.maskedPhone : (known.phone ?? null)}
          error={fieldError(error, 'phone')}
          onChange={(v) => set('phone', v)}
        />
        <ContactInput
          label="Email"
          type="email"
          testId="profile-email"
          field={fields.email}
          onFile={known === null ? mask.maskedEmail : (known.email ?? null)}
          error={fieldError(error, 'email')}
          onChange={(v) => set('email', v)}
        />
      </div>
      <AddressInputs
        address={fields.address}
        cleared={fields.addressCleared}
        onFile={mask.hasAddress}
        defaultCountry={defaultCountry}
        error={fieldError(error, 'address')}
        onChange={(address, cleared) => {
          setFields((current) => ({ ...current, address, addressCleared: cleared }));
          setMessage(null);
        }}
      />
      <ContactInput
        label="Birthday"
        type="date"
        field={fields.birthday}
        onFile={known?.birthday ?? (mask.hasBirthday ? 'on file' : null)}
        error={fieldError(error, 'birthday')}
        onChange={(v) => set('birthday', v)}
      />
      <fieldset>
        <legend>Preferences (comma-separated)</legend>
        <div className="row">
          <label>
            Sizes
            <input autoComplete="off" {...text('sizes')} />
          </label>
          <label>
            Brands
            <input autoComplete="off" {...text('brands')} />
          </label>
          <label>
            Interests
            <input autoComplete="off" {...text('interests')} />
          </label>
        </div>
        <ErrorText message={fieldError(error, 'preferences')} />
      </fieldset>
      <label>
        Notes
        <textarea rows={3} {...text('notes')} />
      </label>
      <ErrorText message={fieldError(error, 'notes')} />
      <ErrorText message={general} />
      {message !== null && <p className="note">{message}</p>}
      <div>
        <button type="submit" className="primary" disabled={busy} data-testid="save-profile">
          {busy ? 'Saving…' : 'Save changes'}
        </button>
      </div>
    </form>
  );
}
