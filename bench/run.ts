import { parseArgs, type BenchArgs } from './args.ts';
import { runCampaignsBench } from './campaigns.ts';
import { runCheckoutBench } from './checkout.ts';
import { runCheckoutDurabilityBench } from './checkout-durability.ts';
import { runInsightsBench } from './insights.ts';
import { runLoyaltyBench } from './loyalty.ts';
import { runSearchBench } from './search.ts';
import { runStoredValueBench } from './stored-value.ts';

/** `npm run bench -- <name> [options]`; each benchmark prints tables and one JSON line. */
const benches: Record<string, { about: string; run: (args: BenchArgs) => Promise<void> }> = {
  search: {
    about:
      'till search on generated customers vs a naive ILIKE baseline\n' +
      '      --pg-customers N (1000000)  --pglite-customers N (200000)  --queries N (300)\n' +
      '      --baseline-queries N (150)  --skip-postgres  --skip-pglite  --skip-trigram\n' +
      '      --reuse (measure again on the PostgreSQL data of an earlier run, no reload)\n' +
      '      PostgreSQL: BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/clientele_bench)',
    run: runSearchBench,
  },
  checkout: {
    about:
      'sales per second from concurrent registers (service layer and HTTP), and the\n' +
      '      purchase history of a customer with thousands of sales, on PostgreSQL\n' +
      '      --seconds N (20)  --sales N (0: run for --seconds)  --warmup-seconds N (3)\n' +
      '      --registers N (16)  --pool N (20)  --customers N (10000)  --products N (50)\n' +
      '      --history-sales N (5000)  --history-runs N (200)  --deep-page N (100)\n' +
      '      --skip-service  --skip-http  --skip-history\n' +
      '      PostgreSQL: BENCH_CHECKOUT_DATABASE_URL\n' +
      '      (postgres://postgres@127.0.0.1:5432/clientele_bench_checkout; schema public is reset)',
    run: runCheckoutBench,
  },
  'checkout-durability': {
    about:
      'sales per second on embedded PGlite in a data directory, durability off (no fsync,\n' +
      "      PGlite's default) against fsync (Clientele's default), alternating rounds in one run\n" +
      '      --registers N (4)  --rounds N (6)  --seconds N (5 per round)  --customers N (2000)\n' +
      '      --dir PATH (the temporary folder: put it on the disk the shop would use)',
    run: runCheckoutDurabilityBench,
  },
  'stored-value': {
    about:
      'gift card redemptions per second from concurrent workers on PostgreSQL: the ledger\n' +
      '      alone (changeGiftCard) and whole sales paid by gift card (completeSale), each on\n' +
      '      one hot card and spread over many cards; then checks balance == sum of activities\n' +
      '      --seconds N (15)  --warmup-seconds N (2)  --workers N (32, pool the same)\n' +
      '      --cards N (10000)  --skip-ledger  --skip-sale\n' +
      '      PostgreSQL: BENCH_STORED_VALUE_DATABASE_URL\n' +
      '      (postgres://postgres@127.0.0.1:5432/clientele_bench_stored_value; schema public is reset)',
    run: runStoredValueBench,
  },
  loyalty: {
    about:
      'checkout cost with the loyalty programme on (completeSale, every sale with a customer):\n' +
      '      (a) 1, (b) 10, (c) 100 active promotions; 10 promotions with customers of (d) 10 and\n' +
      '      (e) 10,000 past sales; each one worker, then --workers at once (own register each);\n' +
      '      then checks selectLoyaltyMismatches is empty and points were earned\n' +
      '      --sales N (400 per row)  --workers N (8)  --warmup-sales N (40)  --pool N (workers + 2)\n' +
      '      --customers N (200)  --short-customers N (20)  --short-sales N (10)\n' +
      '      --long-customers N (max(5, workers))  --long-sales N (10000)  --skip-history\n' +
      '      PostgreSQL: BENCH_LOYALTY_DATABASE_URL\n' +
      '      (postgres://postgres@127.0.0.1:5432/clientele_bench_loyalty; schema public is reset)',
    run: runLoyaltyBench,
  },
  insights: {
    about:
      'insights recompute (wall time, peak RSS, phases with the fit alone) on generated\n' +
      '      customers with ~2 years of sales, and the till look-up with and without the insight\n' +
      '      --pg-customers N (1000000)  --pglite-customers N (200000)  --sales-per-customer N (10)\n' +
      '      --lookups N (2000)  --warmup N (200)  --skip-postgres  --skip-pglite  --skip-phases\n' +
      '      --reuse (measure again on the PostgreSQL data of an earlier run, no reload)\n' +
      '      --lookups-only (no recompute: the look-ups on the insights already stored)\n' +
      '      PostgreSQL: BENCH_INSIGHTS_DATABASE_URL\n' +
      '      (postgres://postgres@127.0.0.1:5432/clientele_bench_insights; schema public is reset)',
    run: runInsightsBench,
  },
  campaigns: {
    about:
      'a campaign to every recipient through a local SMTP sink, sent by the real server in a\n' +
      '      child process: messages/s, peak RSS of the server, kill -9 at 40% then restart (time\n' +
      '      to the next message and to the end; each recipient once, at most one twice), and the\n' +
      '      till search p95 over HTTP while it sends against the same searches with none\n' +
      '      --recipients N (100000)  --skip-postgres  --skip-pglite\n' +
      '      PostgreSQL: BENCH_CAMPAIGNS_DATABASE_URL\n' +
      '      (postgres://postgres@127.0.0.1:5432/clientele_bench_campaigns; schema public is reset)',
    run: runCampaignsBench,
  },
};

function usage(): string {
  const lines = Object.entries(benches).map(([name, bench]) => `  ${name}  ${bench.about}`);
  return ['Usage: npm run bench -- <name> [options]', '', ...lines].join('\n');
}

const [name, ...rest] = process.argv.slice(2);
const bench = name === undefined ? undefined : benches[name];
if (rest.includes('--help') || rest.includes('-h')) {
  // Options a benchmark does not know are ignored, so `--help` used to start a full run
  // (resetting its database); it prints the usage instead.
  console.log(usage());
} else if (!bench) {
  console.error(name === undefined ? usage() : `Unknown benchmark: ${name}\n\n${usage()}`);
  process.exitCode = 2;
} else {
  try {
    await bench.run(parseArgs(rest));
  } catch (error) {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  }
}
