import { describe, expect, it } from 'vitest';
import { customerDisplayName, customerKey, nearCustomers } from './feedback.customers.js';

describe('customerKey', () => {
  it('is one key for one customer however it is typed', () => {
    const keys = ['ACME ltd', 'Acme Ltd.', 'Ａｃｍｅ Ltd', ' acme  LTD ', 'Acme, Ltd', 'acme\u3000ltd'].map(
      customerKey,
    );
    expect(new Set(keys)).toEqual(new Set(['acmeltd']));
  });

  it('folds full-width punctuation, spaces and brackets in Chinese names', () => {
    expect(customerKey('阿里巴巴（中国）有限公司')).toBe(customerKey('阿里巴巴(中国)有限公司'));
    expect(customerKey(' 阿里巴巴 （中国） 有限公司。')).toBe('阿里巴巴中国有限公司');
    expect(customerKey('「腾讯科技」')).toBe(customerKey('腾讯科技'));
  });

  it('folds traditional characters to simplified', () => {
    expect(customerKey('騰訊科技')).toBe(customerKey('腾讯科技'));
    expect(customerKey('阿里巴巴（中國）有限公司')).toBe(customerKey('阿里巴巴(中国)有限公司'));
  });

  it('keeps company-form words: Acme Ltd and Acme Inc are two customers', () => {
    expect(customerKey('Acme Ltd')).not.toBe(customerKey('Acme Inc'));
    expect(customerKey('Acme Ltd')).not.toBe(customerKey('Acme'));
    expect(customerKey('阿里巴巴有限公司')).not.toBe(customerKey('阿里巴巴'));
    expect(customerKey('Acme Inc.')).toBe(customerKey('ACME INC'));
  });

  it('is empty for a name of only punctuation and spaces', () => {
    expect(customerKey(' …「」 ')).toBe('');
    expect(customerKey('')).toBe('');
  });
});

describe('customerDisplayName', () => {
  it('keeps the name as typed (width, case, punctuation), trimmed, inner spaces collapsed', () => {
    expect(customerDisplayName('  Acme   Ltd. ')).toBe('Acme Ltd.');
    expect(customerDisplayName('阿里巴巴（中国）有限公司')).toBe('阿里巴巴（中国）有限公司');
    expect(customerDisplayName('北京星辰科技(中国)\u200B')).toBe('北京星辰科技(中国)');
    expect(customerDisplayName('腾讯\u3000科技')).toBe('腾讯 科技');
  });
});

describe('nearCustomers', () => {
  const known = ['北京星辰科技有限公司', '星辰', 'Acme Logistics', 'Globex', '上海星河科技'].map((name) => ({
    name,
    key: customerKey(name),
  }));
  const near = (typed: string) => nearCustomers(customerKey(typed), known).map((c) => c.name);

  it('offers names that contain the typed one or are inside it, closest first', () => {
    expect(near('北京星辰科技')).toEqual(['北京星辰科技有限公司', '星辰']);
    expect(near('ACME')).toEqual(['Acme Logistics']);
  });

  it('offers names a few typing slips away, and nothing for an unrelated name', () => {
    expect(near('Acme Logistcs')).toEqual(['Acme Logistics']);
    expect(near('Globx')).toEqual(['Globex']);
    expect(near('Initech')).toEqual([]);
  });

  it('never offers the exact name (that is a match, not a suggestion)', () => {
    expect(near('ＧＬＯＢＥＸ')).toEqual([]);
  });
});
