import { describe, expect, it } from 'vitest';
import { translate } from '../../core/i18n/catalog.js';
import { blockerKey, DEFAULT_QUESTIONS, isNoBlocker, parseInlineAnswers } from './standup.answers.js';

const parse = (text: string) => parseInlineAnswers(text, DEFAULT_QUESTIONS);

/** The problem as each language would show it. */
function problem(result: ReturnType<typeof parseInlineAnswers>): [string, string] {
  if (result.ok) throw new Error(`expected a problem, got ${JSON.stringify(result.answers)}`);
  return [translate('en', result.key, result.params), translate('zh-CN', result.key, result.params)];
}

describe('parseInlineAnswers with the default questions', () => {
  it('reads English labels', () => {
    expect(parse('yesterday: wrote the API; today: testing; blockers: none')).toEqual({
      ok: true,
      answers: { yesterday: 'wrote the API', today: 'testing', blockers: 'none' },
    });
  });

  it('reads Chinese labels with full-width colons and semicolons and no spaces', () => {
    expect(parse('昨天：写接口；今天：联调；阻碍：无')).toEqual({
      ok: true,
      answers: { yesterday: '写接口', today: '联调', blockers: '无' },
    });
  });

  it('reads aliases in any case, width and order', () => {
    expect(parse('B: 等设计稿; Today: 联调; YDAY: 写接口')).toEqual({
      ok: true,
      answers: { yesterday: '写接口', today: '联调', blockers: '等设计稿' },
    });
    expect(parse('ＴＯＤＡＹ：联调；昨日：写接口；卡点：API 限流')).toEqual({
      ok: true,
      answers: { yesterday: '写接口', today: '联调', blockers: 'API 限流' },
    });
  });

  it('reads answers on separate lines, with multi-line answers and bullet labels', () => {
    expect(parse('今天：联调\n昨天：\n- 写接口\n- 修复登录问题\n阻碍：无')).toEqual({
      ok: true,
      answers: { yesterday: '- 写接口\n- 修复登录问题', today: '联调', blockers: '无' },
    });
    expect(parse('- *Yesterday*: docs\r\n- *Today*: review\r\n- *Blockers*: -')).toEqual({
      ok: true,
      answers: { yesterday: 'docs', today: 'review', blockers: '-' },
    });
  });

  it('keeps colons that belong to the answer: times, links, prose', () => {
    expect(
      parse('yesterday: call at 10:30\nsee https://example.com/x\ntoday: demo, agenda: pricing; blockers:'),
    ).toEqual({
      ok: true,
      answers: {
        yesterday: 'call at 10:30\nsee https://example.com/x',
        today: 'demo, agenda: pricing',
        blockers: '',
      },
    });
  });

  it('treats a left-out or empty blockers answer as none', () => {
    expect(parse('昨天：写接口；今天：联调')).toEqual({
      ok: true,
      answers: { yesterday: '写接口', today: '联调', blockers: '' },
    });
    expect(parse('yesterday: a; today: b; blockers:')).toMatchObject({ ok: true, answers: { blockers: '' } });
  });

  it('names a missing question and shows the usage, in both languages', () => {
    expect(problem(parse('yesterday: wrote the API; blockers: none'))).toEqual([
      'You did not say what you plan today. Usage: `/standup yesterday: …; today: …; blockers: none`',
      '还没写今天的计划。用法：`/standup 昨天：…；今天：…；阻碍：无`',
    ]);
    expect(problem(parse('今天：联调'))).toEqual([
      'You did not say what you did yesterday. Usage: `/standup yesterday: …; today: …; blockers: none`',
      '还没写昨天做了什么。用法：`/standup 昨天：…；今天：…；阻碍：无`',
    ]);
    expect(problem(parse('阻碍：无'))[1]).toBe(
      '还没写昨天做了什么和今天的计划。用法：`/standup 昨天：…；今天：…；阻碍：无`',
    );
    expect(problem(parse(''))[0]).toContain('yesterday or what you plan today');
  });

  it('counts an empty answer as missing', () => {
    expect(problem(parse('昨天：；今天：联调'))[1]).toBe(
      '还没写昨天做了什么。用法：`/standup 昨天：…；今天：…；阻碍：无`',
    );
  });

  it('rejects an unknown label, naming it', () => {
    expect(problem(parse('yesterday: a; tomorrow: b; today: c'))).toEqual([
      'I don’t know the question “tomorrow”. Answer yesterday, today and blockers: `/standup yesterday: …; today: …; blockers: none`',
      '没有“tomorrow”这一项。请按昨天、今天、阻碍填写：`/standup 昨天：…；今天：…；阻碍：无`',
    ]);
    expect(problem(parse('昨天：写接口；明天：上线；今天：联调'))[1]).toContain('没有“明天”这一项');
  });

  it('rejects an answer given twice, even under two names', () => {
    expect(problem(parse('昨天：a；今天：b；yesterday：c'))).toEqual([
      '“yesterday” is answered twice. Give each question one answer.',
      '“yesterday”写了两次，每个问题只需回答一次。',
    ]);
  });

  it('asks for labels when there are none', () => {
    expect(problem(parse('写了接口，今天联调'))[1]).toBe(
      '每条回答请以问题开头，例如 `今天：…`。用法：`/standup 昨天：…；今天：…；阻碍：无`',
    );
  });

  it('accepts the numbers of the default questions too', () => {
    expect(parse('1: a; 2: b; 3: none')).toEqual({
      ok: true,
      answers: { yesterday: 'a', today: 'b', blockers: 'none' },
    });
  });
});

