import { normaliseEmail } from '../../domain/contact-details.ts';
import { formatAmount } from '../../domain/money.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { selectGiftCardsByIds } from '../../store/gift-cards.ts';
import { selectSalesByIds } from '../../store/sales.ts';
import { recordAudit } from '../platform/audit.ts';
import type { Actor, ServiceDeps } from '../platform/context.ts';
import { MailError, type Mailer } from '../platform/mailer.ts';
import { saleNumberPng } from './receipt-barcode.ts';
import { escapeHtml } from './receipt-html.ts';
import type { SaleLineInput } from '../sales/sales.ts';
import { getShopSettings } from '../shop/settings.ts';

/** The number in groups of four, as printed on plastic cards. */
function grouped(number: string): string {
  return number.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/**
 * Sends a digital gift card: its number as text and as a barcode to scan at the till.
 * The address is used for this message only; it is not stored, and the audit entry
 * names the card by its last four digits.
 */
export async function sendGiftCardEmail({
  deps,
  mailer,
  actor,
  cardId,
  to,
}: {
  deps: ServiceDeps;
  mailer: Mailer | null;
  actor: Actor;
  cardId: string;
  to: string;
}): Promise<Result<{ sent: true }>> {
  if (!mailer) {
    return fail(
      'mail_not_configured',
      'Email is not set up on this server: set SMTP_HOST and SMTP_FROM (see the README)',
    );
  }
  const address = normaliseEmail(to, 'email');
  if (!address.ok) return address;
  const [card] = await selectGiftCardsByIds(deps.db, [cardId]);
  if (!card) return fail('gift_card_not_found', 'No such gift card');
  const shop = (await getShopSettings(deps.db)).shopName;
  const value = `${formatAmount(card.balance, card.currency)} ${card.currency}`;
  const barcode = await saleNumberPng(card.number);
  const expiry = card.expiresAt
    ? ` It is valid until ${card.expiresAt.toISOString().slice(0, 10)}.`
    : '';
  try {
    await mailer.send({
      to: address.value,
      subject: `Your ${shop} gift card`,
      text: `You have a ${shop} gift card holding ${value}.\nCard number: ${grouped(card.number)}\nShow this number at the till to pay with it.${expiry}\n`,
      html: `<p>You have a ${escapeHtml(shop)} gift card holding <strong>${escapeHtml(value)}</strong>.</p><p>Card number: <strong>${grouped(card.number)}</strong></p>${barcode ? '<p><img src="cid:gift-card@clientele" alt="card barcode"></p>' : ''}<p>Show this at the till to pay with it.${escapeHtml(expiry)}</p>`,
      attachments: barcode
        ? [
            {
              filename: 'gift-card.png',
              content: barcode,
              contentType: 'image/png',
              contentId: 'gift-card@clientele',
            },
          ]
        : [],
    });
  } catch (error) {
    if (!(error instanceof MailError)) throw error;
    return fail(
      'mail_failed',
      'The mail server did not accept the gift card; send it again later',
      {
        details: { mailError: error.kind, smtpCode: error.responseCode },
      },
    );
  }
  await recordAudit({
    db: deps.db,
    actor,
    entry: {
      action: 'giftcard.emailed',
      subjectType: 'gift_card',
      subjectId: card.id,
      detail: { last4: card.number.slice(-4) },
    },
  });
  return ok({ sent: true });
}

export type GiftCardDelivery = { line: number; sent: boolean; problem?: string };

/**
 * After a sale that sold digital cards: each is emailed to the address given on its
 * line. A failed delivery does not undo the sale; the card can be sent again from the
 * back office.
 */
export async function deliverDigitalGiftCards({
  deps,
  mailer,
  actor,
  saleId,
  lines,
}: {
  deps: ServiceDeps;
  mailer: Mailer | null;
  actor: Actor;
  saleId: string;
  lines: readonly SaleLineInput[];
}): Promise<GiftCardDelivery[]> {
  const wanted = lines.flatMap((line, index) =>
    'kind' in line && line.kind === 'gift_card' && line.number === undefined && line.email
      ? [{ lineNo: index + 1, email: line.email }]
      : [],
  );
  if (wanted.length === 0) return [];
  const [sale] = await selectSalesByIds(deps.db, [saleId]);
  const deliveries: GiftCardDelivery[] = [];
  for (const { lineNo, email } of wanted) {
    const cardId = sale?.lines.find((line) => line.lineNo === lineNo)?.giftCardId;
    const sent = cardId
      ? await sendGiftCardEmail({ deps, mailer, actor, cardId, to: email })
      : fail('gift_card_not_found', 'The sale has no card on that line');
    deliveries.push(
      sent.ok ? { line: lineNo, sent: true } : { line: lineNo, sent: false, problem: sent.message },
    );
  }
  return deliveries;
}
