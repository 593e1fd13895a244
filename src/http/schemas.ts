import { Type, type TSchema } from 'typebox';

/**
 * Shared JSON schemas. Response schemas double as a filter: Fastify serialises only the
 * properties listed, so a customer response can never carry a contact field by accident.
 */
export const Id = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Id });

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const ContactMask = Type.Object({
  maskedPhone: Nullable(Type.String()),
  maskedEmail: Nullable(Type.String()),
  hasAddress: Type.Boolean(),
  hasBirthday: Type.Boolean(),
});

export const Card = Type.Object({
  number: Type.String(),
  status: Type.String(),
  linkedAt: Type.String(),
  replacedBy: Nullable(Type.String()),
});

export const Preferences = Type.Object({
  sizes: Type.Array(Type.String()),
  brands: Type.Array(Type.String()),
  interests: Type.Array(Type.String()),
});

export const CurrentConsent = Type.Object({
  channel: Type.String(),
  granted: Type.Boolean(),
  at: Type.String(),
});

export const CustomerSummary = Type.Object({
  id: Type.String(),
  number: Type.String(),
  name: Type.String(),
  status: Type.String(),
  contactMask: ContactMask,
  cards: Type.Array(Card),
});

export const Customer = Type.Object({
  id: Type.String(),
  number: Type.String(),
  name: Type.String(),
  status: Type.String(),
  contactMask: ContactMask,
  cards: Type.Array(Card),
  preferences: Preferences,
  notes: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  version: Type.Integer(),
  consents: Type.Array(CurrentConsent),
  mergedIntoId: Nullable(Type.String()),
});

export const Address = Type.Object(
  {
    line1: Type.String({ maxLength: 200 }),
    line2: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    city: Type.String({ maxLength: 100 }),
    postcode: Type.String({ maxLength: 20 }),
    country: Type.String({ maxLength: 2 }),
  },
  { additionalProperties: false },
);

export const ConsentInput = Type.Object(
  {
    channel: Type.Union([Type.Literal('email'), Type.Literal('sms')]),
    granted: Type.Boolean(),
    wording: Type.String({ minLength: 1, maxLength: 2000 }),
  },
  { additionalProperties: false },
);

const preferenceList = Type.Array(Type.String({ maxLength: 60 }), { maxItems: 30 });

export const CustomerFields = {
  name: Type.String({ minLength: 1, maxLength: 120 }),
  phone: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  email: Type.Optional(Nullable(Type.String({ maxLength: 254 }))),
  address: Type.Optional(Nullable(Address)),
  birthday: Type.Optional(Nullable(Type.String({ maxLength: 10 }))),
  preferences: Type.Optional(
    Type.Object(
      {
        sizes: Type.Optional(preferenceList),
        brands: Type.Optional(preferenceList),
        interests: Type.Optional(preferenceList),
      },
      { additionalProperties: false },
    ),
  ),
  notes: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
};

export const Problem = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  code: Type.String(),
  detail: Type.String(),
  field: Type.Optional(Type.String()),
});

export const Role = Type.Union([
  Type.Literal('cashier'),
  Type.Literal('supervisor'),
  Type.Literal('marketer'),
  Type.Literal('admin'),
  Type.Literal('auditor'),
]);

export const Session = Type.Object({
  staff: Type.Object({
    id: Type.String(),
    username: Type.String(),
    displayName: Type.String(),
    role: Type.String(),
  }),
  permissions: Type.Array(Type.String()),
  method: Type.String(),
  outlet: Nullable(Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() })),
  register: Nullable(Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() })),
});

export const Paging = {
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 25 })),
};
