import { normaliseEmail } from '../../domain/contact-details.ts';
import type { Receipt } from '../../domain/receipts.ts';
import { formatReceiptText } from '../../domain/receipt-text.ts';
import { fail, invalid, ok, type Result } from '../../domain/result.ts';
import { findSealedContacts } from '../../store/customer-contacts.ts';
import { recordAudit } from '../platform/audit.ts';
import type { Actor, ServiceDeps } from '../platform/context.ts';
import { openContacts } from '../customers/customer-records.ts';
import { MailError, type MailAttachment, type Mailer } from '../platform/mailer.ts';
import { saleNumberPng } from './receipt-barcode.ts';
import { renderReceiptHtml } from './receipt-html.ts';
import { renderReceiptPdf } from './receipt-pdf.ts';
import { receiptForSale } from './receipts.ts';

const barcodeCid = 'sale-barcode@clientele';

/** Where the receipt goes: the address staff typed, or the customer's own on file. */
async function recipientOf(
  deps: ServiceDeps,
  customerId: string | null,
  to: string | undefined,
): Promise<Result<string>> {
  if (to !== undefined) return normaliseEmail(to, 'to');
  if (!customerId) return invalid('to', 'to is required: the sale has no customer');
  const contacts = openContacts(deps.vault, await findSealedContacts(deps.db, customerId));
  if (!contacts.email) {
    return fail(
      'customer_has_no_email',
      'The customer has no email address on file; ask for one and send it in `to`',
      { field: 'to' },
    );
  }
  return ok(contacts.email);
}

async function messageParts(
  receipt: Receipt,
): Promise<{ html: string; text: string; attachments: MailAttachment[] }> {
  const stem = `${receipt.title === 'REFUND' ? 'refund' : 'receipt'}-${receipt.number}`;
  const attachments: MailAttachment[] = [
    {
      filename: `${stem}.pdf`,
      content: await renderReceiptPdf(receipt),
      contentType: 'application/pdf',
    },
  ];
  const barcode = await saleNumberPng(receipt.number);
  if (barcode) {
    attachments.push({
      filename: 'barcode.png',
      content: barcode,
      contentType: 'image/png',
      contentId: barcodeCid,
    });
  }
  return {
    html: renderReceiptHtml(receipt, barcode ? { barcodeImageSrc: `cid:${barcodeCid}` } : {}),
    text: formatReceiptText(receipt),
    attachments,
  };
}

/**
 * Emails a sale's receipt (HTML body, PDF attached) to `to` or to the customer's email.
 * A receipt is a transactional message, so it needs no marketing consent. The audit
 * entry names the sale, never the address: personal data stays out of the audit log.
 */
export async function sendEReceipt({
  deps,
  mailer,
  actor,
  saleId,
  to,
}: {
  deps: ServiceDeps;
  mailer: Mailer | null;
  actor: Actor;
  saleId: string;
  to?: string;
}): Promise<Result<{ sent: true }>> {
  if (!mailer) {
    return fail(
      'mail_not_configured',
      'E-receipts are not set up on this server: set SMTP_HOST and SMTP_FROM (see the README)',
    );
  }
  const found = await receiptForSale(deps, saleId);
  if (!found.ok) return found;
  const { receipt, sale } = found.value;
  const recipient = await recipientOf(deps, sale.customer?.id ?? null, to);
  if (!recipient.ok) return recipient;

  const shopName = receipt.header[0] ?? 'Clientele';
  const what = receipt.title === 'REFUND' ? 'refund' : 'receipt';
  try {
    await mailer.send({
      to: recipient.value,
      subject: `Your ${what} ${receipt.number} from ${shopName}`,
      ...(await messageParts(receipt)),
    });
  } catch (error) {
    if (!(error instanceof MailError)) throw error;
    return fail('mail_failed', 'The mail server did not accept the e-receipt; try again later', {
      details: { mailError: error.kind, smtpCode: error.responseCode },
    });
  }
  await recordAudit({
    db: deps.db,
    actor,
    entry: {
      action: 'receipt.emailed',
      subjectType: 'sale',
      subjectId: sale.id,
      detail: { saleNumber: sale.number, recipient: to === undefined ? 'customer' : 'given' },
    },
  });
  return ok({ sent: true });
}
