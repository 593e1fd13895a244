import {
  validateSegmentDefinition,
  validateSegmentName,
  type SegmentDefinition,
} from '../../domain/insights/segments.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { isListDefinition } from '../../domain/segments/legacy-definitions.ts';
import {
  insertCustomerSegment,
  selectCustomerSegments,
  type CustomerSegmentRecord,
} from '../../store/customer-segments.ts';
import { newId } from '../../store/ids.ts';
import { findOutlet } from '../../store/outlets.ts';
import { inTransaction } from '../../store/transaction.ts';
import { recordAudit } from '../platform/audit.ts';
import { actorColumns, type Actor, type ServiceDeps } from '../platform/context.ts';

export type SegmentView = {
  id: string;
  name: string;
  definition: SegmentDefinition;
  createdAt: string;
};

const toView = (record: CustomerSegmentRecord): SegmentView => ({
  id: record.id,
  name: record.name,
  definition: record.definition as SegmentDefinition,
  createdAt: record.createdAt.toISOString(),
});

/**
 * Saves one Insights list's filter under a name, for campaigns. Only the definition is
 * stored; who is in it is worked out each time it is used (evaluateSegment), so a
 * customer who objects to profiling later is never in a stored audience.
 */
export async function saveSegment({
  deps,
  actor,
  input,
}: {
  deps: ServiceDeps;
  actor: Actor;
  input: { name: string; definition: Parameters<typeof validateSegmentDefinition>[0] };
}): Promise<Result<SegmentView>> {
  const name = validateSegmentName(input.name);
  if (!name.ok) return name;
  const definition = validateSegmentDefinition(input.definition);
  if (!definition.ok) return definition;
  const outletId = definition.value.outletId;
  if (outletId !== null && !(await findOutlet(deps.db, outletId))) {
    return fail('outlet_not_found', `No outlet with id ${outletId}`, {
      field: 'definition.outletId',
    });
  }
  const record: CustomerSegmentRecord = {
    id: newId(deps.now().getTime()),
    name: name.value,
    definition: definition.value,
    createdByStaffId: actorColumns(actor).actorStaffId,
    createdAt: deps.now(),
  };
  return inTransaction(deps.db, async (trx) => {
    if (!(await insertCustomerSegment(trx, record))) {
      return fail('segment_name_taken', 'Another segment has that name', { field: 'name' });
    }
    await recordAudit({
      db: trx,
      actor,
      entry: {
        action: 'insights.segment_saved',
        subjectType: 'segment',
        subjectId: record.id,
        detail: { name: record.name, definition: definition.value },
      },
    });
    return ok(toView(record));
  });
}

/**
 * The segments saved from the Insights page (one list's filter each). Segments built
 * from criteria on the Segments page are not lists, so they are left out here.
 */
export async function listSegments(deps: ServiceDeps): Promise<SegmentView[]> {
  return (await selectCustomerSegments(deps.db))
    .filter((record) => isListDefinition(record.definition))
    .map(toView);
}
