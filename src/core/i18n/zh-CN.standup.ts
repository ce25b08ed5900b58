import type { enStandup } from './en.standup.js';

/** 每日站会的简体中文文案，并入 `zhCN`；键和占位符与 en.standup.ts 一致。 */
export const zhCNStandup: Record<keyof typeof enStandup, string> = {
  'standup.q.yesterday': '昨天',
  'standup.q.today': '今天',
  'standup.q.blockers': '阻碍',

  'standup.parse.missing.yesterday': '还没写昨天做了什么。用法：`/standup 昨天：…；今天：…；阻碍：无`',
  'standup.parse.missing.today': '还没写今天的计划。用法：`/standup 昨天：…；今天：…；阻碍：无`',
  'standup.parse.missing.yesterdayToday':
    '还没写昨天做了什么和今天的计划。用法：`/standup 昨天：…；今天：…；阻碍：无`',
  'standup.parse.missingOne': '第 {number} 个问题（“{question}”）还没有回答。用法：`{usage}`',
  'standup.parse.missingSome':
    '还有 {count} 个问题没有回答，第一个是第 {number} 个问题（“{question}”）。用法：`{usage}`',
  'standup.parse.unknownLabel':
    '没有“{label}”这一项。请按昨天、今天、阻碍填写：`/standup 昨天：…；今天：…；阻碍：无`',
  'standup.parse.unknownLabelNumbered':
    '“{label}”不是站会问题。每条回答请以问题序号（{numbers}）或问题原文开头：`{usage}`',
  'standup.parse.unlabeled':
    '每条回答请以问题开头，例如 `今天：…`。用法：`/standup 昨天：…；今天：…；阻碍：无`',
  'standup.parse.unlabeledNumbered': '每条回答请以问题序号（{numbers}）或问题原文开头。用法：`{usage}`',
  'standup.parse.duplicate': '“{label}”写了两次，每个问题只需回答一次。',

  'standup.answer.text': '{who} 提交了站会',
  'standup.answer.title': '*{who}*',
  'standup.answer.titleLate': '*{who}*（迟交）',
  'standup.answer.titleEdited': '*{who}*（已修改）',
  'standup.answer.titleLateEdited': '*{who}*（迟交，已修改）',
  'standup.answer.none': '无',

  'standup.history.line': '{day} *{name}*：{answers}',
  'standup.history.lineLate': '{day} *{name}*（迟交）：{answers}',
  'standup.history.pair': '{label}：{answer}',
  'standup.history.separator': '；',

  'standup.summary.text': '{day} 站会：已提交 {answered}/{total}',
  'standup.summary.sharedGroup': '{group} 里有客户方人员，所以站会汇总发到这里给你，不会发到群里。',
  'standup.summary.title': '{day} 站会汇总',
  'standup.summary.answered': '已提交',
  'standup.summary.missing': '未提交',
  'standup.summary.away': '请假',
  'standup.summary.blockers': '阻碍',
  'standup.summary.missingList': '*未提交（{count} 人）*',
  'standup.summary.awayList': '*请假（{count} 人）*',
  'standup.summary.blockersList': '*阻碍（{count} 项）*',
  'standup.summary.allAnswered': '全员已提交。🎉',
  'standup.summary.noBlockers': '今天没有阻碍。',
  'standup.summary.blockerNew': '• *{name}*：{text}（新增）',
  'standup.summary.blockerOpen': '• *{name}*：{text}（已持续 {days} 天）',
  'standup.summary.late': '其中 {count} 人在截止后提交。',
  'standup.summary.howTo': '还没提交？发送 `/standup` 填写。',

  'standup.csv.day': '日期',
  'standup.csv.member': '成员',
  'standup.csv.late': '迟交',
  'standup.csv.submittedAt': '提交时间',
  'standup.csv.yes': '是',
  'standup.csv.no': '否',
};
