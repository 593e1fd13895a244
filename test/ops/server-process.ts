import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openPglite, openPostgres, type DatabaseHandle } from '../../src/store/database.ts';
import { createTestCatalogue } from '../support/catalogue.ts';
import { clienteleEntry } from '../support/cli.ts';
import { createTestShop, serviceDeps, testMasterKey, type TestShop } from '../support/deps.ts';

/**
 * The real `clientele serve` in a child process, on a port of its own (PORT=0, read back
 * from its start line) and a data directory of its own, so tests can signal it, kill it
 * and start another one on the same data.
 */

export type LogLine = { msg?: string; level?: number } & Record<string, unknown>;

export type ServerProcess = {
  child: ChildProcess;
  /** Every JSON log line so far, in order. */
  lines: LogLine[];
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the first log line that matches (already seen or still to come). */
  waitForLine: (match: (line: LogLine) => boolean, timeoutMs?: number) => Promise<LogLine>;
  /** The URL from the line that says it is serving. */
  url: () => Promise<string>;
};

export function spawnServer(env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, [...clienteleEntry(), 'serve'], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      CLIENTELE_DEMO: 'false',
      CLIENTELE_MASTER_KEY: testMasterKey.toString('hex'),
      CLIENTELE_SIGN_IN_LIMIT: '10000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: LogLine[] = [];
  const waiters: { match: (line: LogLine) => boolean; resolve: (line: LogLine) => void }[] = [];
  let buffered = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const complete = buffered.split('\n');
    buffered = complete.pop() ?? '';
    for (const text of complete) {
      if (!text.startsWith('{')) continue;
      const line = JSON.parse(text) as LogLine;
      lines.push(line);
      for (const waiter of waiters.filter((w) => w.match(line))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const waitForLine: ServerProcess['waitForLine'] = (match, timeoutMs = 60_000) => {
    const seen = lines.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no such log line within ${timeoutMs} ms; stderr: ${stderr}`)),
        timeoutMs,
      );
      waiters.push({
        match,
        resolve: (line) => {
          clearTimeout(timer);
          resolve(line);
        },
      });
      void exited.then(({ code }) =>
        reject(new Error(`server exited (${code}) before the line came; stderr: ${stderr}`)),
      );
    });
  };
  return {
    child,
    lines,
    stderr: () => stderr,
    exited,
    waitForLine,
    url: async () => (await waitForLine((line) => typeof line.url === 'string')).url as string,
  };
}

/** A database a child server can open: a PGlite data directory, or a PostgreSQL database. */
export type ServedDatabase = {
  name: 'pglite' | 'postgres';
  /** Environment for the child: where its data lives. */
  env: Record<string, string>;
  dataDir: string;
  /** Opens it in this process (the child must not be running on PGlite). */
  open: () => Promise<DatabaseHandle>;
  remove: () => Promise<void>;
};

async function preparedPglite(): Promise<ServedDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'clientele-ops-'));
  const snapshot = new Blob([readFileSync(inject('pgliteSnapshot'))]);
  const first = await openPglite({ dataDir, loadDataDir: snapshot });
  await first.close();
  return {
    name: 'pglite',
    env: { CLIENTELE_DATA_DIR: dataDir, DATABASE_URL: '' },
    dataDir,
    open: () => openPglite({ dataDir }),
    remove: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

async function preparedPostgres(templateUrl: string): Promise<ServedDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'clientele-ops-'));
  const name = `clientele_ops_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const template = new URL(templateUrl).pathname.slice(1);
  await admin(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  const url = new URL(templateUrl);
  url.pathname = `/${name}`;
  return {
    name: 'postgres',
    env: { CLIENTELE_DATA_DIR: dataDir, DATABASE_URL: url.toString() },
    dataDir,
    open: async () => openPostgres(url.toString(), 2),
    remove: async () => {
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL is set. */
export function servedDatabases(): { name: string; prepare: () => Promise<ServedDatabase> }[] {
  const template = inject('postgresTemplate');
  return [
    { name: 'pglite', prepare: preparedPglite },
    ...(template ? [{ name: 'postgres', prepare: () => preparedPostgres(template) }] : []),
  ];
}

/** The test shop (staff with known PINs, a register) and catalogue, written before serving. */
export async function seedTestShop(database: ServedDatabase): Promise<TestShop> {
  const handle = await database.open();
  try {
    const shop = await createTestShop(serviceDeps(handle));
    await createTestCatalogue(handle.db);
    return shop;
  } finally {
    await handle.close();
  }
}

export type Outcome =
  | { kind: 'answered'; status: number; body: string; headers: http.IncomingHttpHeaders }
  | { kind: 'refused' }
  | { kind: 'cut'; error: string };

type RequestOptions = {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  agent?: http.Agent;
};

/**
 * One HTTP request, classified: answered in full, refused before any connection was
 * made (nothing was accepted), or cut (reset, hung up, truncated) — the case a graceful
 * shutdown must never produce for a request it accepted.
 */
export function send(options: RequestOptions): Promise<Outcome> {
  return sendSlowly(options).finish();
}

/**
 * A request whose body goes out in two halves: the first now, the rest on `finish()`.
 * In between the server has the request in flight.
 */
export function sendSlowly(options: RequestOptions): { finish: () => Promise<Outcome> } {
  const body = Buffer.from(options.body ?? '');
  let settle: (outcome: Outcome) => void = () => undefined;
  const outcome = new Promise<Outcome>((resolve) => (settle = resolve));
  const request = http.request(options.url, {
    method: options.method ?? 'GET',
    agent: options.agent ?? false,
    headers: {
      ...options.headers,
      ...(body.length > 0
        ? { 'content-type': 'application/json', 'content-length': String(body.length) }
        : {}),
    },
  });
  request.on('response', (response) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () =>
      settle({
        kind: 'answered',
        status: response.statusCode ?? 0,
        body: Buffer.concat(chunks).toString('utf8'),
        headers: response.headers,
      }),
    );
    response.on('aborted', () => settle({ kind: 'cut', error: 'response aborted' }));
    response.on('error', (error) => settle({ kind: 'cut', error: error.message }));
  });
  request.on('error', (error: NodeJS.ErrnoException) =>
    settle(
      error.code === 'ECONNREFUSED' ? { kind: 'refused' } : { kind: 'cut', error: error.message },
    ),
  );
  const half = Math.floor(body.length / 2);
  if (half > 0) request.write(body.subarray(0, half));
  return {
    finish: () => {
      request.end(body.subarray(half));
      return outcome;
    },
  };
}

/** Signs the test cashier in at the test register; returns the Cookie header. */
export async function signIn(url: string, shop: TestShop): Promise<string> {
  const outcome = await send({
    url: `${url}/api/v1/auth/pin-sign-in`,
    method: 'POST',
    body: JSON.stringify({ username: 'cashier1', pin: '2580', registerId: shop.registerId }),
  });
  const cookie = outcome.kind === 'answered' ? outcome.headers['set-cookie']?.[0] : undefined;
  if (!cookie) throw new Error(`sign-in failed: ${JSON.stringify(outcome)}`);
  return cookie.split(';')[0]!;
}
