import { useCan } from '../session.ts';
import { segmentsApi } from './segments-api.ts';

/**
 * Downloads the saved segment's consenting mobile numbers as CSV for an outside SMS tool
 * (the shop sends no SMS itself). Numbers leave the system, so it is offered only to a
 * role that both runs campaigns and exports customers; the server checks again and
 * writes each download to the audit log.
 */
export function SmsExportLink({ segmentId }: { segmentId: string }) {
  const can = useCan();
  if (!can('campaign.manage') || !can('customer.export')) return null;
  return (
    <p className="row">
      <a
        className="button"
        href={segmentsApi.smsExportUrl(segmentId)}
        download
        data-testid="segment-sms-export"
      >
        Download SMS list (CSV)
      </a>
      <span className="muted small">
        Customers with SMS consent that is current and a mobile number, for an outside SMS tool.
      </span>
    </p>
  );
}
