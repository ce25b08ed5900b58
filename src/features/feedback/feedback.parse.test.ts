import { describe, expect, it } from 'vitest';
import { translate } from '../../core/i18n/catalog.js';
import { checkFeedback, type FeedbackInput, parseFeedbackInline, parseTags } from './feedback.parse.js';

/** The problem as each language would show it. */
function problem(result: ReturnType<typeof parseFeedbackInline>): [string, string] {
  if (result.ok) throw new Error(`expected a problem, got ${JSON.stringify(result.input)}`);
  return [translate('en', result.key, result.params), translate('zh-CN', result.key, result.params)];
}

describe('parseFeedbackInline in English', () => {
  it('reads a quoted customer with spaces, the rating, the comment and a tag', () => {
    expect(parseFeedbackInline('customer:"Acme Ltd" rating:2 late delivery again #logistics')).toEqual({
      ok: true,
      input: { customer: 'Acme Ltd', score: 2, comment: 'late delivery again', tags: ['logistics'] },
    });
  });

  it('takes the fields anywhere, in any case, with a space after the colon, and every alias', () => {
    expect(parseFeedbackInline('late again #Logistics Client: Acme SCORE: 3 account:0012 #billing')).toEqual({
      ok: true,
      input: {
        customer: 'Acme',
        score: 3,
        crmAccountId: '0012',
        comment: 'late again',
        tags: ['logistics', 'billing'],
      },
    });
    expect(parseFeedbackInline("crm:SF-001 customer:'O Reilly Media' rating:4 fine")).toMatchObject({
      ok: true,
      input: { customer: 'O Reilly Media', crmAccountId: 'SF-001', score: 4, comment: 'fine' },
    });
  });

  it('reads ratings written with a maximum, a unit or full-width digits', () => {
    const score = (text: string) => {
      const result = parseFeedbackInline(`customer:Acme ${text} ok`);
      return result.ok ? [result.input.score, result.input.scoreOutOf] : result.key;
    };
    expect(score('rating:2/5')).toEqual([2, 5]);
    expect(score('rating:8 / 10')).toEqual([8, 10]);
    expect(score('rating:4 stars')).toEqual([4, undefined]);
    expect(score('rating:"3/5"')).toEqual([3, 5]);
    expect(score('rating:２')).toEqual([2, undefined]);
    expect(score('rating:4.5')).toEqual([4.5, undefined]);
  });

  it('keeps tags as one lower-case entry each and leaves #s that are not tags in the comment', () => {
    expect(
      parseFeedbackInline(
        'customer:Acme rating:2 #Late #late #物流 see https://x.com/p#top, C# and issue#12 in <#C123|ops>',
      ),
    ).toEqual({
      ok: true,
      input: {
        customer: 'Acme',
        score: 2,
        comment: 'see https://x.com/p#top, C# and issue#12 in <#C123|ops>',
        tags: ['late', '物流'],
      },
    });
  });

  it('leaves a value-less field empty for the checks to name', () => {
    expect(parseFeedbackInline('customer: rating:3 hello')).toEqual({
      ok: true,
      input: { customer: '', score: 3, comment: 'hello', tags: [] },
    });
    expect(parseFeedbackInline('')).toEqual({ ok: true, input: { comment: '', tags: [] } });
  });

  it('keeps prose that merely contains a field name', () => {
    expect(parseFeedbackInline('customer:Acme rating:5 mycustomer:happy, scores high')).toMatchObject({
      ok: true,
      input: { comment: 'mycustomer:happy, scores high' },
    });
  });
});

