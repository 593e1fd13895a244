import { resolve } from 'node:path';

/**
 * Configuration is read once from the environment, validated, and frozen. Every problem
 * is reported at once with the variable's name, so a bad deployment fails at start-up
 * rather than at the first customer.
 */
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
}>;

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

  const config: Config = {
    port: integer('PORT', 3000, 0, 65535),
    host: env.HOST?.trim() || '0.0.0.0',
    databaseUrl,
    dataDir: resolve(env.CLIENTELE_DATA_DIR?.trim() || './data'),
    masterKey,
    logLevel,
    seedDemo: boolean('CLIENTELE_DEMO', true),
    sessionHours: integer('CLIENTELE_SESSION_HOURS', 12, 1, 24 * 30),
    secureCookies: boolean('CLIENTELE_SECURE_COOKIES', false),
    signInRateLimitPerMinute: integer('CLIENTELE_SIGN_IN_LIMIT', 10, 1, 10_000),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}
