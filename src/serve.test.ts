import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { databaseLabel } from './serve.ts';

describe('the database named in the start and stop lines', () => {
  it('is the data directory on PGlite', () => {
    const config = loadConfig({ CLIENTELE_DATA_DIR: '/srv/shop' });
    expect(databaseLabel(config)).toEqual({ kind: 'pglite', dataDir: '/srv/shop' });
  });

  it('is host, port and database on PostgreSQL: never the password or the user', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://till:s3cr%40t@db.shop.example:6543/clientele?sslmode=require',
    });
    const label = databaseLabel(config);
    expect(label).toEqual({
      kind: 'postgres',
      host: 'db.shop.example',
      port: '6543',
      database: 'clientele',
    });
    expect(JSON.stringify(label)).not.toMatch(/till|s3cr|sslmode/);
  });
});
