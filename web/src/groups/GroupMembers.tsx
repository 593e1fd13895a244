import { useCallback, useState } from 'react';
import { errorMessage } from '../api-error.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { useLoad } from '../common/use-load.ts';
import { loyaltyApi } from '../loyalty-api.ts';
import type { Group } from '@contract/customers.ts';
import { customerHref } from '../router.ts';
import { useCan } from '../session.ts';
import { AddMemberForm } from './AddMemberForm.tsx';

type Props = { group: Group; onChanged: () => void };

/** Who is in the group; a manual group's members are added and taken out here. */
export function GroupMembers({ group, onChanged }: Props) {
  const can = useCan();
  const loader = useCallback(() => loyaltyApi.members(group.id), [group.id]);
  const loaded = useLoad(loader);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const editable = group.kind === 'manual' && can('group.manage');
  const changed = (message: string) => {
    setNote(message);
    setError(null);
    loaded.reload();
    onChanged();
  };
  const remove = (member: { id: string; name: string }) => {
    loyaltyApi
      .setMember(group.id, member.id, false)
      .then(() => changed(`${member.name} taken out of the group.`))
      .catch((err: unknown) => setError(errorMessage(err)));
  };
  const members = loaded.data?.members ?? null;
  return (
    <section className="panel stack" data-testid="group-members">
      <h2>Members</h2>
      {group.kind === 'rule' && (
        <p className="muted">Members join and leave by the rule; nobody is added by hand.</p>
      )}
      {note !== null && (
        <p className="note" role="status" data-testid="group-members-note">
          {note}
        </p>
      )}
      <ErrorText message={loaded.error ?? error} testId="group-members-error" />
      {members !== null &&
        (members.length === 0 ? (
          <p className="muted">No members yet.</p>
        ) : (
          <table className="table compact" data-testid="group-member-list">
            <thead>
              <tr>
                <th>Customer no.</th>
                <th>Name</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {members.map((member) => (
                <tr key={member.id} data-testid="group-member">
                  <td className="mono">{member.number}</td>
                  <td>
                    <a href={customerHref(member.id)}>{member.name}</a>
                  </td>
                  <td>
                    {editable && (
                      <button
                        type="button"
                        className="link-button"
                        data-testid="group-member-remove"
                        onClick={() => remove(member)}
                      >
                        Take out
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      {editable && <AddMemberForm groupId={group.id} onAdded={changed} />}
    </section>
  );
}
