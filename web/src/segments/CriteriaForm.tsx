import { maxBirthdayDays } from '@domain/insights/birthdays.ts';
import { segmentNames } from '@domain/insights/rfm.ts';
import type { ReactNode } from 'react';
import type { SegmentChoices } from '@contract/segments.ts';
import type { SegmentFields } from './segment-fields.ts';

export type Option = { id: string; name: string };

type Props = {
  fields: SegmentFields;
  onChange: (fields: SegmentFields) => void;
  groups: Option[];
  outlets: Option[];
  /** The catalogue's categories and brands, suggested as the "bought" boxes are typed in. */
  bought: SegmentChoices;
  currency: string;
  disabled: boolean;
};

/**
 * The criteria, all optional, all must hold. Grouped as a marketer thinks of them: who
 * they are (group, outlet, consent), how they shop (insights), what they bought. Blank or
 * "Any" leaves a criterion out.
 */
export function CriteriaForm(props: Props) {
  const { fields, onChange, groups, outlets, bought, currency, disabled } = props;
  const set = <K extends keyof SegmentFields>(key: K, value: SegmentFields[K]) =>
    onChange({ ...fields, [key]: value });
  const text = (key: keyof SegmentFields, extra: Record<string, unknown> = {}) => ({
    'data-testid': `segment-${key}`,
    value: fields[key],
    disabled,
    autoComplete: 'off',
    onChange: (event: { target: { value: string } }) =>
      set(key, event.target.value as SegmentFields[typeof key]),
    ...extra,
  });
  const field = (label: string, control: ReactNode) => (
    <label className="segment-field">
      {label}
      {control}
    </label>
  );
  const choice = (key: keyof SegmentFields, options: Option[]) => (
    <select {...text(key)}>
      <option value="">Any</option>
      {options.map((option) => (
        <option key={option.id} value={option.id}>
          {option.name}
        </option>
      ))}
    </select>
  );
  const whole = { inputMode: 'numeric' as const, placeholder: 'any' };
  const money = { inputMode: 'decimal' as const, placeholder: `any (${currency})` };

  return (
    <div className="segment-criteria">
      <fieldset>
        <legend>Who</legend>
        {field('Group or tier', choice('groupId', groups))}
        {field('Outlet', choice('outletId', outlets))}
        {field(
          'Email consent',
          choice('emailConsent', [
            { id: 'granted', name: 'Granted (latest record)' },
            { id: 'stale', name: 'Stale (to re-confirm)' },
            { id: 'withdrawn', name: 'Withdrawn' },
            { id: 'none', name: 'Never asked' },
          ]),
        )}
      </fieldset>
      <fieldset>
        <legend>Insights</legend>
        {field(
          'RFM segment',
          choice(
            'rfmSegment',
            segmentNames.map((name) => ({ id: name, name })),
          ),
        )}
        {field(
          'Lapsed',
          choice('lapsed', [
            { id: 'yes', name: 'Lapsed only' },
            { id: 'no', name: 'Not lapsed' },
          ]),
        )}
        {field(
          'Top value %',
          <input {...text('topPercent', { ...whole, placeholder: '1–100' })} />,
        )}
        {field(
          'Birthday within (days)',
          <input {...text('birthdayDays', { ...whole, placeholder: `1–${maxBirthdayDays}` })} />,
        )}
      </fieldset>
      <fieldset>
        <legend>Last 12 months</legend>
        <div className="segment-pair">
          {field('Spend from', <input {...text('spendMin', money)} />)}
          {field('to', <input {...text('spendMax', money)} />)}
        </div>
        <div className="segment-pair">
          {field('Visits from', <input {...text('visitsMin', whole)} />)}
          {field('to', <input {...text('visitsMax', whole)} />)}
        </div>
      </fieldset>
      <fieldset>
        <legend>Last visit</legend>
        {field('After', <input type="date" {...text('lastVisitAfter')} />)}
        {field('Before', <input type="date" {...text('lastVisitBefore')} />)}
        {field('Within (days)', <input {...text('lastVisitWithinDays', whole)} />)}
      </fieldset>
      <fieldset>
        <legend>Bought</legend>
        {field(
          'Category',
          <input
            maxLength={80}
            {...text('boughtCategory', { placeholder: 'any', list: 'segment-categories' })}
          />,
        )}
        {field(
          'Brand',
          <input
            maxLength={80}
            {...text('boughtBrand', { placeholder: 'any', list: 'segment-brands' })}
          />,
        )}
        <datalist id="segment-categories">
          {bought.categories.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <datalist id="segment-brands">
          {bought.brands.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      </fieldset>
    </div>
  );
}
