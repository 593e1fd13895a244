import { validateSegmentName } from '../../domain/insights/segments.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { isListDefinition } from '../../domain/segments/legacy-definitions.ts';
import type { SegmentCriteria } from '../../domain/segments/segment-criteria.ts';
import {
  deleteCustomerSegment,
  findCustomerSegment,
  insertCustomerSegment,
  selectCustomerSegments,
  updateCustomerSegment,
  type CustomerSegmentRecord,
} from '../../store/customer-segments.ts';
import { newId } from '../../store/ids.ts';
import { inTransaction } from '../../store/transaction.ts';
import { recordAudit } from '../platform/audit.ts';
import { actorColumns, type Actor, type ServiceDeps } from '../platform/context.ts';
import { checkDefinition, criteriaOfStored } from './segment-query.ts';

/**
 * Campaign segments: named criteria, saved by marketers (group.manage). Segments saved
 * from the Insights page (one list's filter) are listed too, read as criteria; saving a
 * new definition over one stores criteria from then on.
 */
export type SegmentView = {
  id: string;
  name: string;
  definition: SegmentCriteria;
  /** 'insights_list' for a filter saved from the Insights page, kept as it was. */
  source: 'criteria' | 'insights_list';
  createdAt: string;
};

const toView = (record: CustomerSegmentRecord): SegmentView => ({
  id: record.id,
  name: record.name,
  definition: criteriaOfStored(record.definition),
  source: isListDefinition(record.definition) ? 'insights_list' : 'criteria',
  createdAt: record.createdAt.toISOString(),
});

const notFound = () => fail('not_found', 'No segment with that id');
const nameTaken = () =>
  fail('segment_name_taken', 'Another segment has that name', { field: 'name' });

export async function listCampaignSegments(deps: ServiceDeps): Promise<SegmentView[]> {
  return (await selectCustomerSegments(deps.db)).map(toView);
}

export async function getCampaignSegment(
  deps: ServiceDeps,
  id: string,
): Promise<Result<SegmentView>> {
  const record = await findCustomerSegment(deps.db, id);
  return record ? ok(toView(record)) : notFound();
}

export async function createCampaignSegment({
  deps,
  actor,
  input,
}: {
  deps: ServiceDeps;
  actor: Actor;
  input: { name: string; definition: unknown };
}): Promise<Result<SegmentView>> {
  const name = validateSegmentName(input.name);
  if (!name.ok) return name;
  const definition = await checkDefinition(deps, input.definition);
  if (!definition.ok) return definition;
  const record: CustomerSegmentRecord = {
    id: newId(deps.now().getTime()),
    name: name.value,
    definition: definition.value,
    createdByStaffId: actorColumns(actor).actorStaffId,
    createdAt: deps.now(),
  };
  return inTransaction(deps.db, async (trx) => {
    if (!(await insertCustomerSegment(trx, record))) return nameTaken();
    await recordAudit({
      db: trx,
      actor,
      entry: {
        action: 'segment.saved',
        subjectType: 'segment',
        subjectId: record.id,
        detail: { name: record.name, definition: definition.value },
      },
    });
    return ok(toView(record));
  });
}

/** Renames a segment and/or replaces its criteria (at least one of the two). */
export async function updateCampaignSegment({
  deps,
  actor,
  id,
  input,
}: {
  deps: ServiceDeps;
  actor: Actor;
  id: string;
  input: { name?: string; definition?: unknown };
}): Promise<Result<SegmentView>> {
  const name = input.name === undefined ? undefined : validateSegmentName(input.name);
  if (name && !name.ok) return name;
  const definition =
    input.definition === undefined ? undefined : await checkDefinition(deps, input.definition);
  if (definition && !definition.ok) return definition;
  if (!name && !definition) {
    return fail('validation_failed', 'Give a new name or definition', { field: 'name' });
  }
  return inTransaction(deps.db, async (trx) => {
    const change = {
      ...(name ? { name: name.value } : {}),
      ...(definition ? { definition: definition.value } : {}),
    };
    const outcome = await updateCustomerSegment(trx, id, change);
    if (outcome === 'missing') return notFound();
    if (outcome === 'name_taken') return nameTaken();
    await recordAudit({
      db: trx,
      actor,
      entry: { action: 'segment.updated', subjectType: 'segment', subjectId: id, detail: change },
    });
    const record = await findCustomerSegment(trx, id);
    return record ? ok(toView(record)) : notFound();
  });
}

/**
 * Deletes a segment nothing refers to: one a campaign was made from is refused
 * (segment_in_use), so a campaign always names the criteria it was sent to.
 */
export async function deleteCampaignSegment({
  deps,
  actor,
  id,
}: {
  deps: ServiceDeps;
  actor: Actor;
  id: string;
}): Promise<Result<{ id: string }>> {
  return inTransaction(deps.db, async (trx) => {
    const record = await findCustomerSegment(trx, id);
    if (!record) return notFound();
    const outcome = await deleteCustomerSegment(trx, id);
    if (outcome === 'missing') return notFound();
    if (outcome === 'in_use') {
      return fail(
        'segment_in_use',
        'A campaign was made from this segment; it stays while the campaign does',
      );
    }
    await recordAudit({
      db: trx,
      actor,
      entry: {
        action: 'segment.deleted',
        subjectType: 'segment',
        subjectId: id,
        detail: { name: record.name },
      },
    });
    return ok({ id });
  });
}
