import { ok, type Result } from '../../domain/result.ts';
import {
  countSegment,
  previewSegment,
  segmentCustomerIds,
  type SegmentPreviewRow,
} from '../../store/segment-members.ts';
import { selectBoughtChoices } from '../../store/segment-choices.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { getCampaignSegment } from './segments.ts';
import { checkDefinition, segmentQuery } from './segment-query.ts';

/**
 * Who a segment reaches, worked out now: a live count of a definition not yet saved, and
 * a saved one's members by name and customer number (no contact details: marketers see
 * these lists, and must not see addresses).
 */
export async function countDefinition(
  deps: ServiceDeps,
  definition: unknown,
): Promise<Result<{ count: number }>> {
  const criteria = await checkDefinition(deps, definition);
  if (!criteria.ok) return criteria;
  return ok({ count: await countSegment(deps.db, await segmentQuery(deps, criteria.value)) });
}

/** The catalogue's categories and brands, for the form's "bought" criteria. */
export function boughtChoices(deps: ServiceDeps) {
  return selectBoughtChoices(deps.db);
}

export type SegmentPreview = {
  items: SegmentPreviewRow[];
  total: number;
  page: number;
  pageSize: number;
};

export async function previewSavedSegment(
  deps: ServiceDeps,
  input: { id: string; page: number; pageSize: number },
): Promise<Result<SegmentPreview>> {
  const segment = await getCampaignSegment(deps, input.id);
  if (!segment.ok) return segment;
  const query = await segmentQuery(deps, segment.value.definition);
  const [items, total] = await Promise.all([
    previewSegment(deps.db, query, {
      limit: input.pageSize,
      offset: (input.page - 1) * input.pageSize,
    }),
    countSegment(deps.db, query),
  ]);
  return ok({ items, total, page: input.page, pageSize: input.pageSize });
}

/**
 * For campaigns: a saved segment's customer ids now, in id order, `limit` at a time after
 * the last id seen (start with `after: null`; stop when fewer than `limit` come back).
 * Erased, merged-away customers, and objectors where a criterion profiles, are never
 * returned. Consent is one of the criteria a segment may hold, but the sender must still
 * check each recipient's latest consent and the suppression list when it sends.
 */
export async function segmentMemberIds(
  deps: ServiceDeps,
  input: { segmentId: string; after: string | null; limit: number },
): Promise<Result<string[]>> {
  const segment = await getCampaignSegment(deps, input.segmentId);
  if (!segment.ok) return segment;
  return ok(
    await segmentCustomerIds(deps.db, await segmentQuery(deps, segment.value.definition), {
      after: input.after,
      limit: input.limit,
    }),
  );
}
