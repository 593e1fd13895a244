import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runClientele } from '../support/cli.ts';

const data = join(import.meta.dirname, '..', '..', '..', 'shared', 'data');
const cdnow = join(data, 'cdnow-sample.txt');
const retail = join(data, 'online-retail-sample.csv');
const retailMap = 'customer=CustomerID,date=InvoiceDate,amount=TotalPrice';

const dir = mkdtempSync(join(tmpdir(), 'clientele-insights-model-'));
// The commands read a file and print: were they to open a database, these would make
// them fail (nothing listens on port 1) or leave a data directory behind.
const dataDir = join(dir, 'data-never-made');
const env = { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', CLIENTELE_DATA_DIR: dataDir };
const clientele = (args: string[]) => runClientele(['insights', ...args], env);

function badFile(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

afterAll(() => {
  expect(existsSync(dataDir)).toBe(false);
  rmSync(dir, { recursive: true, force: true });
});

describe('clientele insights fit', { timeout: 120_000 }, () => {
  it.concurrent("fits the paper's BG/NBD on CDNOW weeks 1–39 with --model bg", async () => {
    const run = await clientele([
      'fit',
      '--transactions',
      cdnow,
      '--calibration-end',
      '1997-09-30',
      '--unit',
      'weeks',
      '--model',
      'bg',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const fit = JSON.parse(run.stdout);
    expect(fit.customers).toBe(2357);
    expect(fit.rhythm).toMatchObject({ model: 'BG/NBD', converged: true });
    expect(fit.rhythm.r).toBeCloseTo(0.243, 3);
    expect(fit.rhythm.alpha).toBeCloseTo(4.414, 3);
    expect(fit.rhythm.a).toBeCloseTo(0.793, 3);
    expect(fit.rhythm.b).toBeCloseTo(2.426, 3);
    expect(fit.rhythm.logLikelihood).toBeCloseTo(-9582.4, 1);
    expect(fit.spend).toMatchObject({ model: 'Gamma-Gamma', converged: true, customers: 946 });
    expect(fit.spend.p).toBeCloseTo(6.25, 2);
    expect(fit.spend.q).toBeCloseTo(3.74, 2);
    expect(fit.spend.v).toBeCloseTo(15.44, 2);
    expect(fit).toMatchObject({ method: 'model', reason: null, atEdge: [] });
  });

  it.concurrent(
    'says plainly on 13 days of Online Retail that the model is not to be used',
    async () => {
      const run = await clientele([
        'fit',
        '--transactions',
        retail,
        '--map',
        retailMap,
        '--returns',
      ]);
      expect(run.code).toBe(0);
      expect(run.stdout).not.toMatch(/NaN|Infinity/);
      const fit = JSON.parse(run.stdout);
      expect(fit.file).toMatchObject({ linesWithoutCustomer: 10003, lastDay: '2010-12-13' });
      expect(fit.method).toBe('rule');
      expect(fit.reason).toBe('only 12 days of sales history (the model needs 180)');
      // Whether the optimiser stops or runs a parameter to 0, the output says which.
      if (fit.rhythm.converged) expect(fit.atEdge.length).toBeGreaterThan(0);
      else expect(fit.rhythm.r).toBeNull();
      expect(run.stderr).toMatch(
        /warning: (The fit ran to the edge of the parameter space|The MBG\/NBD fit did not converge)/,
      );
      expect(run.stderr).toContain("warning: The shop's scores would use the fixed rule");
    },
  );
});

describe('clientele insights backtest', { timeout: 120_000 }, () => {
  it.concurrent('prints the holdout beside the actual 1,882 and three AUCs on CDNOW', async () => {
    const run = await clientele([
      'backtest',
      cdnow,
      '--calibration-end',
      '1997-09-30',
      '--unit',
      'weeks',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = run.stdout;
    expect(out).toMatch(/MBG\/NBD \(time in weeks\): r = 0\.5248, alpha = 6\.1831/);
    expect(out).toMatch(/Holdout: 1997-10-01 to 1998-06-30 \(39 weeks\)/);
    const total = /^total\s+(\d+)\s+(\d+)\s+([\d.]+)/m.exec(out);
    expect(total?.slice(1, 3)).toEqual(['2357', '1882']);
    expect(Number(total?.[3])).toBeCloseTo(1576.7, 1);
    for (const group of ['0', '1', '2', '3', '4', '5', '6', '7+'])
      expect(out).toMatch(
        new RegExp(`^${group.replace('+', '\\+')}\\s+\\d+\\s+\\d+\\s+[\\d.]+`, 'm'),
      );
    const aucOf = (label: string) => {
      const match = new RegExp(`^${label}.*\\s(0\\.\\d{3})$`, 'm').exec(out);
      return match ? Number(match[1]) : null;
    };
    const pActive = aucOf('P\\(active\\), MBG/NBD');
    const recency = aucOf('days since last purchase');
    const rule = aucOf('fixed rule');
    expect(pActive).toBeGreaterThan(0.5);
    expect(pActive).toBeLessThan(1);
    expect(recency).toBeGreaterThan(0.5);
    expect(rule).toBeGreaterThanOrEqual(0);
    expect(rule).toBeLessThanOrEqual(1);
  });

  it.concurrent('runs on Online Retail with its map, saying the rule would be used', async () => {
    const run = await clientele([
      'backtest',
      retail,
      '--map',
      retailMap,
      '--returns',
      '--calibration-end',
      '2010-12-08',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/NaN|Infinity/);
    expect(run.stdout).toContain('10003 lines without a customer left out');
    expect(run.stdout).toContain("The shop's scores would use the fixed rule");
  });
});

describe('clientele insights: bad transaction files', { timeout: 120_000 }, () => {
  const header = 'customer,date,amount\n';
  const cases: [string, string[], RegExp][] = [
    [
      'an unreadable date',
      [badFile('bad-date.csv', `${header}c1,2024-01-05,10\nc2,31/12/2024,10\n`)],
      /\(date\): line 3, column date: "31\/12\/2024" is not a date/,
    ],
    [
      'a negative amount',
      [badFile('negative.csv', `${header}c1,2024-01-05,10\nc1,2024-01-06,-3.50\n`)],
      /\(amount\): line 3, column amount: -3\.50 is a negative amount.*pass --returns/,
    ],
    [
      'an amount that is not a number',
      [badFile('text-amount.csv', `${header}c1,2024-01-05,ten\n`)],
      /\(amount\): line 2, column amount: "ten" is not a number/,
    ],
    [
      'a --map column the file does not have',
      [badFile('ok.csv', `${header}c1,2024-01-05,10\n`), '--map', 'customer=CustomerID'],
      /\(CustomerID\): line 1, column CustomerID: no such column for the customer/,
    ],
    [
      'an unknown --map field',
      [badFile('ok2.csv', `${header}c1,2024-01-05,10\n`), '--map', 'shop=Store'],
      /\(map\): --map takes field=Column pairs/,
    ],
    ['an empty file', [badFile('empty.csv', '')], /\(file\): The file is empty/],
    ['a header without rows', [badFile('header.csv', header)], /\(file\): .*no data lines/],
  ];

  for (const [what, args, message] of cases) {
    it.concurrent(`refuses ${what}, naming where, with a failing exit`, async () => {
      const [path, ...rest] = args as [string, ...string[]];
      const fit = await clientele(['fit', '--transactions', path, ...rest]);
      expect(fit.code).not.toBe(0);
      expect(fit.stdout).toBe('');
      expect(fit.stderr).toMatch(new RegExp(`^error validation_failed ${message.source}`));
      const backtest = await clientele([
        'backtest',
        path,
        '--calibration-end',
        '2024-01-05',
        ...rest,
      ]);
      expect(backtest.code).not.toBe(0);
      expect(backtest.stderr).toMatch(new RegExp(`^error validation_failed ${message.source}`));
    });
  }

  it.concurrent('refuses a calibration end that is not a date, and a missing file', async () => {
    const path = badFile('fine.csv', `${header}c1,2024-01-05,10\n`);
    const date = await clientele(['backtest', path, '--calibration-end', 'soon']);
    expect(date.code).not.toBe(0);
    expect(date.stderr).toMatch(/--calibration-end: "soon" is not a date/);
    const missing = await clientele(['fit', '--transactions', join(dir, 'nowhere.csv')]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/error file_not_found \(transactions\): cannot open/);
  });
});
