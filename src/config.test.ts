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
