import { Ajv, type SchemaValidateFunction, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import { explainTextProblem, textProblem, type TextKind } from '../domain/free-text.ts';

/**
 * Request validation, with two rules no route can forget:
 *
 * 1. Bodies are JSON and are taken as typed: no coercion, so `true` is not 1 and "5" is
 *    not 5. Query strings, path parameters and headers are text on the wire, so there
 *    strings are still read as numbers and booleans where the schema says so.
 * 2. Every string passes the free-text rule of `src/domain/free-text.ts`. In a body a
 *    string is free text unless its schema says otherwise (`Identifier()` in
 *    schemas/platform.ts, or a format, literal or enum that can hold nothing else), so a
 *    new field is guarded by default. Query strings, parameters and headers are looked up, never stored: there
 *    every string is an identifier (no NUL, no broken character), not checked for cards.
 */
export const textKeyword = 'x-text';

type Part = 'body' | 'querystring' | 'params' | 'headers';

type SchemaNode = Record<string, unknown>;

function isNode(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const childKeys = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains'];
const childListKeys = ['anyOf', 'oneOf', 'allOf', 'prefixItems'];
const childMapKeys = ['properties', 'patternProperties', '$defs', 'definitions'];

const isLiteral = (node: unknown): node is SchemaNode =>
  isNode(node) && ('const' in node || 'enum' in node);

/**
 * The property that tells a union's branches apart (`kind` of a tender), when every
 * branch is an object requiring it with a literal value. Ajv then checks only the branch
 * the value names, so an error names the field at fault in that branch, not the first
 * branch's missing field.
 */
function discriminatorOf(branches: unknown[]): string | null {
  const tags = branches.map((branch) => {
    if (!isNode(branch) || branch.type !== 'object' || !isNode(branch.properties)) return [];
    const required = Array.isArray(branch.required) ? branch.required : [];
    return Object.entries(branch.properties)
      .filter(([name, property]) => required.includes(name) && isLiteral(property))
      .map(([name]) => name);
  });
  return tags[0]?.find((name) => tags.every((names) => names.includes(name))) ?? null;
}

function prepareChildren(node: SchemaNode, defaultKind: TextKind): SchemaNode {
  const copy: SchemaNode = { ...node };
  for (const key of childKeys) {
    if (key in copy) copy[key] = prepareRequestSchema(copy[key], defaultKind);
  }
  for (const key of childListKeys) {
    const list = copy[key];
    if (Array.isArray(list))
      copy[key] = list.map((item) => prepareRequestSchema(item, defaultKind));
  }
  for (const key of childMapKeys) {
    const map = copy[key];
    if (isNode(map)) {
      copy[key] = Object.fromEntries(
        Object.entries(map).map(([name, child]) => [
          name,
          prepareRequestSchema(child, defaultKind),
        ]),
      );
    }
  }
  return copy;
}

/**
 * A copy of the schema ready for a request: the text kind written on every string that
 * lacks one, a union of literals made one enum, and tagged unions made discriminated.
 */
export function prepareRequestSchema(schema: unknown, defaultKind: TextKind): unknown {
  if (!isNode(schema)) return schema;
  const copy = prepareChildren(schema, defaultKind);
  const branches = Array.isArray(copy.anyOf) ? copy.anyOf : null;
  if (
    branches?.every((branch) => isNode(branch) && 'const' in branch && branch.type === 'string')
  ) {
    delete copy.anyOf;
    return {
      ...copy,
      type: 'string',
      enum: branches.map((branch) => (branch as SchemaNode).const),
    };
  }
  const tag = branches ? discriminatorOf(branches) : null;
  if (branches && tag) {
    delete copy.anyOf;
    return {
      ...copy,
      type: 'object',
      required: [tag],
      discriminator: { propertyName: tag },
      oneOf: branches,
    };
  }
  const constrained = 'format' in copy || 'const' in copy || 'enum' in copy;
  if (copy.type === 'string' && !(textKeyword in copy) && !constrained) {
    copy[textKeyword] = defaultKind;
  }
  return copy;
}

function textRuleKeyword(ajv: Ajv): void {
  const validate: SchemaValidateFunction = (kind: TextKind, data: unknown): boolean => {
    if (typeof data !== 'string') return true;
    const problem = textProblem(data, kind);
    if (problem === null) return true;
    validate.errors = [
      { keyword: textKeyword, message: explainTextProblem(problem), params: { problem } },
    ];
    return false;
  };
  ajv.addKeyword({
    keyword: textKeyword,
    type: 'string',
    schemaType: 'string',
    errors: true,
    validate,
  });
}

function makeAjv(coerce: boolean): Ajv {
  const ajv = new Ajv({
    coerceTypes: coerce ? 'array' : false,
    useDefaults: true,
    removeAdditional: false,
    allErrors: false,
    discriminator: true,
    addUsedSchema: false,
  });
  (addFormats as unknown as (ajv: Ajv) => Ajv)(ajv);
  textRuleKeyword(ajv);
  return ajv;
}

const bodies = makeAjv(false);
const onTheWire = makeAjv(true);

export function compileRequestSchema(schema: unknown, part: Part): ValidateFunction {
  if (part === 'body') return bodies.compile(prepareRequestSchema(schema, 'free') as object);
  return onTheWire.compile(prepareRequestSchema(schema, 'identifier') as object);
}

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) =>
  compileRequestSchema(schema, (httpPart ?? 'body') as Part);
