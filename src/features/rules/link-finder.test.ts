import { describe, expect, it } from 'vitest';
import { findLinks, hostMatches, isInvite, normalizeDomain } from './link-finder.js';

const hosts = (text: string) => findLinks(text).map((l) => l.host);

describe('findLinks', () => {
  it('finds scheme links, www links and bare domains with a path', () => {
    expect(hosts('see https://A.Example.org/x?y=1 now')).toEqual(['a.example.org']);
    expect(hosts('www.example.xyz')).toEqual(['www.example.xyz']);
    expect(findLinks('go to example.com/path, then stop')).toEqual([
      { host: 'example.com', path: '/path', start: 6, end: 22, invite: false },
    ]);
  });

  it('reads Slack-wrapped links, target and label', () => {
    const text = '<https://evil.io/x|google.com>';
    expect(findLinks(text).map((l) => text.slice(l.start, l.end))).toEqual([
      'https://evil.io/x',
      'google.com',
    ]);
  });

  it('counts full-width letters and ideographic full stops', () => {
    expect(hosts('访问ｅｘａｍｐｌｅ。ｃｏｍ了解')).toEqual(['example.com']);
    expect(hosts('example．com')).toEqual(['example.com']);
  });

  it('stops a path at Chinese text', () => {
    expect(findLinks('example.com/a了解').map((l) => l.path)).toEqual(['/a']);
  });

  it('ignores versions, abbreviations, file names and email domains', () => {
    expect(hosts('v1.2.3, e.g., i.e. readme.md main.py node.js a@b.com 3.14')).toEqual([]);
    expect(hosts('I went home.It was late')).toEqual([]);
  });

  it('tells invite links apart', () => {
    expect(findLinks('discord.gg/abc').map((l) => l.invite)).toEqual([true]);
    expect(isInvite('discord.com', '/invite/x')).toBe(true);
    expect(isInvite('discord.com', '/channels/1/2')).toBe(false);
    expect(isInvite('join.slack.com', '/t/team/shared_invite/zt-1')).toBe(true);
    expect(isInvite('t.me', '/+AbC')).toBe(true);
    expect(isInvite('t.me', '/durov')).toBe(false);
  });

  it('is linear on long runs of dots and labels', () => {
    expect(hosts(`${'a.'.repeat(50_000)}`)).toEqual([]);
    expect(hosts('.'.repeat(100_000))).toEqual([]);
  });
});

describe('domains', () => {
  it('match themselves and their subdomains only', () => {
    expect(hostMatches('example.com', 'example.com')).toBe(true);
    expect(hostMatches('www.example.com', 'example.com')).toBe(true);
    expect(hostMatches('notexample.com', 'example.com')).toBe(false);
    expect(hostMatches('example.com.evil.io', 'example.com')).toBe(false);
  });

  it('are normalized from what admins type', () => {
    expect(normalizeDomain('https://WWW.Example.com/path')).toBe('example.com');
    expect(normalizeDomain('*.spam.io')).toBe('spam.io');
    expect(normalizeDomain('ｅｘａｍｐｌｅ。ｃｏｍ')).toBe('example.com');
    expect(normalizeDomain('hello')).toBeUndefined();
    expect(normalizeDomain('例子.中国')).toBeUndefined();
  });
});
