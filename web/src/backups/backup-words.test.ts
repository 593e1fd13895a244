import { describe, expect, it } from 'vitest';
import { fileName, formatDuration, formatSize, nightlyLine } from './backup-words.ts';

describe('backup words', () => {
  it.each([
    [0, '0 bytes'],
    [1, '1 byte'],
    [1023, '1023 bytes'],
    [1024, '1.0 KB'],
    [4300, '4.2 KB'],
    [10_188, '9.9 KB'],
    [10_200, '10 KB'],
    [1_048_535, '1.0 MB'],
    [39_845_888, '38 MB'],
    [1_717_986_918, '1.6 GB'],
  ])('says %i bytes as %s', (bytes, text) => {
    expect(formatSize(bytes)).toBe(text);
  });

  it.each([
    [0, '0.0 s'],
    [420, '0.4 s'],
    [9_960, '10 s'],
    [12_400, '12 s'],
    [59_600, '1 min 0 s'],
    [125_000, '2 min 5 s'],
  ])('says %i ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('names the file without its folder, on Unix or Windows', () => {
    expect(fileName('/srv/clientele/backups/clientele-manual-x.pglite.tar.gz')).toBe(
      'clientele-manual-x.pglite.tar.gz',
    );
    expect(fileName('C:\\Clientele\\backups\\clientele-nightly-y.pgdump')).toBe(
      'clientele-nightly-y.pgdump',
    );
  });

  it('says what the nightly backup does, or that it is off', () => {
    expect(nightlyLine({ at: '03:00', keepDays: 14, dir: '/srv/backups' })).toBe(
      'Every night at 03:00 into /srv/backups, kept 14 days',
    );
    expect(nightlyLine({ at: '23:30', keepDays: 1, dir: '/b' })).toBe(
      'Every night at 23:30 into /b, kept 1 day',
    );
    expect(nightlyLine({ at: null, keepDays: 14, dir: '/srv/backups' })).toBe(
      'Nightly backup is off (CLIENTELE_BACKUP_AT=off)',
    );
  });
});
