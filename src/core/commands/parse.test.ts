import { describe, expect, it } from 'vitest';
import { defineCommand, defineSubcommand } from './define-command.js';
import { opt } from './options.js';
import { parseInvocation } from './parse.js';
import { closest } from './registry.js';
import { tokenize } from './tokenize.js';

const ws = { platform: 'slack' as const, workspaceId: 'T1' };

const add = defineSubcommand({
  name: 'add',
  aliases: ['添加'],
  description: 'cmd.role.add',
  scope: 'group',
  permission: 'admin',
  options: {
    member: opt.user('opt.member', { required: true }),
    role: opt.choice('opt.role', [{ value: 'pm', aliases: ['项目经理'], label: 'role.pm' }], {
      required: true,
    }),
  },
  handle: async () => {},
});
const set = defineSubcommand({
  name: 'set',
  description: 'cmd.muster.settings',
  scope: 'group',
  permission: 'admin',
  options: {
    setting: opt.choice(
      'opt.setting',
      [
        { value: 'timezone', aliases: ['时区'], label: 'setting.timezone' },
        { value: 'hours', aliases: ['工作时间'], label: 'setting.hours' },
      ],
      { required: false },
    ),
    value: opt.string('opt.value', { required: false, rest: true }),
  },
  handle: async () => {},
});
const rate = defineSubcommand({
  name: 'rate',
  description: 'cmd.role.list',
  scope: 'group',
  permission: 'member',
  options: {
    rating: opt.integer('opt.value', { required: true, min: 1, max: 5 }),
    note: opt.string('opt.value', { required: false, rest: true }),
  },
  handle: async () => {},
});
const command = defineCommand({
  name: 'x',
  description: 'cmd.role',
  defaultSubcommand: 'set',
  subcommands: [add, set, rate],
});

describe('tokenize', () => {
  it('splits on ASCII and ideographic spaces and groups quotes of both alphabets', () => {
    expect(tokenize('a  "b c"\u3000“客户 甲” 「新 客户」 ‘x y’').map((t) => t.text)).toEqual([
      'a',
      'b c',
      '客户 甲',
      '新 客户',
      'x y',
    ]);
  });
  it('keeps a mention with a spaced label as one word', () => {
    expect(tokenize('add <@U1|Ann Lee> pm').map((t) => t.text)).toEqual(['add', '<@U1|Ann Lee>', 'pm']);
  });
  it('joins quotes inside a word: customer:"Acme Ltd"', () => {
    expect(tokenize('customer:"Acme Ltd" rating:2').map((t) => t.text)).toEqual([
      'customer:Acme Ltd',
      'rating:2',
    ]);
  });
  it('leaves an unmatched quote as a character', () => {
    expect(tokenize('it"s fine').map((t) => t.text)).toEqual(['it"s', 'fine']);
  });
});

