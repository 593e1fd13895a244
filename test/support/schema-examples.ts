import { randomUUID } from 'node:crypto';

/**
 * Valid example values built from a JSON schema (as the OpenAPI document prints it), and
 * the leaves of such a value: what an integrator with only the API document would send.
 */
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  const?: unknown;
  enum?: unknown[];
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  default?: unknown;
  examples?: unknown[];
  pattern?: string;
  patternProperties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  'x-text'?: string;
};

export type Extreme = 'least' | 'most';

function exampleString(schema: JsonSchema, extreme: Extreme): string {
  if (schema.format === 'uuid') return randomUUID();
  if (schema.format === 'date') return '2026-06-15';
  if (schema.format === 'date-time') return '2026-06-15T12:00:00.000Z';
  if (schema.format === 'email') return 'someone@example.com';
  const most = Math.min(schema.maxLength ?? 40, 400);
  const length = extreme === 'most' ? most : Math.min(Math.max(schema.minLength ?? 1, 3), most);
  return 'x'.repeat(length);
}

/** The first alternative that is not null, so every field gets a value to test. */
export function firstAlternative(schema: JsonSchema): JsonSchema {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (!alternatives) return schema;
  return firstAlternative(
    alternatives.find((alternative) => alternative.type !== 'null') ?? alternatives[0]!,
  );
}

export function exampleOf(schema: JsonSchema, extreme: Extreme): unknown {
  const chosen = firstAlternative(schema);
  if (chosen.examples?.length) return chosen.examples[0];
  if (chosen.const !== undefined) return chosen.const;
  if (chosen.enum) return chosen.enum[0];
  const type = Array.isArray(chosen.type) ? chosen.type.find((t) => t !== 'null') : chosen.type;
  switch (type) {
    case 'string':
      return exampleString(chosen, extreme);
    case 'integer':
    case 'number':
      return extreme === 'most' ? (chosen.maximum ?? 2 ** 31) : (chosen.minimum ?? 1);
    case 'boolean':
      return true;
    case 'array':
      return [exampleOf(chosen.items ?? {}, extreme)];
    case 'object':
    case undefined:
      return Object.fromEntries(
        Object.entries(chosen.properties ?? {}).map(([name, property]) => [
          name,
          exampleOf(property, extreme),
        ]),
      );
    default:
      return null;
  }
}

export type Leaf = { path: string[]; schema: JsonSchema };

/** Every scalar field of the example, with the schema that describes it. */
export function leavesOf(schema: JsonSchema, path: string[] = []): Leaf[] {
  const chosen = firstAlternative(schema);
  if (chosen.properties) {
    return Object.entries(chosen.properties).flatMap(([name, property]) =>
      leavesOf(property, [...path, name]),
    );
  }
  if (chosen.type === 'array' && chosen.items) return leavesOf(chosen.items, [...path, '0']);
  return [{ path, schema: chosen }];
}

export function withLeaf(example: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string, ...string[]];
  if (Array.isArray(example)) {
    const copy = [...example];
    copy[Number(head)] = withLeaf(copy[Number(head)], rest, value);
    return copy;
  }
  const record = example as Record<string, unknown>;
  return { ...record, [head]: withLeaf(record[head], rest, value) };
}

/** Every node of a schema, however deep (records and alternatives included). */
export function nodesOf(schema: unknown): JsonSchema[] {
  if (typeof schema !== 'object' || schema === null) return [];
  if (Array.isArray(schema)) return schema.flatMap(nodesOf);
  return [schema as JsonSchema, ...Object.values(schema).flatMap(nodesOf)];
}
