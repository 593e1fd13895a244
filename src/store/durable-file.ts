import fs from 'node:fs';
import { dirname } from 'node:path';

/**
 * Creates `path` (refusing one that exists) and returns only once both its contents and
 * its name in the directory are on disk: write, fsync the file, fsync the directory.
 * For the few files whose loss after a power cut would cost more than the database (the
 * master key without which no contact detail can be read).
 */
export function writeNewFileDurably(path: string, content: string, mode: number): void {
  const fd = fs.openSync(path, 'wx', mode);
  try {
    fs.writeSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  const directory = fs.openSync(dirname(path), 'r');
  try {
    fs.fsyncSync(directory);
  } finally {
    fs.closeSync(directory);
  }
}
