import { formatDateTime } from '../common/format.ts';
import { describeGroupRule, groupBenefits } from '../common/loyalty-format.ts';
import type { Group } from '@contract/customers.ts';
import { groupHref, navigate } from '../router.ts';

type Props = { groups: readonly Group[]; currency: string };

/** The groups: who is in them, what they get; click a row to see the members. */
export function GroupTable({ groups, currency }: Props) {
  return (
    <table className="table" data-testid="group-list">
      <thead>
        <tr>
          <th>Name</th>
          <th>Members join</th>
          <th>Members get</th>
          <th className="num">Members</th>
          <th>Brought up to date</th>
        </tr>
      </thead>
      <tbody>
        {groups.map((group) => (
          <tr
            key={group.id}
            className={group.active ? 'clickable' : 'clickable inactive'}
            data-testid="group-row"
            onClick={() => navigate(groupHref(group.id))}
          >
            <td>
              <a href={groupHref(group.id)}>{group.name}</a>
              {!group.active && <span className="badge"> inactive</span>}
            </td>
            <td>{describeGroupRule(group.rule, currency)}</td>
            <td>{groupBenefits(group)}</td>
            <td className="num">{group.members}</td>
            <td className="nowrap">
              {group.kind === 'rule' ? formatDateTime(group.recomputedAt) : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
