import { join, resolve } from 'node:path';
import { isSenderAddress } from './domain/mail-settings.ts';

/**
 * Configuration is read once from the environment, validated, and frozen. Every problem
 * is reported at once with the variable's name, so a bad deployment fails at start-up
 * rather than at the first customer.
 */
/** An SMTP server for e-receipts; `user` and `password` are both set or both null. */
export type SmtpConfig = Readonly<{
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user: string | null;
  password: string | null;
  /** The sender, as `receipts@shop.example` or `Shop <receipts@shop.example>`. */
  from: string;
}>;

export type Config = Readonly<{
  port: number;
  host: string;
  /** PostgreSQL connection string; when absent the embedded PGlite database is used. */
  databaseUrl: string | null;
  dataDir: string;
  /** 32-byte master key (base64 or hex); when absent a key file in dataDir is used. */
  masterKey: Buffer | null;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Fill an empty database with the demo shop on start. */
  seedDemo: boolean;
  sessionHours: number;
  secureCookies: boolean;
  signInRateLimitPerMinute: number;
  /** Null when SMTP_HOST is unset: e-receipts are then refused with a clear message. */
  smtp: SmtpConfig | null;
  /** Where backups go, how long nightly ones are kept, when they run (see README, Backups). */
  backup: BackupSettings;
  /** Tests only (CLIENTELE_TEST_FAULT): where the server kills itself; null in real use. */
  testFault: TestFault | null;
  /** How long a stop may take to finish what is in flight before the exit is forced. */
  shutdownSeconds: number;
  /** When set, GET /metrics wants `Authorization: Bearer <token>`; otherwise it is open. */
  metricsToken: string | null;
}>;

/**
 * Test-only fault injection for the crash test (test/crash): the server SIGKILLs itself
 * at that point of the first request carrying an Idempotency-Key. `crash-after-claim`:
 * the key is claimed, the handler has not run (a sale never committed);
 * `crash-before-answer`: the handler answered (a sale committed) but the answer is not
 * yet recorded. Never set it outside tests.
 */
export const testFaults = ['crash-after-claim', 'crash-before-answer'] as const;
export type TestFault = (typeof testFaults)[number];

export type BackupSettings = Readonly<{
  /** CLIENTELE_BACKUP_DIR; default `backups` inside the data directory. */
  dir: string;
  /** CLIENTELE_BACKUP_KEEP_DAYS: nightly backups older than this are deleted (the newest never). */
  keepDays: number;
  /** CLIENTELE_BACKUP_AT: the nightly backup's local time, or null for none ("off"). */
  nightlyAt: Readonly<{ hour: number; minute: number }> | null;
  /** CLIENTELE_PG_BIN: the folder of pg_dump and pg_restore, when not the usual places. */
  pgBinDir: string | null;
}>;

/** Reads the backup settings; each problem is added to `problems` with the variable's name. */
function backupSettings(
  env: NodeJS.ProcessEnv,
  dataDir: string,
  problems: string[],
): BackupSettings {
  const keepRaw = env.CLIENTELE_BACKUP_KEEP_DAYS?.trim() || '14';
  const keepDays = Number(keepRaw);
  if (!/^\d+$/.test(keepRaw) || keepDays < 1 || keepDays > 3650) {
    problems.push(
      `CLIENTELE_BACKUP_KEEP_DAYS must be a whole number of days from 1 to 3650 (got "${keepRaw}")`,
    );
  }
  const atRaw = env.CLIENTELE_BACKUP_AT?.trim() || '03:00';
  const at = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(atRaw);
  if (!at && atRaw.toLowerCase() !== 'off') {
    problems.push(
      `CLIENTELE_BACKUP_AT must be a time of day such as 03:00, or off (got "${atRaw}")`,
    );
  }
  const pgBin = env.CLIENTELE_PG_BIN?.trim() || null;
  return Object.freeze({
    dir: resolve(env.CLIENTELE_BACKUP_DIR?.trim() || join(dataDir, 'backups')),
    keepDays: Number.isInteger(keepDays) && keepDays >= 1 ? Math.min(keepDays, 3650) : 14,
    nightlyAt: at ? Object.freeze({ hour: Number(at[1]), minute: Number(at[2]) }) : null,
    pgBinDir: pgBin ? resolve(pgBin) : null,
  });
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function parseMasterKey(value: string): Buffer | null {
  const trimmed = value.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, 'base64');
  return key.length === 32 ? key : null;
}

