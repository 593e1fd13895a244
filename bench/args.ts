/**
 * Benchmark options from `--name value` / `--flag` arguments, falling back to the
 * environment (`--pg-customers` <- BENCH_PG_CUSTOMERS), so CI can set them either way.
 */
export type BenchArgs = {
  number(name: string, fallback: number): number;
  flag(name: string): boolean;
  text(name: string, fallback: string): string;
};

function envName(name: string): string {
  return `BENCH_${name.toUpperCase().replace(/-/g, '_')}`;
}

export function parseArgs(argv: readonly string[]): BenchArgs {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) throw new Error(`Unexpected argument: ${arg}`);
    const [name = '', inline] = arg.slice(2).split('=', 2);
    const next = argv[i + 1];
    if (inline !== undefined) values.set(name, inline);
    else if (next !== undefined && !next.startsWith('--')) {
      values.set(name, next);
      i++;
    } else flags.add(name);
  }
  const raw = (name: string) => values.get(name) ?? process.env[envName(name)];
  return {
    number(name, fallback) {
      const value = raw(name);
      if (value === undefined || value === '') return fallback;
      const parsed = Number(value.replace(/_/g, ''));
      if (!Number.isInteger(parsed) || parsed < 0) {
        throw new Error(`--${name} must be a whole number, got ${value}`);
      }
      return parsed;
    },
    flag(name) {
      const value = process.env[envName(name)];
      return flags.has(name) || value === '1' || value === 'true';
    },
    text(name, fallback) {
      return raw(name) ?? fallback;
    },
  };
}