describe('parseInlineAnswers splits on the labels themselves', () => {
  const three = { yesterday: '修复登录', today: '写测试', blockers: '无' };

  it('whatever separates them: spaces, ，。；, new lines or nothing', () => {
    for (const text of [
      '昨天：修复登录 今天：写测试 阻碍：无',
      '昨天：修复登录，今天：写测试，阻碍：无',
      '昨天：修复登录。今天：写测试。阻碍：无',
      '昨天：修复登录；今天：写测试；阻碍：无',
      '昨天：修复登录\n今天：写测试\n阻碍：无',
      '昨天：修复登录今天：写测试阻碍：无',
      '昨日：修复登录今日：写测试障碍：无',
    ]) {
      expect(parse(text), text).toEqual({ ok: true, answers: three });
    }
    expect(parse('Yesterday: fixed login; today: tests. Blockers: none')).toEqual({
      ok: true,
      answers: { yesterday: 'fixed login', today: 'tests', blockers: 'none' },
    });
    expect(parse('YESTERDAY: fixed login TODAY: tests BLOCKED: design review')).toEqual({
      ok: true,
      answers: { yesterday: 'fixed login', today: 'tests', blockers: 'design review' },
    });
    expect(parse('yesterday: a, today: b, blocking: c')).toEqual({
      ok: true,
      answers: { yesterday: 'a', today: 'b', blockers: 'c' },
    });
  });

  it('leaves words inside an answer alone when they are not a label there', () => {
    // A one-letter label only starts a line or follows a separator; a word label never ends another word.
    expect(parse('yesterday: v2: shipped today: plan B: call Acme')).toEqual({
      ok: true,
      answers: { yesterday: 'v2: shipped', today: 'plan B: call Acme', blockers: '' },
    });
    // 问题 is a blockers label, but not glued to the word before it.
    expect(parse('昨天：修复登录问题：已完成 今天：写测试')).toEqual({
      ok: true,
      answers: { yesterday: '修复登录问题：已完成', today: '写测试', blockers: '' },
    });
    expect(parse('1. 昨天：a\n2. 今天：b')).toEqual({
      ok: true,
      answers: { yesterday: 'a', today: 'b', blockers: '' },
    });
  });

  it('takes unlabelled text as the answer when a group asks one question', () => {
    expect(parseInlineAnswers('登录页上线了', [{ id: 'q1', text: '今天的进展？' }])).toEqual({
      ok: true,
      answers: { q1: '登录页上线了' },
    });
    expect(parseInlineAnswers('1: shipped', [{ id: 'q1', text: 'Progress' }])).toEqual({
      ok: true,
      answers: { q1: 'shipped' },
    });
  });
});

