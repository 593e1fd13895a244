import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('has working defaults for a fresh machine', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      databaseUrl: null,
      masterKey: null,
      seedDemo: true,
    });
    expect(config.dataDir).toMatch(/\/data$/);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      DATABASE_URL: 'postgres://u@h/db',
      CLIENTELE_DATA_DIR: '/tmp/x',
      CLIENTELE_MASTER_KEY: 'ab'.repeat(32),
      CLIENTELE_DEMO: 'false',
      LOG_LEVEL: 'warn',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      databaseUrl: 'postgres://u@h/db',
      dataDir: '/tmp/x',
      seedDemo: false,
      logLevel: 'warn',
    });
    expect(config.masterKey?.length).toBe(32);
  });

  it('reports every problem at once, naming the variable', () => {
    try {
      loadConfig({
        PORT: '-1',
        DATABASE_URL: 'mysql://x',
        CLIENTELE_DEMO: 'maybe',
        LOG_LEVEL: 'loud',
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      for (const name of ['PORT', 'DATABASE_URL', 'CLIENTELE_DEMO', 'LOG_LEVEL'])
        expect(problems).toContain(name);
    }
  });
});

describe('loadConfig SMTP', () => {
  const problemsOf = (env: NodeJS.ProcessEnv): string => {
    try {
      loadConfig(env);
    } catch (error) {
      if (error instanceof ConfigError) return error.problems.join('\n');
      throw error;
    }
    return '';
  };

  it('has no mail server unless SMTP_HOST is set', () => {
    expect(loadConfig({}).smtp).toBeNull();
  });

  it('reads the SMTP settings', () => {
    const config = loadConfig({
      SMTP_HOST: 'smtp.example.com',
      SMTP_PORT: '2525',
      SMTP_SECURE: 'false',
      SMTP_USER: 'shop',
      SMTP_PASSWORD: 's3cret',
      SMTP_FROM: 'Clientele Shop <receipts@shop.example>',
    });
    expect(config.smtp).toEqual({
      host: 'smtp.example.com',
      port: 2525,
      secure: false,
      user: 'shop',
      password: 's3cret',
      from: 'Clientele Shop <receipts@shop.example>',
    });
    expect(Object.isFrozen(config.smtp)).toBe(true);
  });

  it.each([
    [{}, 587],
    [{ SMTP_SECURE: 'true' }, 465],
  ])('defaults the port to the one the TLS mode uses (%o -> %i)', (extra, port) => {
    const config = loadConfig({ SMTP_HOST: 'mail', SMTP_FROM: 'receipts@shop.example', ...extra });
    expect(config.smtp).toMatchObject({ port, user: null, password: null });
  });

  it.each([
    [{ SMTP_HOST: 'mail' }, 'SMTP_FROM is required'],
    [{ SMTP_HOST: 'mail', SMTP_FROM: 'not an address' }, 'SMTP_FROM must be an address'],
    [{ SMTP_HOST: 'mail', SMTP_FROM: 'a@b.co', SMTP_PORT: '99999' }, 'SMTP_PORT'],
    [{ SMTP_HOST: 'mail', SMTP_FROM: 'a@b.co', SMTP_SECURE: 'maybe' }, 'SMTP_SECURE'],
    [{ SMTP_HOST: 'mail', SMTP_FROM: 'a@b.co', SMTP_USER: 'shop' }, 'SMTP_USER and SMTP_PASSWORD'],
    [{ SMTP_FROM: 'a@b.co' }, 'SMTP_HOST is required when SMTP_FROM is set'],
  ])('refuses %o', (env, message) => {
    expect(problemsOf(env)).toContain(message);
  });
});

describe('loadConfig operations', () => {
  it('gives a shutdown ten seconds and leaves /metrics open unless a token is set', () => {
    expect(loadConfig({})).toMatchObject({ shutdownSeconds: 10, metricsToken: null });
  });

  it('reads the shutdown bound and the metrics token', () => {
    const token = 'k'.repeat(32);
    expect(
      loadConfig({ CLIENTELE_SHUTDOWN_SECONDS: '3', CLIENTELE_METRICS_TOKEN: token }),
    ).toMatchObject({ shutdownSeconds: 3, metricsToken: token });
  });

  it.each([
    [{ CLIENTELE_SHUTDOWN_SECONDS: '0' }, 'CLIENTELE_SHUTDOWN_SECONDS must be a whole number'],
    [{ CLIENTELE_SHUTDOWN_SECONDS: '2.5' }, 'CLIENTELE_SHUTDOWN_SECONDS must be a whole number'],
    [{ CLIENTELE_SHUTDOWN_SECONDS: '3601' }, 'CLIENTELE_SHUTDOWN_SECONDS must be a whole number'],
    [{ CLIENTELE_METRICS_TOKEN: 'short' }, 'CLIENTELE_METRICS_TOKEN must be at least 16'],
    [{ CLIENTELE_METRICS_TOKEN: 'has space in it 1234' }, 'CLIENTELE_METRICS_TOKEN must be'],
  ])('refuses %o', (env, message) => {
    try {
      loadConfig(env);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.join('\n')).toContain(message);
    }
  });
});
