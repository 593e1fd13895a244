import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/databases.ts';
import type { DatabaseHandle } from '../../store/database.ts';
import { idempotencyClaims, type IdempotencyClaims } from './idempotency.ts';
import { sha256 } from './secrets.ts';

/**
 * Each `idempotencyClaims` stands for one server process: a process that "dies" is one
 * whose claims object is dropped without finishing what it holds.
 */
describe.each(testDatabases())('Idempotency-Key claims on $name', (database) => {
  let handle: DatabaseHandle;
  const opened: IdempotencyClaims[] = [];
  const server = (settings: Parameters<typeof idempotencyClaims>[1]) => {
    const claims = idempotencyClaims(handle.db, settings);
    opened.push(claims);
    return claims;
  };
  let n = 0;
  const request = () => ({ scope: 'staff:test', key: `k-${n++}`, fingerprint: 'POST /x {}' });
  const answer = { status: 201, body: '{"a":1}', contentType: 'application/json' };

  beforeAll(async () => {
    handle = await database.open();
  });
  afterAll(async () => {
    for (const claims of opened) claims.close();
    await handle.close();
  });

  const claimOf = async (claims: IdempotencyClaims, req: ReturnType<typeof request>) => {
    const begun = await claims.begin(req);
    if (!begun.ok || !('claim' in begun.value)) throw new Error(JSON.stringify(begun));
    return begun.value.claim;
  };

  describe('on a database one process owns (PGlite)', () => {
    it('refuses a retry while this process still runs the first', async () => {
      const claims = server({ exclusive: true });
      const req = request();
      const claim = await claimOf(claims, req);
      expect(await claims.begin(req)).toMatchObject({ ok: false, code: 'request_in_progress' });
      await claims.finish(claim, answer);
      expect(await claims.begin(req)).toEqual({ ok: true, value: { replay: answer } });
      expect(claims.held()).toBe(0);
    });

    it('takes over at once a claim left by the process before a restart', async () => {
      const before = server({ exclusive: true, leaseMs: 600_000 });
      const req = request();
      const dead = await claimOf(before, req);
      const after = server({ exclusive: true });
      const taken = await claimOf(after, req);
      expect(taken.claimId).not.toBe(dead.claimId);
      // The dead request's late answer does not overwrite the one its retry gives.
      await after.finish(taken, answer);
      await before.finish(dead, { ...answer, body: '{"a":"late"}' });
      expect(await after.begin(req)).toEqual({ ok: true, value: { replay: answer } });
    });

    it('still refuses a dead claim for another request under the same key', async () => {
      const req = request();
      await claimOf(server({ exclusive: true }), req);
      const retry = await server({ exclusive: true }).begin({ ...req, fingerprint: 'POST /y {}' });
      expect(retry).toMatchObject({ ok: false, code: 'idempotency_key_reused' });
    });
  });

  describe('on a database servers share (PostgreSQL)', () => {
    it('leaves a live server its claim for as long as it keeps running', async () => {
      const holder = server({ exclusive: false, leaseMs: 400 });
      const req = request();
      await claimOf(holder, req);
      // Several leases long: the holder's heartbeat keeps renewing it.
      await sleep(1_200);
      const other = server({ exclusive: false, leaseMs: 400 });
      expect(await other.begin(req)).toMatchObject({ ok: false, code: 'request_in_progress' });
    });

    it("takes over a claim once its server's lease ran out", async () => {
      const holder = server({ exclusive: false, leaseMs: 400 });
      const req = request();
      await claimOf(holder, req);
      const other = server({ exclusive: false, leaseMs: 400 });
      expect(await other.begin(req)).toMatchObject({ ok: false, code: 'request_in_progress' });
      holder.close(); // the server is gone: no more heartbeats
      await sleep(700);
      const taken = await claimOf(other, req);
      await other.finish(taken, answer);
      expect(await holder.begin(req)).toEqual({ ok: true, value: { replay: answer } });
    });

    it('gives a dead claim to exactly one of two racing retries', async () => {
      const req = request();
      const holder = server({ exclusive: false, leaseMs: 50 });
      await claimOf(holder, req);
      holder.close();
      await sleep(200);
      const [one, two] = await Promise.all([
        server({ exclusive: false }).begin(req),
        server({ exclusive: false }).begin(req),
      ]);
      const won = [one, two].filter((begun) => begun.ok);
      expect(won).toHaveLength(1);
      expect([one, two].find((begun) => !begun.ok)).toMatchObject({
        code: 'request_in_progress',
      });
    });

    it('takes over a key left unanswered before claims had holders', async () => {
      const req = request();
      await handle.db
        .insertInto('idempotency_keys')
        .values({
          scope: req.scope,
          key: req.key,
          request_hash: sha256(req.fingerprint),
        })
        .execute();
      const begun = await server({ exclusive: false }).begin(req);
      expect(begun.ok && 'claim' in begun.value).toBe(true);
    });
  });

  it('frees the key after a refusal that depends on the caller, so the retry runs', async () => {
    const claims = server({ exclusive: false });
    const req = request();
    await claims.finish(await claimOf(claims, req), { ...answer, status: 403 });
    await claims.finish(await claimOf(claims, req), answer);
    expect(await claims.begin(req)).toEqual({ ok: true, value: { replay: answer } });
  });
});