describe('parseInlineAnswers with custom questions', () => {
  const questions = [
    { id: 'q1', text: 'What did you ship?' },
    { id: 'q2', text: '客户有什么反馈？' },
    { id: 'q3', text: 'Next step' },
  ];

  it('reads answers by number or by the question text', () => {
    expect(parseInlineAnswers('1: login page; 2：客户满意；3: release', questions)).toEqual({
      ok: true,
      answers: { q1: 'login page', q2: '客户满意', q3: 'release' },
    });
    expect(
      parseInlineAnswers('客户有什么反馈：满意\nwhat did you ship?: login\nnext step: release', questions),
    ).toEqual({
      ok: true,
      answers: { q1: 'login', q2: '满意', q3: 'release' },
    });
  });

  it('names missing questions by number and text, with a numbered usage', () => {
    expect(problem(parseInlineAnswers('1: login page', questions))).toEqual([
      '2 questions have no answer, starting with question 2 (“客户有什么反馈？”). Usage: `/standup 1: …; 2: …; 3: …`',
      '还有 2 个问题没有回答，第一个是第 2 个问题（“客户有什么反馈？”）。用法：`/standup 1: …; 2: …; 3: …`',
    ]);
    expect(problem(parseInlineAnswers('1: a; 3: c', questions))[1]).toBe(
      '第 2 个问题（“客户有什么反馈？”）还没有回答。用法：`/standup 1: …; 2: …; 3: …`',
    );
  });

  it('rejects a number that is not a question', () => {
    expect(problem(parseInlineAnswers('1: a; 2: b; 4: d', questions))).toEqual([
      '“4” is not one of the questions. Start each answer with the question’s number (1–3) or its text: `/standup 1: …; 2: …; 3: …`',
      '“4”不是站会问题。每条回答请以问题序号（1–3）或问题原文开头：`/standup 1: …; 2: …; 3: …`',
    ]);
  });

  it('lets a custom set mark its blockers question: optional, and answering to 阻碍/卡点 too', () => {
    const withBlockers = [
      { id: 'q1', text: '今天做什么' },
      { id: 'q2', text: 'Anything in your way?', blockers: true },
    ];
    expect(parseInlineAnswers('1: 联调', withBlockers)).toEqual({
      ok: true,
      answers: { q1: '联调', q2: '' },
    });
    expect(parseInlineAnswers('今天做什么：联调；卡点：限流', withBlockers)).toEqual({
      ok: true,
      answers: { q1: '联调', q2: '限流' },
    });
    expect(
      parseInlineAnswers('1: 联调', [...withBlockers.slice(0, 1), { id: 'q2', text: 'Risks' }]),
    ).toMatchObject({
      ok: false,
      key: 'standup.parse.missingOne',
      params: { number: 2, question: 'Risks' },
    });
  });
});

describe('isNoBlocker', () => {
  it('recognises "nothing" in English and Chinese', () => {
    for (const none of [
      '',
      ' ',
      'none',
      'None.',
      'no',
      'N/A',
      'n/a',
      '-',
      '—',
      '0',
      'nothing',
      'No blockers!',
    ]) {
      expect(isNoBlocker(none), none).toBe(true);
    }
    for (const none of [
      '无',
      '无。',
      '没有',
      '暂无',
      '无阻碍',
      '没',
      '没有问题',
      '暂时没有',
      '一切正常',
      '（无）',
    ]) {
      expect(isNoBlocker(none), none).toBe(true);
    }
  });

  it('does not mistake a real blocker for none', () => {
    for (const blocker of [
      'API 限流',
      'no access to prod',
      '没有测试环境',
      'waiting on design',
      '无法登录',
    ]) {
      expect(isNoBlocker(blocker), blocker).toBe(false);
    }
  });
});

describe('blockerKey', () => {
  it('is the same across case, width, punctuation and spacing', () => {
    expect(blockerKey('API 限流')).toBe(blockerKey('api限流。'));
    expect(blockerKey('ＡＰＩ　限流！')).toBe(blockerKey('API 限流'));
    expect(blockerKey('Waiting on design, still.')).toBe(blockerKey('waiting on design still'));
  });

  it('tells different blockers apart', () => {
    expect(blockerKey('API 限流')).not.toBe(blockerKey('API 超时'));
  });
});
