import { sessionCookie } from '../src/http/authentication.ts';
import { benchPassword, benchPin, type BenchShop } from './campaigns-setup.ts';
import { elapsedMs } from './stats.ts';

/** What the back office and the till send: JSON over HTTP with the session cookie. */
export type Client = {
  call: (
    method: string,
    path: string,
    body?: unknown,
  ) => Promise<{ status: number; json: unknown }>;
};

async function signIn(base: string, path: string, body: object): Promise<string> {
  const response = await fetch(`${base}/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0] ?? '')
    .find((pair) => pair.startsWith(`${sessionCookie}=`));
  if (response.status !== 200 || !cookie) {
    throw new Error(`sign-in ${path}: ${response.status} ${await response.text()}`);
  }
  return cookie;
}

function client(base: () => string, cookie: string): Client {
  return {
    async call(method, path, body) {
      const response = await fetch(`${base()}/api/v1${path}`, {
        method,
        headers: {
          cookie,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          'idempotency-key': crypto.randomUUID(),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, json: text ? JSON.parse(text) : null };
    },
  };
}

/**
 * The marketer (password, back office) and the cashier (PIN at the register). `base` is
 * read per call: the server comes back on another port after the kill, and the sessions,
 * kept in the database, still hold.
 */
export async function signInStaff(base: () => string, shop: BenchShop) {
  const marketer = await signIn(base(), '/auth/sign-in', {
    username: shop.marketer,
    password: benchPassword,
  });
  const cashier = await signIn(base(), '/auth/pin-sign-in', {
    username: shop.cashier,
    pin: benchPin,
    registerId: shop.registerId,
  });
  return { marketer: client(base, marketer), cashier: client(base, cashier) };
}

/** A segment of everyone with email consent and a campaign to it, no control group: sent now. */
export async function startCampaign(marketer: Client): Promise<string> {
  const segment = await marketer.call('POST', '/segments', {
    name: 'Everyone who said yes to email',
    definition: {},
  });
  if (segment.status !== 201) throw new Error(`POST /segments: ${JSON.stringify(segment.json)}`);
  const created = await marketer.call('POST', '/campaigns', {
    name: 'Bench campaign',
    segmentId: (segment.json as { segment: { id: string } }).segment.id,
    subject: 'Hello {{firstName}}, something for you',
    html:
      '<h1>Hello {{firstName}}</h1><p>You have {{pointsBalance}} points.</p>' +
      '<p>See you at {{outlet}}.</p><p><a href="{{unsubscribeUrl}}">Unsubscribe</a></p>',
    text: 'Hello {{firstName}}, you have {{pointsBalance}} points. {{unsubscribeUrl}}',
    controlShareBp: 0,
  });
  if (created.status !== 201) throw new Error(`POST /campaigns: ${JSON.stringify(created.json)}`);
  const id = (created.json as { campaign: { id: string } }).campaign.id;
  const scheduled = await marketer.call('POST', `/campaigns/${id}/schedule`, {});
  if (scheduled.status !== 200) throw new Error(`schedule: ${JSON.stringify(scheduled.json)}`);
  return id;
}

export type CampaignProgress = { state: string; results: Record<string, unknown> };

export async function campaignProgress(marketer: Client, id: string): Promise<CampaignProgress> {
  const answer = await marketer.call('GET', `/campaigns/${id}`);
  if (answer.status !== 200) throw new Error(`GET /campaigns/${id}: ${answer.status}`);
  const json = answer.json as { campaign: { state: string }; results: Record<string, unknown> };
  return { state: json.campaign.state, results: json.results };
}

/**
 * Till searches one after another, as a cashier types them, until `terms` are used up or
 * `until()` says stop; answers each search's latency in ms. A failed search throws.
 */
export async function runSearches(
  cashier: Client,
  terms: readonly string[],
  until: () => boolean = () => false,
  /** Waits before the search of this index: spreads the searches over the send. */
  pace: (index: number) => Promise<void> = async () => {},
): Promise<number[]> {
  const samples: number[] = [];
  for (const [index, term] of terms.entries()) {
    await pace(index);
    if (until()) break;
    const started = process.hrtime.bigint();
    const answer = await cashier.call('GET', `/customers/search?q=${encodeURIComponent(term)}`);
    samples.push(elapsedMs(started));
    if (answer.status !== 200) throw new Error(`search ${term}: ${answer.status}`);
  }
  return samples;
}
