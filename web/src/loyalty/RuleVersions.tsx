import { formatDateTime } from '../common/format.ts';
import { describeRules } from './rules-words.ts';
import type { EffectiveLoyaltyRules } from '@contract/loyalty.ts';

type Props = {
  versions: readonly EffectiveLoyaltyRules[];
  currentVersion: number | null;
  currency: string;
};

/** Every version of the rules, newest first: which is in force, which is still to come. */
export function RuleVersions({ versions, currentVersion, currency }: Props) {
  if (versions.length === 0) {
    return (
      <p className="muted">No rules yet: the programme is off until the first version is saved.</p>
    );
  }
  // The version in force now started last of all that have started: any later start is to come.
  const current = versions.find((version) => version.version === currentVersion);
  const started = current === undefined ? null : new Date(current.effectiveFrom).getTime();
  const newestFirst = [...versions].sort((a, b) => b.version - a.version);
  return (
    <table className="table compact" data-testid="rules-versions">
      <thead>
        <tr>
          <th className="num">Version</th>
          <th>In force from</th>
          <th>Rules</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {newestFirst.map((version) => {
          const status =
            version.version === currentVersion ? (
              <span className="badge ok">in force</span>
            ) : started === null || new Date(version.effectiveFrom).getTime() > started ? (
              <span className="badge warn">scheduled</span>
            ) : (
              <span className="badge">earlier</span>
            );
          return (
            <tr key={version.version} data-testid="rules-version">
              <td className="num">{version.version}</td>
              <td className="nowrap">{formatDateTime(version.effectiveFrom)}</td>
              <td>{describeRules(version.rules, currency)}</td>
              <td>{status}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
