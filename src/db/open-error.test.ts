import { describe, expect, it } from 'vitest';
import { DatabaseOpenError } from './open-error.js';

const errno = (code: string) => Object.assign(new Error(`${code}: something`), { code });

describe('DatabaseOpenError', () => {
  it('names the variable, what went wrong and what to check, in one line', () => {
    const message = new DatabaseOpenError('/data/muster.db', 'full').message;
    expect(message).toBe(
      'Muster cannot open its database (MUSTER_DB_PATH=/data/muster.db): the disk is full (full). ' +
        'Check that the disk (or the volume mounted there) has free space.',
    );
    expect(message).not.toContain('\n');
  });

  it('tells a read-only file, a full disk and a missing folder apart, from errno or SQLite codes', () => {
    expect(new DatabaseOpenError('x', 'readonly').message).toContain('the file or its folder is read-only');
    expect(new DatabaseOpenError('x', errno('EACCES')).message).toContain('is read-only (EACCES)');
    expect(new DatabaseOpenError('x', errno('SQLITE_READONLY_DIRECTORY')).message).toContain('read-only');
    expect(new DatabaseOpenError('x', errno('ENOSPC')).message).toContain('the disk is full (ENOSPC)');
    expect(new DatabaseOpenError('x', errno('ENOTDIR')).message).toContain('cannot be created (ENOTDIR)');
    const wrapped = new Error('migration failed', { cause: errno('SQLITE_FULL') });
    expect(new DatabaseOpenError('x', wrapped).message).toContain('the disk is full (SQLITE_FULL)');
  });

  it('says what it was told when it does not know the error', () => {
    expect(new DatabaseOpenError('x', new Error('something odd')).message).toBe(
      'Muster cannot open its database (MUSTER_DB_PATH=x): something odd. ' +
        'Check that the path is right, that Muster may write there and that the disk has room.',
    );
  });
});
