import { roles } from '@domain/permissions.ts';
import type { Role } from '@contract/staff.ts';

type Props = { value: Role; onChange: (role: Role) => void; label?: string };

export function RoleSelect({ value, onChange, label = 'Role' }: Props) {
  return (
    <select
      aria-label={label}
      value={value}
      onChange={(e) => {
        const role = roles.find((r) => r === e.target.value);
        if (role !== undefined) onChange(role);
      }}
    >
      {roles.map((role) => (
        <option key={role} value={role}>
          {role}
        </option>
      ))}
    </select>
  );
}
