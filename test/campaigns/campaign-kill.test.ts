import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createCampaignSegment } from '../../src/services/segments/segments.ts';
import { openPostgres, type DatabaseHandle } from '../../src/store/database.ts';
import { configureTestMail } from '../support/campaigns.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp.ts';

/**
 * Exactly once across a kill -9: the sender runs in a child process on PostgreSQL, is
 * killed the moment the SMTP server has accepted the 12th message (before the sender
 * can have marked it), and is started again. Every consenting recipient outside the
 * control group receives the message, and at most one of them (the one in flight at the
 * kill) receives it twice; the control group receives nothing.
 */
const template = inject('postgresTemplate');
const child = join(import.meta.dirname, 'support/campaign-sender-child.ts');
const recipients = 40;

async function adminQuery(text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

function startSender(url: string): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', child, url], {
    env: { ...process.env, LOG_LEVEL: 'silent', LEASE_MILLIS: '1500' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const exited = (process: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (process.exitCode !== null || process.signalCode !== null) resolve();
    else process.once('exit', () => resolve());
  });

describe.skipIf(!template)('campaign sender killed with -9 on postgres', () => {
  const name = `clientele_kill_${randomBytes(6).toString('hex')}`;
  let url: string;
  let handle: DatabaseHandle;
  let t: TestApp;
  let smtp: TestSmtpServer;
  let sender: ChildProcess | null = null;
  let killedAt = 0;

  beforeAll(async () => {
    const source = new URL(template!);
    await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${source.pathname.slice(1)}`);
    source.pathname = `/${name}`;
    url = source.toString();
    handle = openPostgres(url, 4);
    t = await buildTestApp(handle);
    smtp = await startTestSmtpServer({
      onDelivered: () => {
        if (smtp.delivered.length === 12 && killedAt === 0 && sender) {
          killedAt = smtp.delivered.length;
          sender.kill('SIGKILL');
        }
      },
    });
    await configureTestMail(t.deps, {
      admin: t.shop.actors.admin,
      port: smtp.port,
      ratePerSecond: 40,
    });
    const cashier = await t.cookieFor('cashier');
    for (let i = 0; i < recipients; i++) {
      const created = await t.call('POST', '/customers', cashier, {
        name: `Kim ${i}`,
        email: `kim${i}@example.org`,
        consents: [{ channel: 'email', granted: true, wording: 'Offers by email' }],
      });
      expect(created.statusCode, created.body).toBe(201);
    }
  }, 60_000);

  afterAll(async () => {
    sender?.kill('SIGKILL');
    await smtp?.close();
    await t?.app.close();
    await handle?.close();
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it('delivers to every consenting recipient once, at most one twice', async () => {
    const marketer = await t.cookieFor('marketer');
    const segment = await createCampaignSegment({
      deps: t.deps,
      actor: t.shop.actors.marketer,
      input: { name: 'All', definition: {} },
    });
    if (!segment.ok) throw new Error(segment.message);
    const created = await t.call('POST', '/campaigns', marketer, {
      name: 'Kill test',
      segmentId: segment.value.id,
      subject: 'Hi {{firstName}}',
      html: '<p>Hi {{firstName}}</p><a href="{{unsubscribeUrl}}">Unsubscribe</a>',
      text: 'Hi {{firstName}} {{unsubscribeUrl}}',
      controlShareBp: 1000,
    });
    const id: string = created.json().campaign.id;
    expect((await t.call('POST', `/campaigns/${id}/schedule`, marketer, {})).statusCode).toBe(200);

    sender = startSender(url);
    const first = sender;
    await exited(first);
    expect(first.signalCode).toBe('SIGKILL');
    expect(killedAt).toBe(12);

    sender = startSender(url);
    const deadline = Date.now() + 60_000;
    let state = '';
    while (Date.now() < deadline) {
      const row = await t.deps.db
        .selectFrom('campaigns')
        .select('state')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      state = row.state;
      if (state === 'finished') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(state).toBe('finished');
    sender.kill('SIGTERM');
    await exited(sender);

    const rows = await t.deps.db
      .selectFrom('campaign_recipients as r')
      .innerJoin('customers as c', 'c.id', 'r.customer_id')
      .select(['c.name', 'r.state'])
      .where('r.campaign_id', '=', id)
      .execute();
    expect(rows).toHaveLength(recipients);
    const emailOf = (customerName: string) => `kim${customerName.slice(4)}@example.org`;
    const received = new Map<string, number>();
    for (const mail of smtp.delivered) {
      const to = mail.envelopeTo[0]!;
      received.set(to, (received.get(to) ?? 0) + 1);
    }
    const control = rows.filter((row) => row.state === 'control');
    expect(control.length).toBeGreaterThan(0);
    for (const row of control) expect(received.get(emailOf(row.name)) ?? 0).toBe(0);
    const owed = rows.filter((row) => row.state !== 'control');
    for (const row of owed) {
      expect(row.state).toBe('sent');
      expect(received.get(emailOf(row.name)) ?? 0).toBeGreaterThanOrEqual(1);
    }
    // The only one that may come twice: the 12th, accepted just as the sender was killed.
    const inFlight = smtp.delivered[11]!.envelopeTo[0];
    const twice = [...received].filter(([, n]) => n > 1);
    expect(
      twice.every(([to, n]) => to === inFlight && n === 2),
      JSON.stringify(twice),
    ).toBe(true);
    process.stdout.write(`kill -9 test: ${twice.length} duplicate(s) of ${owed.length}\n`);
    expect(smtp.delivered.length).toBeLessThanOrEqual(owed.length + 1);
  }, 120_000);
});
