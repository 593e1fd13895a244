import type { SegmentDefinition } from '../../domain/insights/segments.ts';
import { ok, type Result } from '../../domain/result.ts';
import { spreadsheetSafe } from '../../domain/spreadsheet-cell.ts';
import type { BirthdayRow } from '../../store/birthday-lookups.ts';
import type { InsightListRow } from '../../store/insight-lists.ts';
import { recordAudit } from '../platform/audit.ts';
import type { Actor, ServiceDeps } from '../platform/context.ts';
import { evaluateSegment } from './insights-lists.ts';

/** Rows read per page while a list is written out. */
const exportPage = 5_000;

/**
 * A cell as spreadsheets read it safely: quoted when needed, and formula-like text made
 * text (spreadsheetSafe), so a customer named "=HYPERLINK(…)" cannot run on the marketer's PC.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = typeof value === 'string' ? spreadsheetSafe(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const line = (cells: (string | number | null)[]) => cells.map(csvCell).join(',') + '\r\n';

const listHeader = [
  'number',
  'name',
  'segment',
  'last_purchase_on',
  'visits_12m',
  'spend_12m_minor',
  'value_12m_minor',
  'value_at_risk_minor',
  'p_alive',
];
const listLine = (row: InsightListRow) =>
  line([
    row.number,
    row.name,
    row.segment,
    row.lastPurchaseOn,
    row.visits12m,
    row.spend12m,
    row.value12m,
    row.valueAtRisk,
    row.pAlive === null ? null : Number(row.pAlive.toFixed(4)),
  ]);
const birthdayLine = (row: BirthdayRow) => line([row.number, row.name, row.on]);

/**
 * One Insights list as CSV: names and customer numbers with their scores, never a
 * contact detail. It is still personal data leaving the system, so the route asks for
 * customer.export and each file has an audit entry saying which list, filter and rows.
 */
export async function exportInsightList({
  deps,
  actor,
  definition,
}: {
  deps: ServiceDeps;
  actor: Actor;
  definition: SegmentDefinition;
}): Promise<Result<string>> {
  const birthdays = definition.list === 'birthdays';
  let csv = birthdays ? line(['number', 'name', 'birthday_on']) : line(listHeader);
  let rows = 0;
  for (let page = 1; ; page += 1) {
    const found = await evaluateSegment(deps, definition, { page, pageSize: exportPage });
    if (!found.ok) return found;
    for (const row of found.value.items as (InsightListRow | BirthdayRow)[]) {
      csv += 'on' in row ? birthdayLine(row) : listLine(row);
    }
    rows += found.value.items.length;
    if (found.value.items.length < exportPage) break;
  }
  await recordAudit({
    db: deps.db,
    actor,
    entry: {
      action: 'insights.list_exported',
      subjectType: 'insights',
      detail: { ...definition, rows },
    },
  });
  return ok(csv);
}
