import { describe, expect, it } from 'vitest';
import { findContacts } from './contact-finder.js';
import { findLinks } from './link-finder.js';
import {
  checkCaps,
  checkContacts,
  checkLinks,
  checkMentions,
  countLetters,
  countMentions,
} from './message-checks.js';

describe('mentions', () => {
  it('counts Slack, Discord and console mentions and finds broadcasts', () => {
    expect(countMentions('<@U1> <@U2|bob> <@!3> <@&4> <@bob> <!subteam^S1|@team>')).toEqual({
      mentions: 6,
      broadcast: undefined,
    });
    expect(countMentions('<!channel> hi').broadcast).toBe('<!channel>');
    expect(countMentions('<!here|here> hi').broadcast).toBe('<!here|here>');
    expect(countMentions('<@everyone> hi')).toEqual({ mentions: 0, broadcast: '<@everyone>' });
    expect(countMentions('@here hi').broadcast).toBe('@here');
    expect(countMentions('mail bob@here.com').broadcast).toBeUndefined();
  });

  it('fires above the limit, not at it', () => {
    const config = { maxMentions: 3, broadcasts: true };
    expect(checkMentions(config, { mentions: 3, broadcast: undefined }, false, 't')).toBeUndefined();
    expect(checkMentions(config, { mentions: 4, broadcast: undefined }, false, 't')).toMatchObject({
      key: 'rules.reason.mentions.count',
      params: { count: 4, max: 3 },
    });
  });

  it('lets members who may broadcast do so', () => {
    const found = countMentions('<!everyone> lunch');
    const config = { maxMentions: 0, broadcasts: true };
    expect(checkMentions(config, found, true, '')).toBeUndefined();
    expect(checkMentions(config, found, false, '')).toMatchObject({ evidence: '<!everyone>' });
    expect(checkMentions({ maxMentions: 5, broadcasts: false }, found, false, '')).toBeUndefined();
  });
});

describe('caps', () => {
  const config = { percent: 70, minLetters: 10 };
  it('fires above the share in messages longer than the minimum', () => {
    expect(checkCaps(config, countLetters('STOP SPAMMING NOW'), 'x')).toMatchObject({
      params: { percent: 100 },
    });
    expect(checkCaps(config, countLetters('SHORT ONE'), 'x')).toBeUndefined();
    expect(checkCaps(config, countLetters('NASA and the FBI agree'), 'x')).toBeUndefined();
  });
  it('counts full-width capitals, skips Chinese and entity IDs', () => {
    expect(countLetters('ＨＥＬＬＯ 你好')).toEqual({ letters: 5, capitals: 5 });
    expect(countLetters('hi <@U0ABCDEFGH> <https://X.COM|X>')).toEqual({ letters: 2, capitals: 0 });
  });
  it('treats exactly the threshold as fine', () => {
    // 7 capitals of 10 letters is 70%, not above it; 11 letters are needed anyway.
    expect(checkCaps({ percent: 70, minLetters: 9 }, { letters: 10, capitals: 7 }, 'x')).toBeUndefined();
    expect(checkCaps({ percent: 70, minLetters: 9 }, { letters: 10, capitals: 8 }, 'x')).toBeDefined();
  });
});

describe('links and contacts', () => {
  it('apply allow-lists, deny-lists and invites', () => {
    const text = 'docs.example.com and discord.gg/x';
    const links = findLinks(text);
    expect(checkLinks({ mode: 'allow', domains: ['example.com'], invites: true }, links, text)).toMatchObject(
      {
        key: 'rules.reason.links.invite',
        evidence: 'discord.gg/x',
      },
    );
    expect(
      checkLinks({ mode: 'allow', domains: ['example.com', 'discord.gg'], invites: false }, links, text),
    ).toBe(undefined);
    expect(checkLinks({ mode: 'deny', domains: ['example.com'], invites: false }, links, text)).toMatchObject(
      {
        key: 'rules.reason.links.denied',
        params: { domain: 'docs.example.com' },
      },
    );
  });

  it('report the first forbidden contact in text order', () => {
    const text = 'mail a@b.com or call 13812345678';
    const found = findContacts(text, new Set(['phone', 'email']));
    expect(checkContacts({ phones: true, chatIds: true, emails: true }, found, text)).toMatchObject({
      key: 'rules.reason.contacts.email',
      evidence: 'a@b.com',
    });
    expect(checkContacts({ phones: true, chatIds: false, emails: false }, found, text)).toMatchObject({
      evidence: '13812345678',
    });
  });
});
