import { ErrorText } from '../common/ErrorText.tsx';
import type { AddressFields, ContactText } from './profile-patch.ts';

type ContactProps = {
  label: string;
  type: 'tel' | 'email' | 'date';
  field: ContactText;
  /** What is on file as far as this screen knows: a mask, "on file", or nothing. */
  onFile: string | null;
  error: string | undefined;
  onChange: (field: ContactText) => void;
  testId?: string;
};

/**
 * A contact field whose stored value is usually hidden: blank means "leave as it is", so
 * removing it takes an explicit Clear.
 */
export function ContactInput({
  label,
  type,
  field,
  onFile,
  error,
  onChange,
  testId,
}: ContactProps) {
  return (
    <div className="contact-input">
      <label>
        {label}
        {onFile !== null && !field.cleared && <span className="muted"> (on file: {onFile})</span>}
        <input
          type={type}
          data-testid={testId}
          autoComplete="off"
          disabled={field.cleared}
          placeholder={onFile !== null ? 'Type to replace' : ''}
          value={field.value}
          onChange={(e) => onChange({ value: e.target.value, cleared: false })}
        />
      </label>
      {field.cleared ? (
        <span className="cleared">
          Will be removed on save{' '}
          <button type="button" onClick={() => onChange({ value: '', cleared: false })}>
            Undo
          </button>
        </span>
      ) : (
        (onFile !== null || field.value !== '') && (
          <button type="button" onClick={() => onChange({ value: '', cleared: true })}>
            Clear
          </button>
        )
      )}
      <ErrorText message={error} />
    </div>
  );
}

type AddressProps = {
  address: AddressFields;
  cleared: boolean;
  onFile: boolean;
  defaultCountry: string;
  error: string | undefined;
  onChange: (address: AddressFields, cleared: boolean) => void;
};

const lines: [keyof AddressFields, string][] = [
  ['line1', 'Address line 1'],
  ['line2', 'Address line 2'],
  ['city', 'City'],
  ['postcode', 'Postcode'],
  ['country', 'Country'],
];

export function AddressInputs(props: AddressProps) {
  const { address, cleared, onFile, defaultCountry, error, onChange } = props;
  const anyText = Object.values(address).some((v) => v !== '');
  return (
    <fieldset className="address">
      <legend>
        Address{onFile && !cleared && <span className="muted"> (on file — type to replace)</span>}
      </legend>
      {lines.map(([key, label]) => (
        <label key={key}>
          {label}
          <input
            autoComplete="off"
            disabled={cleared}
            placeholder={key === 'country' ? defaultCountry : ''}
            maxLength={key === 'country' ? 2 : undefined}
            value={address[key]}
            onChange={(e) => onChange({ ...address, [key]: e.target.value }, false)}
          />
        </label>
      ))}
      {cleared ? (
        <span className="cleared">
          Address will be removed on save{' '}
          <button type="button" onClick={() => onChange(address, false)}>
            Undo
          </button>
        </span>
      ) : (
        (onFile || anyText) && (
          <button
            type="button"
            onClick={() =>
              onChange({ line1: '', line2: '', city: '', postcode: '', country: '' }, true)
            }
          >
            Clear address
          </button>
        )
      )}
      <ErrorText message={error} />
    </fieldset>
  );
}
