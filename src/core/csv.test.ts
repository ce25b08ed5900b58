import { describe, expect, it } from 'vitest';
import { csvDocument, csvField } from './csv.js';

describe('csvField', () => {
  it('leaves plain text alone, Chinese included', () => {
    expect(csvField('hello')).toBe('hello');
    expect(csvField('写接口')).toBe('写接口');
    expect(csvField('')).toBe('');
  });

  it('quotes commas, quotes and line breaks', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line 1\nline 2')).toBe('"line 1\nline 2"');
  });

  it('defuses anything a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('+1')).toBe('"\'+1"');
    expect(csvField('-2')).toBe('"\'-2"');
    expect(csvField('@SUM(A1)')).toBe('"\'@SUM(A1)"');
    expect(csvField('\tcmd')).toBe('"\'\tcmd"');
  });
});

describe('csvDocument', () => {
  it('starts with a BOM and ends every row with CRLF', () => {
    expect(
      csvDocument([
        ['名字', 'note'],
        ['小王', '=1+1'],
      ]),
    ).toBe('\uFEFF名字,note\r\n小王,"\'=1+1"\r\n');
  });

  it('keeps line breaks inside a quoted cell, not as rows', () => {
    expect(csvDocument([['a\r\nb']])).toBe('\uFEFF"a\r\nb"\r\n');
  });
});
