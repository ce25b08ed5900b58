import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { consoleSession, runConsole } from './helpers/console-session.js';

/** Who Muster knows, by name, and which roles they hold, by name. */
function people(db: string) {
  const sqlite = new Database(db, { readonly: true });
  try {
    return {
      names: sqlite
        .prepare('select display_name from members order by display_name')
        .all()
        .map((r) => (r as { display_name: string }).display_name),
      roles: sqlite
        .prepare(
          'select m.display_name name, r.role from group_roles r join members m on m.id = r.member_id order by r.role',
        )
        .all(),
    };
  } finally {
    sqlite.close();
  }
}

describe('mentions in the console', () => {
  it('English: any name the console knows, Chinese or with a space, a new one introduced, a slip refused', async () => {
    const run = await consoleSession(
      [
        ':at 2026-11-30 09:00',
        ':in #general @bob @张伟 @"王 小明"',
        '/role add @张伟 pm',
        '/role add ＠王 小明 support',
        '/role add @"Ann Lee" account_manager',
        '/role add @bbo member',
        '/role add @李 雷 member',
        ':as 王 小明',
        '/muster timezone Asia/Tokyo',
        ':as alice',
        '/role',
        ':in #销售 @张伟',
        '/feedback settings alerts #销售',
        ':role @"Li Lei" observer',
        '',
      ].join('\n'),
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = run.stdout;
    expect(out).toContain('bob, 张伟, 王 小明 now in #general');
    // A channel with a Chinese name is mentioned like any other.
    expect(out).toContain('张伟 now in #销售');
    expect(out).toContain('Alert channel: #销售');
    // The owner's :role shortcut introduces someone new the same way.
    expect(out).toContain(`alice@#general> :role @"Li Lei" observer
(@Li Lei is new to this console, so they are now a member of #general.)
[#general · only alice sees this] Muster: @Li Lei is now Observer.`);
    expect(out).toContain(`alice@#general> /role add @张伟 pm
[#general · only alice sees this] Muster: @张伟 is now Project manager.
[DM with 张伟] Muster: @alice made you *Project manager* in #general.`);
    // A known name with a space needs no quotes; the full-width ＠ is an @.
    expect(out).toContain(`alice@#general> /role add ＠王 小明 support
[#general · only alice sees this] Muster: @王 小明 is now Support.
[DM with 王 小明] Muster:`);
    // Someone new, named in quotes, is introduced, and the console says so.
    expect(out).toContain(`alice@#general> /role add @"Ann Lee" account_manager
(@Ann Lee is new to this console, so they are now a member of #general.)
[#general · only alice sees this] Muster: @Ann Lee is now Account manager.`);
    // One slip from bob: nothing sent, the likely name offered.
    expect(out).toContain(`alice@#general> /role add @bbo member
Nobody called @bbo is in this console yet. Did you mean @bob? Nothing was sent. To bring in someone new by that name, type :in #general @bbo first.
alice@#general>`);
    // A new Chinese name followed by a space and more Chinese: perhaps one name; nothing sent.
    expect(out).toContain(`alice@#general> /role add @李 雷 member
Nobody called @李 is in this console yet. If “李 雷” is one name, put it in quotes: @"李 雷". To bring in someone new called 李, type :in #general @李 first. Nothing was sent.
alice@#general>`);
    expect(out).toContain('[#general · only 王 小明 sees this] Muster: Your timezone is now Asia/Tokyo');
    expect(out).toContain('*Project manager*: @张伟');
    expect(out).toContain('*Support*: @王 小明');
    expect(out).toContain('*Account manager*: @Ann Lee');
    expect(out).not.toMatch(/console:local|@_[A-Za-z0-9_-]+/);
    expect(people(run.db)).toEqual({
      names: ['Ann Lee', 'Li Lei', 'alice', 'bob', '张伟', '王 小明'],
      roles: [
        { name: 'Ann Lee', role: 'account_manager' },
        { name: 'Li Lei', role: 'observer' },
        { name: '张伟', role: 'pm' },
        { name: '王 小明', role: 'support' },
      ],
    });
  }, 60_000);

  it('Chinese: 中文名、带空格的名字、全角＠都能提到；新名字会说明，打错的名字不会发送', async () => {
    const run = await consoleSession(
      [
        ':at 2026-11-30 09:00',
        ':in #general @李娜 @"欧阳 娜娜" @Tom',
        '/role 添加 ＠李娜 项目经理',
        '/role 添加 @欧阳 娜娜 客服',
        '/role 添加 @Tmo 成员',
        '/role 添加 @陈 明 成员',
        '/role 添加 @“周 杰” 客户经理',
        '：as 欧阳 娜娜',
        '/muster timezone Asia/Tokyo',
        ':as alice',
        '/role',
        ':role ＠“李 雷” 观察员',
        ':in #销售',
        '/muster settings',
        '',
      ].join('\n'),
      { MUSTER_DEFAULT_LOCALE: 'zh-CN' },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = run.stdout;
    expect(out).toContain('已把李娜、欧阳 娜娜、Tom 加入 #general');
    expect(out).toContain(`alice@#general> /role 添加 ＠李娜 项目经理
[#general · 仅 alice 可见] Muster: 已将 @李娜 设为项目经理。
[与李娜的私信] Muster: @alice 在 #general 将你设为*项目经理*。`);
    expect(out).toContain(`alice@#general> /role 添加 @欧阳 娜娜 客服
[#general · 仅 alice 可见] Muster: 已将 @欧阳 娜娜 设为客服。`);
    expect(out).toContain(`alice@#general> /role 添加 @Tmo 成员
控制台里还没有叫 @Tmo 的人，你是不是想找 @Tom？这一行没有发送。如果确实是新成员，请先输入 :in #general @Tmo。
alice@#general>`);
    expect(out).toContain(`alice@#general> /role 添加 @陈 明 成员
控制台里还没有叫 @陈 的人。如果“陈 明”是一个名字，请加上引号：@“陈 明”；如果确实有新成员叫 @陈，请先输入 :in #general @陈。这一行没有发送。
alice@#general>`);
    expect(out).toContain(`alice@#general> /role 添加 @“周 杰” 客户经理
（@周 杰 第一次出现在控制台，现在是 #general 的成员了。）
[#general · 仅 alice 可见] Muster: 已将 @周 杰 设为客户经理。`);
    expect(out).toContain('你现在是欧阳 娜娜，位于 #general。');
    expect(out).toContain('[#general · 仅欧阳 娜娜可见] Muster: 已将你的时区设为 Asia/Tokyo');
    expect(out).toContain('*项目经理*：@李娜');
    expect(out).toContain('*客服*：@欧阳 娜娜');
    expect(out).toContain('*客户经理*：@周 杰');
    expect(out).toContain('[#销售 · 仅 alice 可见] Muster: == #销售 的群设置 ==');
    expect(out).toContain(`alice@#general> :role ＠“李 雷” 观察员
（@李 雷 第一次出现在控制台，现在是 #general 的成员了。）
[#general · 仅 alice 可见] Muster: 已将 @李 雷 设为观察员。`);
    expect(out).not.toMatch(/console:local|@_[A-Za-z0-9_-]+/);
    expect(people(run.db)).toEqual({
      names: ['Tom', 'alice', '周 杰', '李 雷', '李娜', '欧阳 娜娜'],
      roles: [
        { name: '周 杰', role: 'account_manager' },
        { name: '李 雷', role: 'observer' },
        { name: '李娜', role: 'pm' },
        { name: '欧阳 娜娜', role: 'support' },
      ],
    });
  }, 60_000);

  it('people and channels from an earlier session on the same database are known: 重启后提到老成员和老频道不会再说“第一次出现”', async () => {
    const first = await consoleSession(':in #销售 @张伟 @bob\n');
    const again = await runConsole(
      first.db,
      '/role add @张伟 pm\n/role 添加 @bob 客服\n/feedback settings alerts #销售\n',
      { MUSTER_DEFAULT_TIMEZONE: 'Asia/Shanghai' },
    );
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Muster: @张伟 is now Project manager.');
    expect(again.stdout).toContain('Muster: @bob is now Support.');
    expect(again.stdout).toContain('Alert channel: #销售');
    expect(again.stdout).not.toContain('is new to this console');
  }, 60_000);
});
