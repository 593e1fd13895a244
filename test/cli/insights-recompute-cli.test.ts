import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runClientele } from '../support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'clientele-insights-recompute-'));
const env = { DATABASE_URL: '', CLIENTELE_DATA_DIR: join(dir, 'data') };

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('clientele insights recompute', { timeout: 120_000 }, () => {
  it('on a shop without sales says the rule is in use and why, and where the time went', async () => {
    const run = await runClientele(['insights', 'recompute'], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Insights recomputed for \d{4}-\d{2}-\d{2}: rule rule\/1 \(/m);
    expect(run.stdout).toMatch(/0 customers scored, 0 lapsed, 0 old rows removed/);
    expect(run.stdout).toMatch(/\(read \d+ ms, fit and rank \d+ ms, write \d+ ms\)\.$/m);
  });
});