function parseBoolean(value: string): boolean | null {
  if (['1', 'true', 'yes', 'on'].includes(value.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(value.toLowerCase())) return false;
  return null;
}

function testFault(raw: string | undefined, problems: string[]): TestFault | null {
  const value = raw?.trim();
  if (!value) return null;
  const known = testFaults.find((fault) => fault === value);
  if (!known)
    problems.push(`CLIENTELE_TEST_FAULT must be one of ${testFaults.join(', ')} (tests only)`);
  return known ?? null;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const boolean = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = parseBoolean(raw);
    if (value === null) problems.push(`${name} must be true or false (got "${raw}")`);
    return value ?? fallback;
  };

  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  }
  let masterKey: Buffer | null = null;
  if (env.CLIENTELE_MASTER_KEY) {
    masterKey = parseMasterKey(env.CLIENTELE_MASTER_KEY);
    if (!masterKey) {
      problems.push('CLIENTELE_MASTER_KEY must be 32 bytes, written as 64 hex digits or base64');
    }
  }
  const logLevel = (env.LOG_LEVEL ?? 'info') as Config['logLevel'];
  if (!logLevels.includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${logLevels.join(', ')} (got "${env.LOG_LEVEL}")`);
  }

  const metricsToken = env.CLIENTELE_METRICS_TOKEN?.trim() || null;
  // A scraper sends it as a bearer token: printable, no spaces, and long enough not to guess.
  if (metricsToken !== null && !/^[\x21-\x7e]{16,200}$/.test(metricsToken)) {
    problems.push(
      'CLIENTELE_METRICS_TOKEN must be at least 16 (at most 200) printable characters without spaces',
    );
  }

  let smtp: SmtpConfig | null = null;
  const smtpHost = env.SMTP_HOST?.trim();
  if (smtpHost) {
    const secure = boolean('SMTP_SECURE', false);
    const user = env.SMTP_USER?.trim() || null;
    const password = env.SMTP_PASSWORD || null;
    if ((user === null) !== (password === null)) {
      problems.push(
        'SMTP_USER and SMTP_PASSWORD must be set together (or neither, for no sign-in)',
      );
    }
    const from = env.SMTP_FROM?.trim() ?? '';
    if (!from) problems.push('SMTP_FROM is required when SMTP_HOST is set');
    else if (!isSenderAddress(from)) {
      problems.push(
        `SMTP_FROM must be an address such as receipts@shop.example or "Shop <receipts@shop.example>" (got "${from}")`,
      );
    }
    smtp = Object.freeze({
      host: smtpHost,
      port: integer('SMTP_PORT', secure ? 465 : 587, 1, 65535),
      secure,
      user,
      password,
      from,
    });
  } else {
    // Half a mail set-up is a mistake to catch now, not when the first receipt is sent.
    const stray = ['SMTP_PORT', 'SMTP_SECURE', 'SMTP_USER', 'SMTP_PASSWORD', 'SMTP_FROM'].filter(
      (name) => env[name]?.trim(),
    );
    if (stray.length > 0) problems.push(`SMTP_HOST is required when ${stray.join(', ')} is set`);
  }

  const dataDir = resolve(env.CLIENTELE_DATA_DIR?.trim() || './data');
  const config: Config = {
    port: integer('PORT', 3000, 0, 65535),
    host: env.HOST?.trim() || '0.0.0.0',
    databaseUrl,
    dataDir,
    masterKey,
    logLevel,
    seedDemo: boolean('CLIENTELE_DEMO', true),
    sessionHours: integer('CLIENTELE_SESSION_HOURS', 12, 1, 24 * 30),
    secureCookies: boolean('CLIENTELE_SECURE_COOKIES', false),
    signInRateLimitPerMinute: integer('CLIENTELE_SIGN_IN_LIMIT', 10, 1, 10_000),
    smtp,
    backup: backupSettings(env, dataDir, problems),
    testFault: testFault(env.CLIENTELE_TEST_FAULT, problems),
    shutdownSeconds: integer('CLIENTELE_SHUTDOWN_SECONDS', 10, 1, 3600),
    metricsToken,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}
