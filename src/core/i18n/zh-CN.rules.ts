import type { enRules } from './en.rules.js';

/** 群规（自动管理）的简体中文文案，并入 `zhCN`；键和占位符与 en.rules.ts 一致。 */
export const zhCNRules: Record<keyof typeof enRules, string> = {
  'rules.kind.words': '违禁词',
  'rules.kind.presets': '预设词库',
  'rules.kind.links': '链接',
  'rules.kind.contacts': '联系方式',
  'rules.kind.flood': '刷屏',
  'rules.kind.mentions': '@人过多',
  'rules.kind.caps': '大写字母过多',
  'rules.kind.regex': '正则表达式',

  'rules.preset.profanity': '脏话',
  'rules.preset.ads': '广告引流',
  'rules.preset.gambling': '赌博',

  'rules.contact.phone': '手机号',
  'rules.contact.chatId': '微信号和 QQ 号',
  'rules.contact.email': '邮箱',

  'rules.describe.words': '违禁词（共 {total} 个）：{words}',
  'rules.describe.wordsMore': '违禁词（共 {total} 个）：{words} 等',
  'rules.describe.presets': '预设词库：{lists}',
  'rules.describe.links.all': '禁止发链接',
  'rules.describe.links.allow': '只允许发 {domains} 的链接',
  'rules.describe.links.allowNoInvites': '只允许发 {domains} 的链接，且禁止发群邀请链接',
  'rules.describe.links.deny': '禁止发 {domains} 的链接',
  'rules.describe.links.denyNoInvites': '禁止发 {domains} 的链接和群邀请链接',
  'rules.describe.links.invites': '禁止发其他群的邀请链接（Discord、Slack、Telegram、WhatsApp）',
  'rules.describe.contacts': '禁止留联系方式：{what}',
  'rules.describe.flood.both':
    '禁止刷屏：{seconds} 秒内超过 {messages} 条消息，或 {repeatSeconds} 秒内重复发同一内容 {repeats} 次',
  'rules.describe.flood.messages': '禁止刷屏：{seconds} 秒内超过 {messages} 条消息',
  'rules.describe.flood.repeats': '禁止重复刷屏：{repeatSeconds} 秒内重复发同一内容 {repeats} 次',
  'rules.describe.mentions.both': '一条消息最多 @ {max} 人；没有权限的成员不能用 @channel、@here、@everyone',
  'rules.describe.mentions.count': '一条消息最多 @ {max} 人',
  'rules.describe.mentions.broadcast': '没有权限的成员不能用 @channel、@here、@everyone',
  'rules.describe.caps': '禁止大写刷屏：超过 {letters} 个字母的消息里，大写占比不能超过 {percent}%',
  'rules.describe.regex': '匹配正则 `{pattern}` 的消息',
  'rules.describe.regexCaseSensitive': '匹配正则 `{pattern}` 的消息（区分大小写）',
  'rules.describe.invalid': '{kind}：设置已无法读取，请删除这条规则后重新添加',

  'rules.reason.words': '违禁词“{word}”',
  'rules.reason.preset.profanity': '脏话（“{word}”）',
  'rules.reason.preset.ads': '广告引流（“{word}”）',
  'rules.reason.preset.gambling': '赌博信息（“{word}”）',
  'rules.reason.links.any': '发链接（{domain}）',
  'rules.reason.links.notAllowed': '发了不在允许范围内的链接（{domain}）',
  'rules.reason.links.denied': '发了禁止的链接（{domain}）',
  'rules.reason.links.invite': '发了其他群的邀请链接（{domain}）',
  'rules.reason.contacts.phone': '留手机号',
  'rules.reason.contacts.chatId': '留微信号或 QQ 号',
  'rules.reason.contacts.email': '留邮箱地址',
  'rules.reason.flood.messages': '{seconds} 秒内发了 {count} 条消息',
  'rules.reason.flood.repeats': '{seconds} 秒内重复发了 {count} 次相同内容',
  'rules.reason.mentions.count': '一条消息 @ 了 {count} 人（上限 {max} 人）',
  'rules.reason.mentions.broadcast': '无权限使用 {mention} 通知所有人',
  'rules.reason.caps': '大写字母过多（占 {percent}%）',
  'rules.reason.regex': '命中正则 `{pattern}`',

  'rules.regex.empty': '正则不能为空，请写上要匹配的内容，例如 `buy\\s+now`。',
  'rules.regex.tooLong': '正则超过了 {max} 个字符，请拆成几条规则。',
  'rules.regex.lookaround':
    '正则里不能用 `{fragment}` 这类环视（先行/后行断言）：Muster 用 RE2 引擎执行正则，它保证在线性时间内跑完，所以不支持环视。请直接匹配文字本身（用 `ab` 代替 `(?<=a)b`），或者改用违禁词规则。',
  'rules.regex.backreference':
    '正则里不能用 `{fragment}` 这类反向引用：Muster 用 RE2 引擎执行正则，它保证在线性时间内跑完，没法匹配“和前面一样的内容”。请把重复的部分直接写出来（用 `(ab)ab` 代替 `(ab)\\1`），或者用 `|` 列出各种写法。',
  'rules.regex.atomic':
    '正则里不能用 `{fragment}` 这类原子组，也用不着：RE2 从不回溯。请改用普通分组 `(?:…)`。',
  'rules.regex.invalid': '这个正则写法有误（{error}），请检查括号和反斜杠。',
  'rules.regex.matchesEverything':
    '这个正则连空消息都能匹配，会把每条消息都判为违规。请让它至少匹配一个字符，比如用 `a+` 而不是 `a*`。',

  'rules.input.noWords': '请至少写一个词，多个词用逗号或顿号隔开，例如 `加微信，代购、scam`。',
  'rules.input.wordIsSetting':
    '“{word}”看起来是一项设置，不是要拦截的词：违禁词规则只写词语。处理方式用 `/rules actions <编号> 删除 警告 禁言` 设置；禁言多久用 `/rules ladder` 设置。',
  'rules.input.wordUnmatchable': '“{word}”里没有文字或数字，永远匹配不到，请直接写要禁止的词。',
  'rules.input.wordTooLong': '“{word}”超过了 {max} 个字符，请换个短一点的说法。',
  'rules.input.tooManyWords': '一条规则最多 {max} 个词，请拆成几条规则。',
  'rules.limit.groupRules':
    '{group} 已有 {used} 条规则（含全工作区规则，启用和停用的都算），一个群最多 {max} 条。请删除不再需要的规则（先用 `/rules list` 查看，再用 `/rules remove <编号>` 删除），或用 `/rules edit <编号> <设置>` 把几份词表合并成一条规则。',
  'rules.limit.groupSize':
    '这样 {group} 的违禁词将达到 {words} 个（共 {characters} 个字符，含预设词库和全工作区规则，启用和停用的都算）。为了让每条消息都能立即检查，一个群最多 {maxWords} 个词、{maxCharacters} 个字符，目前已有 {usedWords} 个词（{usedCharacters} 个字符）。请删掉不再需要的词或规则，或让长词表只在需要的群生效（`/rules scope <编号> group`）。',
  'rules.limit.workspaceRules':
    '本工作区各群共有 {used} 条规则（启用和停用的都算），一个工作区最多 {max} 条。请删除不再需要的规则（在各群用 `/rules list` 查看，再用 `/rules remove <编号>` 删除）。',
  'rules.limit.workspaceSize':
    '这样本工作区要检查的违禁词将达到 {words} 个（共 {characters} 个字符，启用和停用的都算）；有自己规则的群各自保存一份全工作区规则，所以全工作区规则在每个这样的群里都要再算一次。一个工作区最多 {maxWords} 个词、{maxCharacters} 个字符，目前已有 {usedWords} 个词（{usedCharacters} 个字符）。请删掉各群不再需要的词或规则，或让长词表只在需要的群生效（`/rules scope <编号> group`）。',
  'rules.input.unknownPreset':
    '没有“{name}”这个预设词库。可选：脏话（profanity）、广告（ads）、赌博（gambling）。',
  'rules.input.badDomain':
    '“{domain}”不是域名。请写成 `example.com` 这样，例如 `禁止 example.com、spam.io` 或 `只允许 example.com`。',
  'rules.input.tooManyDomains': '一条规则最多 {max} 个域名，请拆成几条规则。',
  'rules.input.noDomains': '请写明是哪些域名，例如 `只允许 example.com` 或 `禁止 spam.io`。',
  'rules.input.unknownContact':
    '没有“{name}”这种联系方式。可选：手机号、微信（含 QQ 号）、邮箱；不写就是三种都禁止。',
  'rules.input.flood':
    '没看懂这个设置。频率可以写 `10秒内最多5条`（或直接写 `5 10`），重复内容写 `60秒内重复3次`；写 `重复 关闭` 可以关掉重复检测。',
  'rules.input.floodRange':
    '超出范围：消息数可设 1–60 条（或关闭），重复次数 2–60 次（或关闭），时间 1–3600 秒。',
  'rules.input.mentions':
    '没看懂这个设置。请写一条消息最多能 @ 几个人，例如 `5`；加上 `允许全员` 就不限制 @channel、@here、@everyone，只写 `全员` 则只限制这三种。',
  'rules.input.mentionsRange': '@ 人数上限可设 1–100。',
  'rules.input.caps': '没看懂这个设置。请写大写占比和最短检查长度，例如 `70% 10`。',
  'rules.input.capsRange': '大写占比可设 1–100%，字母数可设 1–1000。',
  'rules.input.regexFlags': '只支持 `i` 标志（`/正则/i`），不支持 `{flags}`。',
};
