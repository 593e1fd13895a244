import { Type, type Static, type TSchema } from 'typebox';
import type { Minor, Points as DomainPoints } from '../../domain/units.ts';

/**
 * The building blocks every area's schemas share. Response schemas double as a filter:
 * Fastify serialises only the properties listed, so a customer response can never carry
 * a contact field by accident.
 */
export const Id = Type.String({ format: 'uuid' });
export type Id = Static<typeof Id>;
export const IdParams = Type.Object({ id: Id });
export type IdParams = Static<typeof IdParams>;

/**
 * A code that is looked up or scanned, not free text: a barcode, a customer card, a
 * phone number. It still may not hold a NUL or a broken character, but it skips the
 * card-number test, which one EAN-13 barcode in ten (and some long phone numbers) would
 * fail by chance. Every other request string is free text (see src/http/validation.ts).
 */
export const Identifier = (options: {
  maxLength: number;
  minLength?: number;
  description?: string;
}) => Type.String({ ...options, 'x-text': 'identifier' });

/** A password is never stored, only its hash: it is not checked for card numbers either. */
export const Password = (options: { maxLength: number; minLength?: number }) => Identifier(options);

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/**
 * A string that is one of a known set (a sale's kind, a role), given as the domain's
 * `as const` list so that the set is written once. The schema is `{ type: 'string', enum }`:
 * the OpenAPI document lists the values, the static type is their union, and a request is
 * held to them. An answer's serialiser writes the string as it is (it checks no enum).
 */
export const StringEnum = <const T extends readonly string[]>(values: T) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });

/**
 * Every whole number a caller sends is bounded here, so none can overflow its column
 * (a PostgreSQL integer holds up to 2,147,483,647) or be taken for another type. The
 * business limits (a discount up to 100%, a multiplier up to 10×) are the domain's,
 * which answers with a message in the shop's words; these are the outer walls.
 */
const int4Max = 2_147_483_647;
const moneyMax = 10_000_000_000;
/** Minor units, never negative. */
export const Money = Type.Unsafe<Minor>(
  Type.Integer({ minimum: 0, maximum: moneyMax, description: 'minor units' }),
);
export type Money = Static<typeof Money>;
/** Minor units; negative takes value away. */
export const SignedMoney = Type.Unsafe<Minor>(
  Type.Integer({
    minimum: -moneyMax,
    maximum: moneyMax,
    description: 'minor units; negative takes value away',
  }),
);
export type SignedMoney = Static<typeof SignedMoney>;
export const Points = Type.Unsafe<DomainPoints>(
  Type.Integer({ minimum: 0, maximum: 1_000_000_000 }),
);
export type Points = Static<typeof Points>;
export const SignedPoints = Type.Unsafe<DomainPoints>(
  Type.Integer({ minimum: -1_000_000_000, maximum: 1_000_000_000 }),
);
export type SignedPoints = Static<typeof SignedPoints>;
/** Hundredths of a percent: 500 is 5%, 20000 is ×2. */
export const BasisPoints = Type.Integer({ minimum: 0, maximum: 1_000_000 });
export type BasisPoints = Static<typeof BasisPoints>;
export const Quantity = Type.Integer({ minimum: 1, maximum: 10_000 });
export type Quantity = Static<typeof Quantity>;
export const Months = Type.Integer({ minimum: 1, maximum: 1_200 });
export type Months = Static<typeof Months>;
export const Days = Type.Integer({ minimum: 1, maximum: 36_500 });
export type Days = Static<typeof Days>;
export const Version = Type.Integer({ minimum: 1, maximum: int4Max });
export type Version = Static<typeof Version>;

/** Page and page size of a list; spread into a querystring. */
export const Paging = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 25 })),
};

/** An error answer (RFC 9457 problem details); extensions such as `due` may follow. */
export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String({ description: 'stable: what went wrong, e.g. insufficient_balance' }),
    detail: Type.String({ description: 'for people: what to do about it' }),
    field: Type.Optional(
      Type.String({ description: 'the input at fault, e.g. lines[0].quantity' }),
    ),
  },
  { additionalProperties: true },
);
export type Problem = Static<typeof Problem>;

/** 204: done, and nothing to say. */
export const NoContent = Type.Null({ description: 'Done; no body' });
export type NoContent = Static<typeof NoContent>;

/**
 * A document that is not JSON (a receipt page, a PDF, a CSV file, a barcode image). Bytes are
 * a Uint8Array (a Node Buffer is one): the contract is also the web's, which has no Node types.
 */
export const FileAnswer = (contentType: string, description: string) => ({
  description,
  content: { [contentType]: { schema: Type.Unsafe<string | Uint8Array>(Type.String()) } },
});

/** A line-by-line import report: every line imported, skipped or rejected with why. */
export const ImportReport = Type.Object(
  {
    imported: Type.Integer(),
    rejected: Type.Integer(),
    skipped: Type.Optional(Type.Integer()),
    lines: Type.Array(
      Type.Object({ line: Type.Integer(), status: Type.String() }, { additionalProperties: true }),
    ),
  },
  { additionalProperties: true },
);
export type ImportReport = Static<typeof ImportReport>;

/**
 * A CSV file sent as text. Its cells are checked one by one by the importer (a barcode
 * column is an identifier, a name column free text), so the file as a whole is not.
 */
export const CsvFile = Identifier({ maxLength: 5_000_000 });
export type CsvFile = Static<typeof CsvFile>;
export const CsvImportBody = Type.Object({ csv: CsvFile }, { additionalProperties: false });
export type CsvImportBody = Static<typeof CsvImportBody>;

/** One line of the audit log. */
export const AuditItem = Type.Object({
  id: Type.String(),
  at: Type.String(),
  action: Type.String({ description: 'a stable code such as customer.contacts_revealed' }),
  actorName: Type.String({
    description: 'as logged: a username, api-key:<name>, or a label such as cli',
  }),
  actor: Type.Object({
    kind: Type.Union([Type.Literal('staff'), Type.Literal('api_key'), Type.Literal('system')]),
    name: Type.String(),
    username: Nullable(Type.String()),
  }),
  subjectType: Nullable(Type.String()),
  subjectId: Nullable(Type.String()),
  subjectLabel: Nullable(
    Type.String({ description: 'the subject as people know it, e.g. sale 0001-000123' }),
  ),
  customer: Nullable(
    Type.Object({ id: Type.String(), number: Type.String(), name: Type.String() }),
  ),
  currency: Nullable(Type.String({ description: 'the currency of the amounts in detail' })),
  detail: Type.Record(Type.String(), Type.Unknown()),
  names: Type.Record(Type.String(), Type.String(), {
    description: 'readable names for the ids in detail',
  }),
});
export type AuditItem = Static<typeof AuditItem>;

export const AuditQuery = Type.Object(
  {
    ...Paging,
    action: Type.Optional(Type.String({ maxLength: 80 })),
    subjectId: Type.Optional(Type.String({ maxLength: 80 })),
    who: Type.Optional(
      Type.String({
        maxLength: 80,
        description: "part of the staff member's username or name, or an API key's name",
      }),
    ),
    from: Type.Optional(Type.String({ format: 'date-time', description: 'from this moment on' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'before this moment' })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditPage = Type.Object({ items: Type.Array(AuditItem), total: Type.Integer() });
export type AuditPage = Static<typeof AuditPage>;
