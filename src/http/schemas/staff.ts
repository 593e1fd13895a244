import { authMethods } from '../../domain/staff.ts';
import { Type, type Static } from 'typebox';
import { permissions, roles } from '../../domain/permissions.ts';
import { Nullable, Password, StringEnum } from './platform.ts';
import { Register } from './shop.ts';

/** Staff: sign-in, sessions, roles, staff members and API keys, supervisor approval. */

export const Role = StringEnum(roles);
export type Role = Static<typeof Role>;

export const Permission = StringEnum(permissions);
export type Permission = Static<typeof Permission>;

/** A supervisor's username and PIN, typed at the till when a step needs approval. */
export const Approval = Type.Object(
  { username: Type.String({ maxLength: 80 }), pin: Type.String({ maxLength: 8 }) },
  { additionalProperties: false },
);
export type Approval = Static<typeof Approval>;

export const Session = Type.Object({
  staff: Type.Object({
    id: Type.String(),
    username: Type.String(),
    displayName: Type.String(),
    role: Role,
  }),
  permissions: Type.Array(Permission),
  method: StringEnum(authMethods),
  outlet: Nullable(Register),
  register: Nullable(Register),
});
export type Session = Static<typeof Session>;

export const SessionAnswer = Type.Object({ session: Session });
export type SessionAnswer = Static<typeof SessionAnswer>;

export const PasswordSignInBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 80 }),
    password: Password({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type PasswordSignInBody = Static<typeof PasswordSignInBody>;

export const PinSignInBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 80 }),
    pin: Type.String({ minLength: 1, maxLength: 8 }),
    registerId: Type.String({ format: 'uuid' }),
  },
  { additionalProperties: false },
);
export type PinSignInBody = Static<typeof PinSignInBody>;

export const StaffMember = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: Role,
  active: Type.Boolean(),
  hasPassword: Type.Boolean(),
  hasPin: Type.Boolean(),
  createdAt: Type.String(),
});
export type StaffMember = Static<typeof StaffMember>;

export const StaffList = Type.Object({ staff: Type.Array(StaffMember) });
export type StaffList = Static<typeof StaffList>;

export const StaffAnswer = Type.Object({ staff: StaffMember });
export type StaffAnswer = Static<typeof StaffAnswer>;

export const NewStaffBody = Type.Object(
  {
    username: Type.String({ maxLength: 40 }),
    displayName: Type.String({ maxLength: 80 }),
    role: Role,
    password: Type.Optional(Password({ maxLength: 200 })),
    pin: Type.Optional(Type.String({ maxLength: 8 })),
    homeOutletId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type NewStaffBody = Static<typeof NewStaffBody>;

export const StaffChangeBody = Type.Object(
  {
    displayName: Type.Optional(Type.String({ maxLength: 80 })),
    role: Type.Optional(Role),
    active: Type.Optional(Type.Boolean()),
    password: Type.Optional(Password({ maxLength: 200 })),
    pin: Type.Optional(Type.String({ maxLength: 8 })),
  },
  { additionalProperties: false },
);
export type StaffChangeBody = Static<typeof StaffChangeBody>;

export const ApiKey = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: Role,
  prefix: Type.String(),
  createdAt: Type.String(),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
});
export type ApiKey = Static<typeof ApiKey>;

export const ApiKeyList = Type.Object({ apiKeys: Type.Array(ApiKey) });
export type ApiKeyList = Static<typeof ApiKeyList>;

export const NewApiKeyBody = Type.Object(
  { name: Type.String({ maxLength: 80 }), role: Role },
  { additionalProperties: false },
);
export type NewApiKeyBody = Static<typeof NewApiKeyBody>;

/** The new key and its secret, which is shown this once. */
export const ApiKeyCreated = Type.Object({ apiKey: ApiKey, secret: Type.String() });
export type ApiKeyCreated = Static<typeof ApiKeyCreated>;
