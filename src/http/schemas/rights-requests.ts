import { Type, type Static } from 'typebox';
import {
  noteMaxLength,
  outcomeMaxLength,
  requestedByMaxLength,
  rightsRequestKinds,
} from '../../domain/rights-requests.ts';
import { Id, Nullable, StringEnum } from './platform.ts';

/** The register of data-subject requests: export, erasure, objection to profiling. */

export const RightsRequestKind = StringEnum(rightsRequestKinds);
export type RightsRequestKind = Static<typeof RightsRequestKind>;

export const RightsRequest = Type.Object({
  id: Id,
  customer: Type.Object({ id: Id, number: Type.String(), name: Type.String() }),
  kind: RightsRequestKind,
  requestedAt: Type.String({ description: 'when the request arrived (ISO 8601)' }),
  requestedBy: Type.String({ description: 'who asked, and how: "in person", "by email", …' }),
  receivedBy: Nullable(Type.String({ description: 'the staff member who recorded it' })),
  dueAt: Type.String({ description: 'one calendar month after requestedAt (ISO 8601)' }),
  overdue: Type.Boolean({ description: 'open and past its due date' }),
  doneAt: Nullable(Type.String()),
  doneBy: Nullable(Type.String()),
  outcome: Nullable(Type.String({ description: 'what was done, written when it was closed' })),
  note: Nullable(Type.String()),
});
export type RightsRequest = Static<typeof RightsRequest>;

export const RightsRequestInput = Type.Object(
  {
    kind: RightsRequestKind,
    requestedBy: Type.String({ minLength: 1, maxLength: requestedByMaxLength }),
    requestedAt: Type.Optional(
      Type.String({
        format: 'date-time',
        description: 'when it arrived, if before now (within the last year); default now',
      }),
    ),
    note: Type.Optional(Nullable(Type.String({ maxLength: noteMaxLength }))),
  },
  { additionalProperties: false },
);
export type RightsRequestInput = Static<typeof RightsRequestInput>;

export const RightsRequestCompletion = Type.Object(
  { outcome: Type.String({ minLength: 1, maxLength: outcomeMaxLength }) },
  { additionalProperties: false },
);
export type RightsRequestCompletion = Static<typeof RightsRequestCompletion>;

export const RightsRequestQuery = Type.Object(
  {
    open: Type.Optional(Type.Boolean({ description: 'only the open ones (default true)' })),
    customerId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type RightsRequestQuery = Static<typeof RightsRequestQuery>;

export const RightsRequestAnswer = Type.Object({ request: RightsRequest });
export type RightsRequestAnswer = Static<typeof RightsRequestAnswer>;

export const RightsRequestList = Type.Object({ requests: Type.Array(RightsRequest) });
export type RightsRequestList = Static<typeof RightsRequestList>;