describe('parseInvocation', () => {
  it('reads positional arguments into typed values', () => {
    const result = parseInvocation(command, 'add <@U2> pm', ws);
    expect(result).toMatchObject({
      ok: true,
      args: { member: { platform: 'slack', workspaceId: 'T1', userId: 'U2' }, role: 'pm' },
    });
  });

  it('accepts Chinese subcommand and choice aliases with full-width spaces', () => {
    const result = parseInvocation(command, '添加\u3000<@U2>\u3000项目经理', ws);
    expect(result).toMatchObject({ ok: true, args: { role: 'pm' } });
  });

  it('accepts name:value words with a full-width colon, in any order', () => {
    expect(parseInvocation(command, 'add role：pm member:<@U3>', ws)).toMatchObject({
      ok: true,
      args: { role: 'pm', member: { userId: 'U3' } },
    });
    expect(parseInvocation(command, 'add member: <@U3> role: pm', ws)).toMatchObject({
      ok: true,
      args: { role: 'pm' },
    });
  });

  it('splits 时区：Asia/Shanghai typed as one word into the choice and its value', () => {
    expect(parseInvocation(command, 'set 时区：Asia/Shanghai', ws)).toMatchObject({
      ok: true,
      args: { setting: 'timezone', value: 'Asia/Shanghai' },
    });
    expect(parseInvocation(command, 'set timezone:UTC', ws)).toMatchObject({
      ok: true,
      args: { setting: 'timezone', value: 'UTC' },
    });
  });

  it('gives a rest-of-line option the original text, spacing kept', () => {
    expect(parseInvocation(command, 'rate 4 late  delivery,\n again', ws)).toMatchObject({
      ok: true,
      args: { rating: 4, note: 'late  delivery,\n again' },
    });
  });

  it('folds full-width digits and checks integer bounds', () => {
    expect(parseInvocation(command, 'rate ４', ws)).toMatchObject({ ok: true, args: { rating: 4 } });
    expect(parseInvocation(command, 'rate 9', ws)).toMatchObject({
      ok: false,
      reason: 'bad_arguments',
      problem: { key: 'arg.outOfRange' },
    });
    expect(parseInvocation(command, 'rate four', ws)).toMatchObject({
      ok: false,
      problem: { key: 'arg.notInteger' },
    });
  });

  it('names what is missing, wrong or extra', () => {
    expect(parseInvocation(command, 'add <@U2>', ws)).toMatchObject({
      ok: false,
      problem: { key: 'arg.missing', label: 'opt.role' },
    });
    expect(parseInvocation(command, 'add bob pm', ws)).toMatchObject({
      ok: false,
      problem: { key: 'arg.notUser' },
    });
    expect(parseInvocation(command, 'add <@U2> ceo', ws)).toMatchObject({
      ok: false,
      problem: { key: 'arg.notChoice', params: { value: 'ceo' }, choices: [{ value: 'pm' }] },
    });
    expect(parseInvocation(command, 'add <@U2> pm extra', ws)).toMatchObject({
      ok: false,
      problem: { key: 'arg.unexpected', params: { value: 'extra' } },
    });
  });

  it('uses the default subcommand for empty text and reports unknown words', () => {
    expect(parseInvocation(command, '', ws)).toMatchObject({ ok: true, sub: { name: 'set' } });
    expect(parseInvocation(command, 'ad <@U2> pm', ws)).toEqual({
      ok: false,
      reason: 'unknown_subcommand',
      word: 'ad',
    });
  });

  it('accepts Slack and Discord mention forms', () => {
    expect(parseInvocation(command, 'add <@U2|ann> pm', ws)).toMatchObject({
      ok: true,
      args: { member: { userId: 'U2' } },
    });
    expect(parseInvocation(command, 'add <@!1234> pm', ws)).toMatchObject({
      ok: true,
      args: { member: { userId: '1234' } },
    });
  });
});

describe('free text followed by a person', () => {
  const away = defineSubcommand({
    name: 'away',
    description: 'cmd.standup.away',
    scope: 'group',
    permission: 'member',
    options: {
      when: opt.string('standup.opt.when', { required: true, rest: true }),
      member: opt.user('opt.member', { required: false }),
    },
    handle: async () => {},
  });
  const standup = defineCommand({ name: 'standup', description: 'cmd.standup', subcommands: [away] });

  it('takes a mention at either end of the free text as the person', () => {
    for (const text of ['away 12-10 到 12-12 <@U2>', 'away <@U2> 12-10 到 12-12']) {
      const parsed = parseInvocation(standup, text, ws);
      expect(parsed.ok && parsed.args).toEqual({
        when: '12-10 到 12-12',
        member: { platform: 'slack', workspaceId: 'T1', userId: 'U2' },
      });
    }
  });

  it('keeps a mention inside the text as text, and text alone has no person', () => {
    const parsed = parseInvocation(standup, 'away 12-10 with <@U2> tomorrow', ws);
    expect(parsed.ok && parsed.args).toEqual({ when: '12-10 with <@U2> tomorrow' });
  });
});

describe('closest', () => {
  it('suggests near misses and prefixes, not unrelated words', () => {
    expect(closest('hlep', ['help', 'settings', 'timezone'])).toBe('help');
    expect(closest('setings', ['help', 'settings'])).toBe('settings');
    expect(closest('lang', ['help', 'language'])).toBe('language');
    expect(closest('banana', ['help', 'role'])).toBeUndefined();
  });
});

