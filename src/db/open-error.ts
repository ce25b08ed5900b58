import { storageFailureOf } from '../core/storage-errors.js';

/** What went wrong, and what the person starting Muster should check, by the error's code. */
const FAILURES: { codes: RegExp; what: string; check: string }[] = [
  {
    codes: /^(ENOENT|ENOTDIR|EEXIST)$/,
    what: 'its folder does not exist and cannot be created',
    check: 'that every part of the path above the file is a folder (or can be made one)',
  },
  {
    codes: /^(EACCES|EPERM|EROFS|SQLITE_READONLY.*|readonly)$/,
    what: 'the file or its folder is read-only',
    check:
      "that Muster's user may write the file and its folder (SQLite writes -wal and -shm files beside it)",
  },
  {
    codes: /^(ENOSPC|EDQUOT|SQLITE_FULL|full)$/,
    what: 'the disk is full',
    check: 'that the disk (or the volume mounted there) has free space',
  },
  {
    codes: /^(EISDIR|SQLITE_CANTOPEN.*)$/,
    what: 'the file cannot be opened',
    check: 'that the path names a file, not a folder, and that Muster may read and write it',
  },
  {
    codes: /^(SQLITE_NOTADB|SQLITE_CORRUPT.*)$/,
    what: 'the file is not a Muster database (or is damaged)',
    check: "that the path points at Muster's own database file, or restore it from a backup",
  },
];

function codeOf(cause: unknown): string {
  if (typeof cause === 'string') return cause;
  let current: unknown = cause;
  for (let depth = 0; depth < 8 && current instanceof Error; depth++) {
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return storageFailureOf(cause) ?? '';
}

/**
 * The database could not be opened or cannot be written at start-up (`cause` is the error, or the
 * write probe's verdict). Its message is the one line start-up prints: the path, named by its variable, what went wrong and what to check.
 * @example new DatabaseOpenError('/data/muster.db', err).message
 *   // 'Muster cannot open its database (MUSTER_DB_PATH=/data/muster.db): the disk is full. Check that …'
 */
export class DatabaseOpenError extends Error {
  constructor(path: string, cause: unknown) {
    const code = codeOf(cause);
    const known = FAILURES.find((f) => f.codes.test(code));
    const detail = cause instanceof Error ? cause.message : String(cause);
    const what = known ? `${known.what} (${code})` : detail;
    const check =
      known?.check ?? 'that the path is right, that Muster may write there and that the disk has room';
    super(`Muster cannot open its database (MUSTER_DB_PATH=${path}): ${what}. Check ${check}.`, { cause });
    this.name = 'DatabaseOpenError';
  }
}
