import { Type, type Static } from 'typebox';

/** Record (objects: true) or clear (false) a customer's objection to profiling. */
export const ProfilingObjectionBody = Type.Object(
  {
    objects: Type.Boolean(),
    reason: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type ProfilingObjectionBody = Static<typeof ProfilingObjectionBody>;