describe('key: value fields with spaces', () => {
  const link = defineSubcommand({
    name: 'link',
    aliases: ['关联'],
    description: 'cmd.crm.link',
    scope: 'group',
    permission: 'admin',
    options: {
      customer: opt.string('crm.opt.customer', { required: true, rest: true, aliases: ['客户'] }),
      account: opt.string('crm.opt.account', { required: false, aliases: ['id', '编号'] }),
    },
    handle: async () => {},
  });
  const history = defineSubcommand({
    name: 'history',
    description: 'cmd.standup.history',
    scope: 'group',
    permission: 'member',
    options: {
      member: opt.user('opt.member', { required: false }),
      from: opt.string('standup.opt.from', { required: false, aliases: ['从'] }),
      to: opt.string('standup.opt.to', { required: false, aliases: ['到'] }),
    },
    handle: async () => {},
  });
  const calendar = defineSubcommand({
    name: 'calendar',
    description: 'cmd.standup.calendar',
    scope: 'group',
    permission: 'member',
    options: {
      date: opt.string('standup.opt.date', { required: false }),
      name: opt.string('standup.opt.dayName', { required: false, rest: true }),
    },
    handle: async () => {},
  });
  const fields = defineCommand({
    name: 'f',
    description: 'cmd.crm',
    subcommands: [link, history, calendar, rate],
  });
  const args = (text: string) => {
    const parsed = parseInvocation(fields, text, ws);
    return parsed.ok ? parsed.args : parsed;
  };

  it.each([
    ['link customer: Acme Trading Co. id: 4876', { customer: 'Acme Trading Co.', account: '4876' }],
    ['link customer:Acme Trading Co. id:4876', { customer: 'Acme Trading Co.', account: '4876' }],
    ['link id: 4876 customer: “Acme Trading Co.”', { customer: 'Acme Trading Co.', account: '4876' }],
    ['关联 客户：北京 星辰 科技 编号：A-1', { customer: '北京 星辰 科技', account: 'A-1' }],
    ['关联 客户： 北京星辰科技（上海） 编号： A-1', { customer: '北京星辰科技（上海）', account: 'A-1' }],
    ['link Acme Trading Co. id:4876', { customer: 'Acme Trading Co.', account: '4876' }],
    ['history from: next monday to: end of month', { from: 'next monday', to: 'end of month' }],
    ['history 从：下周 一 到：月底', { from: '下周 一', to: '月底' }],
    ['history from: last monday <@U2>', { from: 'last monday', member: { ...ws, userId: 'U2' } }],
    ['calendar date: 12-24 Christmas Eve', { date: '12-24', name: 'Christmas Eve' }],
    ['rate rating: 4 quick and kind', { rating: 4, note: 'quick and kind' }],
  ])('%s', (text, expected) => {
    expect(args(text)).toEqual(expected);
  });

  it('a colon inside quotes is text, not a key', () => {
    expect(args('link "customer: Acme"')).toEqual({ customer: 'customer: Acme' });
  });
});

describe('several people where a command takes one', () => {
  it('says so instead of reading the second person as the next option', () => {
    expect(parseInvocation(command, 'add <@U1> <@U2> pm', ws)).toMatchObject({
      ok: false,
      problem: { key: 'arg.onePerson', params: { count: 2 }, label: 'opt.member' },
    });
    expect(parseInvocation(command, '添加 <@U1> 项目经理', ws)).toMatchObject({ ok: true });
  });
});

describe('day options', () => {
  const log = defineSubcommand({
    name: 'log',
    description: 'cmd.rules.log',
    scope: 'group',
    permission: 'member',
    options: {
      member: opt.user('opt.member', { required: false }),
      from: opt.day('rules.opt.from', { required: false }),
      to: opt.day('rules.opt.to', { required: false }),
    },
    handle: async () => {},
  });
  const days = defineCommand({ name: 'd', description: 'cmd.rules', subcommands: [log] });
  const args = (text: string) => {
    const parsed = parseInvocation(days, text, ws);
    return parsed.ok ? parsed.args : parsed;
  };

  it.each([
    ['log last monday today', { from: 'last monday', to: 'today' }],
    [
      'log <@U2> the day after tomorrow in 3 days',
      { member: { ...ws, userId: 'U2' }, from: 'the day after tomorrow', to: 'in 3 days' },
    ],
    ['log dec 1 dec 5', { from: 'dec 1', to: 'dec 5' }],
    ['log 12-01 12-05', { from: '12-01', to: '12-05' }],
    ['log from: last monday today', { from: 'last monday', to: 'today' }],
    ['log 上周一 今天', { from: '上周一', to: '今天' }],
    ['log 12月 1日 下周 一', { from: '12月 1日', to: '下周 一' }],
    ['log from：上周 一 to：今天', { from: '上周 一', to: '今天' }],
  ])('%s', (text, expected) => {
    expect(args(text)).toEqual(expected);
  });

  it('still says a word is unexpected when it is not a day', () => {
    expect(args('log last monday today soon')).toMatchObject({
      ok: false,
      problem: { key: 'arg.unexpected' },
    });
  });
});

describe('keys by the names the usage line shows', () => {
  it.each([
    ['add 成员：<@U1> 角色：项目经理', { member: { ...ws, userId: 'U1' }, role: 'pm' }],
    ['add member: <@U1> role: pm', { member: { ...ws, userId: 'U1' }, role: 'pm' }],
  ])('%s', (text, expected) => {
    const parsed = parseInvocation(command, text, ws);
    expect(parsed.ok && parsed.args).toEqual(expected);
  });
});
