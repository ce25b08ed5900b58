import { describe, expect, it } from 'vitest';
import { wordTable } from './word-table.js';

describe('wordTable', () => {
  it('answers its own words and nothing an object inherits', () => {
    const table = wordTable({ mon: 1, 周一: 1 });
    expect(table.mon).toBe(1);
    expect(table.周一).toBe(1);
    for (const word of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      expect(table[word]).toBeUndefined();
    }
  });
});
