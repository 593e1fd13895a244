import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { fail, type ErrorCode, type Failure } from '../domain/result.ts';
import { databaseRetryAfterSeconds, isDatabaseUnavailable } from './database-unavailable.ts';
import { textKeyword } from './validation.ts';

/** The one place where expected outcomes become HTTP statuses. */
const statusOf: Record<ErrorCode, number> = {
  validation_failed: 400,
  invalid_card_number: 400,
  merge_same_customer: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  account_disabled: 401,
  forbidden: 403,
  not_found: 404,
  customer_not_found: 404,
  staff_not_found: 404,
  register_not_found: 404,
  // Signed in without a till register (the back office): pick one, then sell.
  register_required: 409,
  api_key_not_found: 404,
  card_not_found: 404,
  username_taken: 409,
  card_already_linked: 409,
  card_not_active: 409,
  customer_not_active: 409,
  // Nothing is left to export of an erased customer; a merged one lives on in its survivor.
  customer_erased: 409,
  customer_merged: 409,
  version_conflict: 409,
  idempotency_key_reused: 409,
  request_in_progress: 409,
  rate_limited: 429,
  product_not_found: 400,
  sku_taken: 409,
  outlet_not_found: 404,
  sale_not_found: 404,
  sale_line_not_found: 400,
  card_number_refused: 400,
  tender_exceeds_total: 400,
  tenders_short: 400,
  return_exceeds_sold: 409,
  approval_required: 403,
  sale_already_attached: 409,
  sale_not_attached: 409,
  sale_not_attachable: 409,
  sale_not_detachable: 409,
  customer_has_no_email: 409,
  // The server has no SMTP set up, or the SMTP server refused: not the caller's fault.
  mail_not_configured: 503,
  mail_failed: 502,
  invalid_gift_card_number: 400,
  gift_card_not_found: 404,
  gift_card_not_active: 409,
  gift_card_blocked: 409,
  gift_card_deactivated: 409,
  gift_card_expired: 409,
  gift_card_not_blocked: 409,
  gift_card_not_expired: 409,
  gift_card_number_taken: 409,
  insufficient_balance: 409,
  sale_not_voidable: 409,
  line_not_returnable: 400,
  reward_not_found: 404,
  reward_not_applicable: 400,
  insufficient_points: 409,
  group_not_found: 404,
  promotion_not_found: 404,
  group_name_taken: 409,
  segment_name_taken: 409,
  segment_in_use: 409,
  unknown_merge_field: 400,
  unsafe_html: 400,
  // A forged, cut-short or stale unsubscribe link: nothing is recorded.
  invalid_unsubscribe_token: 400,
  unsubscribe_token_expired: 400,
  // A re-permission campaign without its re-confirm link, or a marketing one with it.
  reconfirm_link_required: 400,
  reconfirm_link_not_allowed: 400,
  // A forged, cut-short or old re-confirm link: nothing is recorded.
  invalid_reconfirm_token: 400,
  reconfirm_token_expired: 400,
  campaign_not_found: 404,
  campaign_state_conflict: 409,
  segment_empty: 400,
  // PostgreSQL ended the connection or cannot be reached: retry in a few seconds.
  database_unavailable: 503,
  // The backup folder or PostgreSQL's client tools are not usable: the server's set-up.
  backup_failed: 503,
  rights_request_not_found: 404,
  // A request in the register is closed once: its outcome is the record of what was done.
  request_already_done: 409,
  // Erasure would drop store credit or points the customer still has: choose first.
  money_owed: 409,
  // The card belonged to an erased customer: it never works or links again.
  card_retired: 409,
};

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

export type Problem = {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  field?: string;
  [extension: string]: unknown;
};

export function problemOf(failure: Failure): Problem {
  const status = statusOf[failure.code];
  return {
    type: 'about:blank',
    title: titles[status] ?? 'Error',
    status,
    code: failure.code,
    detail: failure.message,
    ...(failure.field ? { field: failure.field } : {}),
    ...(failure.details ?? {}),
  };
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type('application/problem+json').send(problem);
}