describe('parseFeedbackInline in Chinese', () => {
  it('reads full-width colons, Chinese quotes and ＃tags with no spaces', () => {
    expect(parseFeedbackInline('客户：“阿里巴巴”评分：1 发货太慢了＃物流')).toEqual({
      ok: true,
      input: { customer: '阿里巴巴', score: 1, comment: '发货太慢了', tags: ['物流'] },
    });
  });

  it('ends an unquoted value at the next field, and a rating at its number', () => {
    expect(parseFeedbackInline('客户：阿里巴巴评分：1发货太慢了＃物流＃包装')).toEqual({
      ok: true,
      input: { customer: '阿里巴巴', score: 1, comment: '发货太慢了', tags: ['物流', '包装'] },
    });
  });

  it('drops the commas that separate fields from the comment', () => {
    expect(parseFeedbackInline('客户：阿里巴巴，评分：２分，发货太慢了，包装也破了。')).toEqual({
      ok: true,
      input: { customer: '阿里巴巴', score: 2, comment: '发货太慢了，包装也破了。', tags: [] },
    });
  });

  it('reads every Chinese field name and quote style', () => {
    expect(parseFeedbackInline('客户名称：「腾讯 科技」打分：2星 CRM编号：『A-100』 客服回复慢')).toEqual({
      ok: true,
      input: { customer: '腾讯 科技', score: 2, crmAccountId: 'A-100', comment: '客服回复慢', tags: [] },
    });
    expect(parseFeedbackInline('分数：4 客户：字节跳动')).toMatchObject({
      ok: true,
      input: { customer: '字节跳动', score: 4 },
    });
  });

  it('reads ratings in Chinese numerals, but not words that start with one', () => {
    expect(parseFeedbackInline('评分：五星好评 客户：腾讯')).toMatchObject({
      ok: true,
      input: { score: 5, comment: '好评' },
    });
    expect(parseFeedbackInline('客户：腾讯 评分：两分')).toMatchObject({ ok: true, input: { score: 2 } });
    expect(problem(parseFeedbackInline('客户：腾讯 评分：十分差'))[1]).toBe(
      '评分要填数字，例如 `评分：4`，“十分差”不是数字。',
    );
    expect(parseFeedbackInline('客户：腾讯 评分：一般')).toMatchObject({
      ok: false,
      key: 'feedback.parse.ratingNotNumber',
      params: { value: '一般' },
    });
  });

  it('mixes languages: a Chinese label, a full-width name and an English comment', () => {
    expect(parseFeedbackInline('客户：“Ａｃｍｅ Ltd.”评分：4 late delivery again＃logistics')).toEqual({
      ok: true,
      input: { customer: 'Ａｃｍｅ Ltd.', score: 4, comment: 'late delivery again', tags: ['logistics'] },
    });
  });
});

describe('parseFeedbackInline problems, in both languages', () => {
  it('names a rating that is not a number', () => {
    expect(problem(parseFeedbackInline('customer:Acme rating:great'))).toEqual([
      'The rating must be a number, like `rating:4`, not “great”.',
      '评分要填数字，例如 `评分：4`，“great”不是数字。',
    ]);
    expect(problem(parseFeedbackInline('customer:Acme rating:2x'))[0]).toContain('“2x”');
  });

  it('names an empty rating', () => {
    expect(problem(parseFeedbackInline('评分： 客户：阿里巴巴'))).toEqual([
      'The rating is empty: put a number right after it, like `rating:4`.',
      '评分没有填写，请在后面写上数字，例如 `评分：4`。',
    ]);
  });

  it('refuses a field given twice, even under two names, showing both values', () => {
    expect(problem(parseFeedbackInline('customer:Acme 客户：“阿里巴巴” rating:2'))).toEqual([
      'One customer per feedback, please: you gave “Acme” and “阿里巴巴”.',
      '每条反馈只能填一个客户，你填了“Acme”和“阿里巴巴”。',
    ]);
    expect(problem(parseFeedbackInline('评分：2 customer:Acme score:3/5'))).toEqual([
      'One rating per feedback, please: you gave 2 and 3/5.',
      '每条反馈只能打一次分，你填了 2 和 3/5。',
    ]);
    expect(problem(parseFeedbackInline('CRM编号：A-100 crm:B-200'))[1]).toBe(
      '每条反馈只能填一个 CRM 客户编号，你填了“A-100”和“B-200”。',
    );
  });

  it('names a quote that is never closed', () => {
    expect(problem(parseFeedbackInline('customer:"Acme Ltd rating:2'))).toEqual([
      'The quote after `customer:` is never closed. Close it, like `customer:"Acme Ltd"`.',
      '`customer:` 后面的引号没有闭合，请补上后引号，例如 `客户：“阿里巴巴”`。',
    ]);
    expect(problem(parseFeedbackInline('客户：“阿里巴巴 评分：1'))[1]).toContain(
      '`客户：` 后面的引号没有闭合',
    );
  });
});

describe('parseTags', () => {
  it('reads a form field of tags however they are separated', () => {
    expect(parseTags('#物流，Billing  billing、账单 ＃售后; api,#')).toEqual([
      '物流',
      'billing',
      '账单',
      '售后',
      'api',
    ]);
    expect(parseTags('')).toEqual([]);
  });
});

