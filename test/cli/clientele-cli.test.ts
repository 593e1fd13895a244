import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCardNumber } from '../../src/domain/customer-number.ts';

const run = promisify(execFile);
// The sources through tsx, so a stale build in dist/ can never be what is tested.
const main = join(import.meta.dirname, '../../src/cli/main.ts');

/** Runs the real CLI in a child process against its own embedded database. */
async function clientele(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', main, ...args], {
      env: { ...process.env, ...env, DATABASE_URL: '', LOG_LEVEL: 'silent' },
      timeout: 100_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('clientele CLI', { timeout: 120_000 }, () => {
  let dir: string;
  let env: Record<string, string>;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'clientele-cli-'));
    env = { CLIENTELE_DATA_DIR: join(dir, 'data') };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists its commands', async () => {
    const help = await clientele(['--help'], env);
    for (const command of ['serve', 'migrate', 'demo', 'staff', 'customers'])
      expect(help.stdout).toContain(command);
  });

  it('reports bad configuration clearly', async () => {
    const result = await clientele(['migrate'], {
      ...env,
      PORT: 'eighty',
      CLIENTELE_MASTER_KEY: 'short',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('PORT must be a whole number');
    expect(result.stderr).toContain('CLIENTELE_MASTER_KEY must be 32 bytes');
  });

  it('imports a CSV accounting for every line, then exports it again', async () => {
    const csv = [
      'name,phone,email,city,postcode,address_line1,country,birthday,card_number,email_consent,sizes',
      `Ann Import,07911 123456,ann@example.com,Leeds,LS1 1AA,1 High St,GB,1980-01-02,${makeCardNumber(31)},yes,"M, L"`,
      ',07911 123987,,,,,,,,,',
      'Bad Phone,12,,,,,,,,,',
      `Card Clash,,,,,,,,${makeCardNumber(31)},,`,
      'Quote "Q" Person,,q@example.com,,,,,,,no,',
      'Bad Consent,,,,,,,,,maybe,',
    ].join('\n');
    const file = join(dir, 'customers.csv');
    const report = join(dir, 'report.csv');
    writeFileSync(file, csv);
    const imported = await clientele(
      ['customers', 'import', file, '--report', report, '--email-wording', 'Email me offers'],
      env,
    );
    expect(imported.stdout, imported.stderr).toContain('2 imported, 4 rejected');
    expect(imported.stdout).toContain('line 3: rejected validation_failed (name)');
    expect(imported.stdout).toContain('line 4: rejected validation_failed (phone)');
    expect(imported.stdout).toContain('line 5: rejected card_already_linked (card_number)');
    expect(imported.stdout).toContain('line 7: rejected validation_failed (email_consent)');
    expect(imported.code).toBe(1);
    const reportLines = readFileSync(report, 'utf8').trim().split('\n');
    expect(reportLines).toHaveLength(7);
    expect(reportLines[1]).toMatch(/^2,imported,\d{9},,$/);

    const out = join(dir, 'export.csv');
    const exported = await clientele(['customers', 'export', '--out', out], env);
    expect(exported.code).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toContain('number,name,phone,email');
    expect(lines).toHaveLength(3);
    expect(lines.join('\n')).toContain(
      `Ann Import,+447911123456,ann@example.com,1 High St,,Leeds,LS1 1AA,GB,1980-01-02,"M, L"`,
    );
    expect(lines.join('\n')).toContain(makeCardNumber(31));
  });

  it('adds staff from the command line, refusing a weak PIN', async () => {
    const weak = await clientele(
      ['staff', 'add', '--username', 'kim', '--name', 'Kim', '--role', 'cashier', '--pin', '1234'],
      env,
    );
    expect(weak.stderr).toContain('error validation_failed (pin)');
    const added = await clientele(
      ['staff', 'add', '--username', 'kim', '--name', 'Kim', '--role', 'cashier', '--pin', '4826'],
      env,
    );
    expect(added.stdout).toContain('Added kim (cashier)');
  });
});
