import { useCallback } from 'react';
import { api } from '../api.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { useLoad } from '../common/use-load.ts';
import { useCan } from '../session.ts';
import { ApiKeysSection } from './ApiKeysSection.tsx';
import { NewStaffForm } from './NewStaffForm.tsx';
import { StaffRow } from './StaffRow.tsx';

/** Staff accounts and roles (F20); API keys for integrations when the role may manage them. */
export function StaffScreen() {
  const can = useCan();
  const loader = useCallback(() => api.staff().then((answer) => answer.staff), []);
  const staff = useLoad(loader);

  return (
    <div className="stack">
      <h1>Staff</h1>
      <ErrorText message={staff.error} />
      <table className="table" data-testid="staff-table">
        <thead>
          <tr>
            <th>Username</th>
            <th>Name</th>
            <th>Role</th>
            <th>Active</th>
            <th>Signs in with</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {staff.data?.map((member) => (
            <StaffRow key={member.id} member={member} onSaved={staff.reload} />
          ))}
        </tbody>
      </table>
      <NewStaffForm onCreated={staff.reload} />
      {can('apikey.manage') && <ApiKeysSection />}
    </div>
  );
}