describe('checkFeedback', () => {
  const input = (over: Partial<FeedbackInput>): FeedbackInput => ({
    customer: 'Acme',
    score: 4,
    comment: 'fine',
    tags: [],
    ...over,
  });
  const shown = (problems: ReturnType<typeof checkFeedback>) =>
    problems.map((p) => [p.field, translate('en', p.key, p.params), translate('zh-CN', p.key, p.params)]);

  it('passes good input on either scale', () => {
    expect(checkFeedback(input({}), 'csat', { commentMax: 2000 })).toEqual([]);
    expect(checkFeedback(input({ score: 0, scoreOutOf: 10 }), 'nps', { commentMax: 2000 })).toEqual([]);
  });

  it('names a score outside the group’s scale', () => {
    expect(shown(checkFeedback(input({ score: 9 }), 'csat', { commentMax: 2000 }))).toEqual([
      [
        'score',
        'The rating must be a whole number from 1 to 5, not 9.',
        '评分需为 1 到 5 之间的整数，不能是 9。',
      ],
    ]);
    expect(checkFeedback(input({ score: 4.5 }), 'csat', { commentMax: 2000 })).toMatchObject([
      { field: 'score', key: 'feedback.error.scoreRange' },
    ]);
    expect(shown(checkFeedback(input({ score: 8, scoreOutOf: 10 }), 'csat', { commentMax: 2000 }))).toEqual([
      [
        'score',
        'This group rates from 1 to 5, so a rating out of 10 does not fit. Give a score from 1 to 5.',
        '本群按 1–5 分评分，不能按满分 10 打分，请给出 1 到 5 之间的分数。',
      ],
    ]);
  });

  it('names an empty customer, unless the group has a default one', () => {
    const empty = [
      'customer',
      'The customer is missing: say which customer this feedback is from.',
      '缺少客户：请填写这条反馈来自哪个客户。',
    ];
    expect(shown(checkFeedback(input({ customer: undefined }), 'csat', { commentMax: 2000 }))).toEqual([
      empty,
    ]);
    expect(shown(checkFeedback(input({ customer: ' “” ' }), 'csat', { commentMax: 2000 }))).toEqual([empty]);
    expect(
      checkFeedback(input({ customer: undefined }), 'csat', { commentMax: 2000, hasDefaultCustomer: true }),
    ).toEqual([]);
    expect(
      shown(checkFeedback(input({ customer: '…' }), 'csat', { commentMax: 2000, hasDefaultCustomer: true })),
    ).toEqual([empty]);
  });

  it('names a comment over the platform’s limit, counting characters, not UTF-16 units', () => {
    expect(shown(checkFeedback(input({ comment: '慢'.repeat(11) }), 'csat', { commentMax: 10 }))).toEqual([
      [
        'comment',
        'The comment is 11 characters long; the limit is 10. Shorten it and send it again.',
        '评论有 11 个字符，超过了 10 个字符的上限，请精简后再提交。',
      ],
    ]);
    expect(checkFeedback(input({ comment: '😀'.repeat(10) }), 'csat', { commentMax: 10 })).toEqual([]);
  });

  it('lists every problem, one per field, in field order', () => {
    const problems = checkFeedback(
      { customer: 'x'.repeat(201), comment: 'abc', tags: [], crmAccountId: 'c'.repeat(101) },
      'nps',
      { commentMax: 2 },
    );
    expect(problems.map((p) => [p.field, p.key])).toEqual([
      ['customer', 'feedback.error.customerTooLong'],
      ['score', 'feedback.error.noScore'],
      ['comment', 'feedback.error.commentTooLong'],
      ['crmAccountId', 'feedback.error.crmTooLong'],
    ]);
    expect(translate('zh-CN', problems[1]?.key ?? 'error.plain', problems[1]?.params)).toBe(
      '缺少评分：请打 0 到 10 分。',
    );
  });

  it('checks what the inline parser read', () => {
    const parsed = parseFeedbackInline('客户：阿里巴巴 评分：9 太棒了');
    if (!parsed.ok) throw new Error(parsed.key);
    expect(checkFeedback(parsed.input, 'csat', { commentMax: 2000 })).toMatchObject([
      { field: 'score', params: { score: 9, min: 1, max: 5 } },
    ]);
    expect(checkFeedback(parsed.input, 'nps', { commentMax: 2000 })).toEqual([]);
  });
});
