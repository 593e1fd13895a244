import { validateGroup, type GroupInput } from '../../domain/customer-groups.ts';
import { fail, invalid, ok, type Result } from '../../domain/result.ts';
import {
  addGroupMember,
  findGroup,
  recomputeRuleGroup,
  removeGroupMember,
  selectGroupMemberIds,
  selectGroups,
  upsertGroup,
  type CustomerGroupRecord,
} from '../../store/customer-groups.ts';
import { findCustomerById, selectCustomersByIds } from '../../store/customers.ts';
import { newId } from '../../store/ids.ts';
import { inTransaction, isUniqueViolation } from '../../store/transaction.ts';
import { recordAudit } from '../platform/audit.ts';
import type { Actor, ServiceDeps } from '../platform/context.ts';

export async function listGroups(deps: ServiceDeps): Promise<CustomerGroupRecord[]> {
  return selectGroups(deps.db);
}

export async function saveGroup({
  deps,
  actor,
  input,
}: {
  deps: ServiceDeps;
  actor: Actor;
  input: GroupInput & { id?: string; active?: boolean };
}): Promise<Result<CustomerGroupRecord>> {
  const group = validateGroup(input);
  if (!group.ok) return group;
  const existing = input.id ? await findGroup(deps.db, input.id) : undefined;
  if (input.id && !existing) return fail('group_not_found', 'No group with that id');
  if (existing && existing.kind !== group.value.kind) {
    return invalid('kind', 'a group cannot change between manual and rule-based');
  }
  const id = input.id ?? newId();
  try {
    await upsertGroup(deps.db, { ...group.value, id, active: input.active ?? true });
  } catch (error) {
    if (isUniqueViolation(error)) {
      return fail('group_name_taken', 'Another group has that name', { field: 'name' });
    }
    throw error;
  }
  await recordAudit({
    db: deps.db,
    actor,
    entry: {
      action: 'group.saved',
      detail: { id, name: group.value.name, discountBp: group.value.discountBp },
    },
  });
  if (group.value.kind === 'rule') await recomputeGroups(deps, [id]);
  return ok((await findGroup(deps.db, id))!);
}

/** Adds or removes a customer by hand; rule groups are kept by their rule only. */
export async function setGroupMembership({
  deps,
  actor,
  groupId,
  customerId,
  member,
}: {
  deps: ServiceDeps;
  actor: Actor;
  groupId: string;
  customerId: string;
  member: boolean;
}): Promise<Result<CustomerGroupRecord>> {
  const group = await findGroup(deps.db, groupId);
  if (!group) return fail('group_not_found', 'No group with that id');
  if (group.kind !== 'manual') {
    return invalid(
      'groupId',
      'members of a rule-based group follow its rule; they are not added by hand',
    );
  }
  const customer = await findCustomerById(deps.db, customerId);
  if (customer?.status !== 'active')
    return fail('customer_not_found', 'No active customer with that id');
  if (member) await addGroupMember(deps.db, groupId, customerId, deps.now());
  else await removeGroupMember(deps.db, groupId, customerId);
  await recordAudit({
    db: deps.db,
    actor,
    entry: {
      action: member ? 'group.member_added' : 'group.member_removed',
      subjectType: 'customer',
      subjectId: customerId,
      detail: { groupId, group: group.name },
    },
  });
  return ok((await findGroup(deps.db, groupId))!);
}

export async function groupMembers(
  deps: ServiceDeps,
  groupId: string,
): Promise<Result<{ id: string; number: string; name: string }[]>> {
  if (!(await findGroup(deps.db, groupId))) return fail('group_not_found', 'No group with that id');
  const ids = await selectGroupMemberIds(deps.db, groupId, 200);
  const customers = await selectCustomersByIds(deps.db, ids);
  return ok(customers.map((c) => ({ id: c.id, number: c.number, name: c.name })));
}

/**
 * Brings rule-based groups up to date (all, or those named): the server does it nightly,
 * and `clientele groups recompute` on demand. Each group changes in one transaction.
 */
export async function recomputeGroups(
  deps: ServiceDeps,
  ids?: string[],
): Promise<{ group: string; joined: number; left: number }[]> {
  const groups = (await selectGroups(deps.db)).filter(
    (group) =>
      group.kind === 'rule' && group.active && group.rule && (!ids || ids.includes(group.id)),
  );
  const results: { group: string; joined: number; left: number }[] = [];
  for (const group of groups) {
    const changed = await inTransaction(deps.db, async (trx) =>
      ok(await recomputeRuleGroup(trx, { id: group.id, rule: group.rule! }, deps.now())),
    );
    if (changed.ok) results.push({ group: group.name, ...changed.value });
  }
  return results;
}
