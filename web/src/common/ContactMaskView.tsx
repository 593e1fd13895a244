import type { ReactNode } from 'react';
import type { ContactMask } from '@contract/customers.ts';

const none = <span className="muted">none</span>;

/** Contact details as every role sees them: masked, or only whether they are on file. */
export function ContactMaskView({ mask }: { mask: ContactMask }) {
  const rows: [string, ReactNode][] = [
    ['Phone', mask.maskedPhone ?? none],
    ['Email', mask.maskedEmail ?? none],
    ['Address', mask.hasAddress ? 'on file' : none],
    ['Birthday', mask.hasBirthday ? 'on file' : none],
  ];
  return (
    <dl className="facts">
      {rows.map(([label, value]) => (
        <div key={label} className="fact">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
