import { consentAgeCutoff } from '../../domain/consent-refresh.ts';
import { monthDaysAhead } from '../../domain/insights/birthdays.ts';
import type { SegmentDefinition } from '../../domain/insights/segments.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import {
  criteriaOfListDefinition,
  isListDefinition,
} from '../../domain/segments/legacy-definitions.ts';
import type { SegmentCriteria } from '../../domain/segments/segment-criteria.ts';
import { validateSegmentCriteria } from '../../domain/segments/segment-validation.ts';
import { findGroup } from '../../store/customer-groups.ts';
import { findOutlet } from '../../store/outlets.ts';
import type { SegmentQuery } from '../../store/segment-members.ts';
import { loadConsentPolicy } from '../customers/consent-refresh.ts';
import type { ServiceDeps } from '../platform/context.ts';

/**
 * The criteria a stored definition stands for: a criteria object as saved from the
 * Segments page, or an Insights list filter saved before criteria existed (read as the
 * criteria picking the same customers).
 */
export function criteriaOfStored(stored: Record<string, unknown>): SegmentCriteria {
  if (isListDefinition(stored)) return criteriaOfListDefinition(stored as SegmentDefinition);
  const checked = validateSegmentCriteria(stored);
  // Stored definitions were validated when saved; one that no longer reads is a bug.
  if (!checked.ok) throw new Error(`Stored segment definition unreadable: ${checked.message}`);
  return checked.value;
}

/** Checks that the group and outlet a definition names exist. */
export async function checkReferences(
  deps: ServiceDeps,
  criteria: SegmentCriteria,
): Promise<Result<SegmentCriteria>> {
  if (criteria.groupId !== undefined && !(await findGroup(deps.db, criteria.groupId))) {
    return fail('group_not_found', `No group with id ${criteria.groupId}`, {
      field: 'definition.groupId',
    });
  }
  if (criteria.outletId !== undefined && !(await findOutlet(deps.db, criteria.outletId))) {
    return fail('outlet_not_found', `No outlet with id ${criteria.outletId}`, {
      field: 'definition.outletId',
    });
  }
  return ok(criteria);
}

/** Validates a definition received as JSON, references included. */
export async function checkDefinition(
  deps: ServiceDeps,
  input: unknown,
): Promise<Result<SegmentCriteria>> {
  const checked = validateSegmentCriteria(input);
  if (!checked.ok) return checked;
  return checkReferences(deps, checked.value);
}

/**
 * What the store needs to evaluate criteria today: the date, the birthday window as
 * keyed month-day digests hashed the way the index was written (no birthday in clear),
 * and for stale consent the shop's consent policy (the cut-off and current wordings).
 */
export async function segmentQuery(
  deps: ServiceDeps,
  criteria: SegmentCriteria,
): Promise<SegmentQuery> {
  const today = deps.now().toISOString().slice(0, 10);
  const birthdayDigests =
    criteria.birthdayDays === undefined
      ? []
      : monthDaysAhead(today, criteria.birthdayDays).map((day) =>
          deps.vault.blindIndex('birthday_md', day.monthDay),
        );
  if (criteria.emailConsent !== 'stale') return { criteria, today, birthdayDigests };
  const policy = await loadConsentPolicy(deps.db);
  return {
    criteria,
    today,
    birthdayDigests,
    staleConsent: {
      cutoff: consentAgeCutoff(deps.now(), policy.consentMaxAgeMonths),
      currentWordingIds: policy.currentWordingIds,
    },
  };
}
