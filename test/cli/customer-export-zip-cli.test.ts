import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runClientele } from '../support/cli.ts';

/** The real CLI in a child process against its own embedded database. */
const clientele = (args: string[], env: Record<string, string>) =>
  runClientele(args, { ...env, DATABASE_URL: '' });

describe('clientele customers export-one --format', { timeout: 120_000 }, () => {
  let dir: string;
  let env: Record<string, string>;
  const exportOne = (number: string, ...more: string[]) =>
    clientele(['customers', 'export-one', number, '--reason', 'subject access', ...more], env);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'clientele-export-zip-'));
    env = { CLIENTELE_DATA_DIR: join(dir, 'data') };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses an unknown format and a zip without --out, leaving no file', async () => {
    const out = join(dir, 'refused.xlsx');
    const unknown = await exportOne('100001', '--format', 'xlsx', '--out', out);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('error validation_failed (format): --format must be one of');
    expect(existsSync(out)).toBe(false);
    const toTerminal = await exportOne('100001', '--format', 'zip');
    expect(toTerminal.code).toBe(1);
    expect(toTerminal.stderr).toContain('--format zip writes a file: give it --out');
    expect(toTerminal.stdout).toBe('');
  });

  it('writes the zip of CSV files to --out, and none for an unknown customer', async () => {
    expect((await clientele(['demo', '--customers', '3'], env)).code).toBe(0);
    const list = join(dir, 'all.csv');
    expect((await clientele(['customers', 'export', '--out', list], env)).code).toBe(0);
    const [first] = parse(readFileSync(list, 'utf8'), { columns: true }) as { number: string }[];
    const out = join(dir, 'one.zip');
    const written = await exportOne(first!.number, '--format', 'zip', '--out', out);
    expect(written.code, written.stderr).toBe(0);
    const files = unzipSync(new Uint8Array(readFileSync(out)));
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['README.txt', 'customer.csv']));
    const [customer] = parse(strFromU8(files['customer.csv']!), { columns: true }) as {
      number: string;
    }[];
    expect(customer?.number).toBe(first!.number);
    const missing = join(dir, 'missing.zip');
    const unknown = await exportOne('000000000', '--format', 'zip', '--out', missing);
    expect(unknown.code).toBe(1);
    expect(existsSync(missing)).toBe(false);
  });
});
