import { Type, type Static } from 'typebox';

/** Receipts: the printable page, the PDF and the e-receipt. */

export const ReceiptPageQuery = Type.Object(
  {
    autoprint: Type.Optional(
      Type.Union([
        Type.Literal('1'),
        Type.Literal('0'),
        Type.Literal('true'),
        Type.Literal('false'),
      ]),
    ),
  },
  { additionalProperties: false },
);
export type ReceiptPageQuery = Static<typeof ReceiptPageQuery>;

export const ReceiptEmailBody = Type.Object(
  { to: Type.Optional(Type.String({ maxLength: 254 })) },
  { additionalProperties: false },
);
export type ReceiptEmailBody = Static<typeof ReceiptEmailBody>;

export const ReceiptEmailSent = Type.Object({ sent: Type.Literal(true) });
export type ReceiptEmailSent = Static<typeof ReceiptEmailSent>;