export function sendFailure(reply: FastifyReply, failure: Failure): FastifyReply {
  return sendProblem(reply, problemOf(failure));
}

type ValidationError = NonNullable<FastifyError['validation']>[number];

/**
 * Of the errors a union (anyOf) collects, one per branch, the one about the field at
 * fault: a wrong literal only says "not this branch", and the deepest error is the most
 * precise (`lines[0].number`, not "lines[0] needs a product").
 */
function mostTelling(errors: ValidationError[]): ValidationError | undefined {
  const depth = (error: ValidationError) => error.instancePath.split('/').length;
  const candidates = errors.filter((error) => !['anyOf', 'oneOf'].includes(error.keyword));
  const precise = candidates.filter((error) => error.keyword !== 'const');
  return (precise.length ? precise : candidates).reduce<ValidationError | undefined>(
    (best, error) => (best === undefined || depth(error) > depth(best) ? error : best),
    undefined,
  );
}

/** Turns a schema validation error into a message that names the field at fault. */
function describeValidation(error: FastifyError): { field: string; detail: string; code: string } {
  const first = mostTelling(error.validation ?? []);
  const context = error.validationContext ?? 'body';
  if (!first) return { field: context, detail: error.message, code: 'validation_failed' };
  const params = first.params as Record<string, unknown>;
  // `/lines/0/product` is named `lines[0].product`, as the services name fields.
  const path = first.instancePath
    .split('/')
    .slice(1)
    .reduce(
      (named, part) =>
        /^\d+$/.test(part) ? `${named}[${part}]` : named ? `${named}.${part}` : part,
      '',
    );
  // A tagged union missing its tag, or told a value it does not know (`kind: "cheque"`).
  const tag =
    first.keyword === 'discriminator' && typeof params.tag === 'string' ? params.tag : undefined;
  const unknownTag = tag !== undefined && params.error === 'mapping';
  const missing = typeof params.missingProperty === 'string' ? params.missingProperty : tag;
  const extra =
    typeof params.additionalProperty === 'string' ? params.additionalProperty : undefined;
  const field = [path, missing ?? extra].filter(Boolean).join('.') || context;
  const code =
    first.keyword === textKeyword && params.problem === 'card_number'
      ? 'card_number_refused'
      : 'validation_failed';
  if (unknownTag) {
    return { field, code, detail: `${context}.${field} is not one of the known values` };
  }
  if (missing) return { field, code, detail: `${context}.${field} is required` };
  if (extra) return { field, code, detail: `${context}.${field} is not a known field` };
  return { field, code, detail: `${context}.${field} ${first.message ?? 'is invalid'}` };
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error.validation) {
    const { field, detail, code } = describeValidation(error);
    return sendProblem(reply, {
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      code,
      detail,
      field,
    });
  }
  const status = error.statusCode ?? 500;
  if (status === 429) {
    return sendProblem(reply, {
      type: 'about:blank',
      title: titles[429]!,
      status,
      code: 'rate_limited',
      detail: 'Too many attempts; wait a minute and try again',
    });
  }
  if (status >= 400 && status < 500) {
    return sendProblem(reply, {
      type: 'about:blank',
      title: titles[status] ?? 'Bad Request',
      status,
      code: status === 400 ? 'bad_request' : (error.code ?? 'bad_request').toLowerCase(),
      detail: error.message,
    });
  }
  if (isDatabaseUnavailable(error)) {
    request.log.warn({ err: error }, 'database unavailable');
    reply.header('retry-after', String(databaseRetryAfterSeconds));
    return sendFailure(
      reply,
      fail('database_unavailable', 'The database cannot be reached just now; try again shortly'),
    );
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendProblem(reply, {
    type: 'about:blank',
    title: titles[500]!,
    status: 500,
    code: 'internal_error',
    detail: 'Something went wrong on our side; it has been logged',
  });
}
