import type { SignInRegister } from '@contract/shop.ts';
import { byOutlet } from './registers.ts';

type Props = {
  registers: readonly SignInRegister[] | null;
  value: string;
  onChange: (registerId: string) => void;
  testId: string;
};

/** Which till this is: the registers under their outlets. */
export function RegisterSelect({ registers, value, onChange, testId }: Props) {
  return (
    <label>
      Register
      <select
        data-testid={testId}
        required
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">{registers === null ? 'Loading…' : 'Choose a register'}</option>
        {byOutlet(registers ?? []).map(([outlet, list]) => (
          <optgroup key={outlet} label={outlet}>
            {list.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </label>
  );
}
