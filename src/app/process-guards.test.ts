import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { guardProcess } from './process-guards.js';

describe('guardProcess', () => {
  it('logs and counts an unhandled rejection and an uncaught exception, and keeps listening', () => {
    const target = new EventEmitter();
    const logged: { obj: object; msg: string | undefined }[] = [];
    const log = (obj: object, msg?: string) => void logged.push({ obj, msg });
    const counted: string[] = [];
    guardProcess(
      target as unknown as Pick<NodeJS.Process, 'on'>,
      { debug: log, info: log, warn: log, error: log },
      (kind) => void counted.push(kind),
    );
    const boom = new TypeError("Cannot read properties of undefined (reading 'type')");
    target.emit('unhandledRejection', boom, Promise.resolve());
    target.emit('uncaughtException', new Error('socket callback threw'));
    target.emit('unhandledRejection', 'a plain string', Promise.resolve());
    expect(counted).toEqual(['unhandled_rejection', 'uncaught_exception', 'unhandled_rejection']);
    expect(logged.map((l) => l.msg)).toEqual([
      'unhandled rejection; Muster keeps running',
      'uncaught exception; Muster keeps running',
      'unhandled rejection; Muster keeps running',
    ]);
    expect(logged[0]?.obj).toEqual({ err: boom });
  });
});
