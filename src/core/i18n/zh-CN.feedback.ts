import type { enFeedback } from './en.feedback.js';

/** 客户反馈的简体中文文案，并入 `zhCN`；键和占位符与 en.feedback.ts 一致。 */
export const zhCNFeedback: Record<keyof typeof enFeedback, string> = {
  'feedback.parse.ratingNotNumber': '评分要填数字，例如 `评分：4`，“{value}”不是数字。',
  'feedback.parse.ratingEmpty': '评分没有填写，请在后面写上数字，例如 `评分：4`。',
  'feedback.parse.duplicateCustomer': '每条反馈只能填一个客户，你填了“{first}”和“{second}”。',
  'feedback.parse.duplicateRating': '每条反馈只能打一次分，你填了 {first} 和 {second}。',
  'feedback.parse.duplicateCrm': '每条反馈只能填一个 CRM 客户编号，你填了“{first}”和“{second}”。',
  'feedback.parse.unclosedQuote': '`{label}` 后面的引号没有闭合，请补上后引号，例如 `客户：“阿里巴巴”`。',

  'feedback.error.noCustomer': '缺少客户：请填写这条反馈来自哪个客户。',
  'feedback.error.customerTooLong': '客户名称有 {length} 个字符，最多只能 {max} 个。',
  'feedback.error.noScore': '缺少评分：请打 {min} 到 {max} 分。',
  'feedback.error.scoreRange': '评分需为 {min} 到 {max} 之间的整数，不能是 {score}。',
  'feedback.error.scoreOutOf':
    '本群按 {min}–{max} 分评分，不能按满分 {outOf} 打分，请给出 {min} 到 {max} 之间的分数。',
  'feedback.error.commentTooLong': '评论有 {length} 个字符，超过了 {max} 个字符的上限，请精简后再提交。',
  'feedback.error.crmTooLong': 'CRM 客户编号有 {length} 个字符，最多只能 {max} 个。',

  'feedback.period.week': '本周',
  'feedback.period.month': '本月',
  'feedback.period.quarter': '本季度',
  'feedback.previous.week': '上周',
  'feedback.previous.month': '上月',
  'feedback.previous.quarter': '上季度',

  'feedback.stats.text': '{period}客户反馈：{count} 条',
  'feedback.stats.title': '客户反馈 · {period}',
  'feedback.stats.count': '反馈数',
  'feedback.stats.average': '平均分（满分 {max}）',
  'feedback.stats.nps': '净推荐值（NPS）',
  'feedback.stats.promoters': '推荐者（9–10 分）',
  'feedback.stats.passives': '中立者（7–8 分）',
  'feedback.stats.detractors': '贬损者（0–6 分）',
  'feedback.stats.medianResolve': '解决用时中位数',
  'feedback.stats.hours': '{hours} 小时',
  'feedback.stats.minutes': '{minutes} 分钟',
  'feedback.stats.underMinute': '不到 1 分钟',
  'feedback.stats.days': '{days} 天',
  'feedback.stats.noValue': '暂无',
  'feedback.stats.withChange': '{value}（较{previous} {change}）',
  'feedback.stats.topTags': '*热门标签*',
  'feedback.stats.tag': '#{tag}（{count} 条）',
  'feedback.stats.worstCustomers': '*评分最低的客户*',
  'feedback.stats.customer': '• {name}：平均 {average} 分（{count} 条）',
  'feedback.stats.empty': '{period}还没有客户反馈。发送 `/feedback` 即可记录。',
  'feedback.stats.otherScale':
    '另有 {count} 条评分按 {min}–{max} 分制给出：{figure}。这些评分保留原分制，不做换算，也不计入上面的{current}。',
  'feedback.stats.otherAverage': '平均 {average} 分（满分 {max}）',
  'feedback.stats.otherNps': '净推荐值 {nps}',
  'feedback.stats.figure.csat': '平均分',
  'feedback.stats.figure.nps': '净推荐值',
};
