import { stringify } from 'csv-stringify/sync';
import { usableForSending, type ConsentSendingPolicy } from '../../domain/consent-refresh.ts';
import { ok, type Result } from '../../domain/result.ts';
import { spreadsheetSafe } from '../../domain/spreadsheet-cell.ts';
import { selectSealedContacts } from '../../store/customer-contacts.ts';
import { selectSmsAudience, selectSuppressedSmsDigests } from '../../store/sms-audience.ts';
import { recordAudit } from '../platform/audit.ts';
import type { Actor, ServiceDeps } from '../platform/context.ts';
import { loadConsentPolicy } from '../customers/consent-refresh.ts';
import { openContacts } from '../customers/customer-records.ts';
import { segmentMemberIds } from '../segments/segment-audience.ts';
import { getCampaignSegment } from '../segments/segments.ts';

/**
 * The mobile numbers of a saved segment for an outside SMS tool (the shop sends no SMS
 * itself). Only customers whose latest SMS consent is given and usable for sending (not
 * stale unless the shop allows it), still active, with a phone number not on the SMS
 * suppression list. Personal data leaving the system: the caller needs campaign.manage
 * and customer.export, and the audit log records the count, never a number.
 */
export const smsExportColumns = ['customer_number', 'name', 'phone'] as const;

const pageSize = 500;

export type SmsExportLine = { number: string; name: string; phone: string };

/** One page of members made into the lines that may be exported. */
async function exportablePage(
  deps: ServiceDeps,
  policy: ConsentSendingPolicy,
  ids: string[],
): Promise<SmsExportLine[]> {
  const now = deps.now();
  const consenting = (await selectSmsAudience(deps.db, ids)).filter(
    (row) =>
      row.consent !== null && usableForSending({ channel: 'sms', ...row.consent }, policy, now),
  );
  const sealed = await selectSealedContacts(
    deps.db,
    consenting.map((row) => row.customerId),
  );
  const withPhone = consenting.flatMap((row) => {
    const phone = openContacts(deps.vault, sealed.get(row.customerId)).phone;
    return phone === null ? [] : [{ row, phone, digest: deps.vault.blindIndex('phone', phone) }];
  });
  const suppressed = await selectSuppressedSmsDigests(
    deps.db,
    withPhone.map((entry) => entry.digest),
  );
  return withPhone
    .filter((entry) => !suppressed.has(entry.digest.toString('hex')))
    .map(({ row, phone }) => ({ number: row.number, name: row.name, phone }));
}

/**
 * Checks the segment, then gives the CSV a page at a time. The audit entry is written
 * when the stream ends, also when it is cut short (complete: false), with the count sent.
 */
export async function exportSegmentSms({
  deps,
  actor,
  segmentId,
}: {
  deps: ServiceDeps;
  actor: Actor;
  segmentId: string;
}): Promise<Result<{ segmentName: string; csv: AsyncGenerator<string> }>> {
  const segment = await getCampaignSegment(deps, segmentId);
  if (!segment.ok) return segment;
  const { name } = segment.value;
  const policy = await loadConsentPolicy(deps.db);
  async function* csv(): AsyncGenerator<string> {
    let count = 0;
    let complete = false;
    try {
      yield stringify([], { header: true, columns: [...smsExportColumns] });
      for (let after: string | null = null; ;) {
        const ids = await segmentMemberIds(deps, { segmentId, after, limit: pageSize });
        if (!ids.ok) return;
        if (ids.value.length === 0) break;
        const lines = await exportablePage(deps, policy, ids.value);
        if (lines.length > 0) {
          yield stringify(
            lines.map((line) => [line.number, spreadsheetSafe(line.name), line.phone]),
          );
        }
        count += lines.length;
        if (ids.value.length < pageSize) break;
        after = ids.value[ids.value.length - 1]!;
      }
      complete = true;
    } finally {
      await recordAudit({
        db: deps.db,
        actor,
        entry: {
          action: 'segment.sms_exported',
          subjectType: 'segment',
          subjectId: segmentId,
          detail: { name, count, complete },
        },
      });
    }
  }
  return ok({ segmentName: name, csv: csv() });
}
