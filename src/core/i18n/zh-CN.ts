import type { Catalog } from './catalog.js';
import { zhCNCrm } from './zh-CN.crm.js';
import { zhCNEnforcement } from './zh-CN.enforcement.js';
import { zhCNFeedback } from './zh-CN.feedback.js';
import { zhCNFeedbackCommands } from './zh-CN.feedback-commands.js';
import { zhCNReview } from './zh-CN.review.js';
import { zhCNRules } from './zh-CN.rules.js';
import { zhCNStandup } from './zh-CN.standup.js';
import { zhCNStandupCommands } from './zh-CN.standup-commands.js';

/** 简体中文文案：与 en.ts 键和占位符完全一致（有测试保证）。 */
export const zhCN: Catalog = {
  'level.guest': '访客',
  'level.member': '成员',
  'level.manager': '经理',
  'level.admin': '管理员',
  'level.owner': '工作区管理员',
  'list.separator': '、',
  'form.save': '保存',
  'form.cancel': '取消',

  'error.notAllowed':
    '抱歉，只有本群{level}才能执行这个操作。如有需要，请联系管理员（管理员可用 `/role add @成员 <角色>` 分配角色）。',
  'error.otherGroup':
    '这条记录属于你没有加入的群，Muster 不会向你显示或修改它。请到那个群里操作，或联系该群的管理员。',
  'error.workspaceOnly':
    '这个操作会影响所有群，只有工作区管理员（Slack 的管理员或所有者、Discord 中有“管理服务器”权限的成员）才能执行。群管理员可以只对本群设置。',
  'error.teamOnly':
    '这是服务本群的团队内部功能。作为客户方，你可以查看本群群规（`/rules`）、参与满意度调查，以及设置自己的语言和时区（`/muster help`）。',
  'error.groupOnly': '这个命令需要在群聊频道里使用，私信里用不了。请到相关频道再试一次。',
  'error.unknownCommand': '没有 `/{command}` 这个命令。发送 `/muster help` 查看可用命令。',
  'error.unknownCommandDidYouMean': '没有 `/{command}` 这个命令。你是不是想用 `{suggestion}`？',
  'error.unknownSubcommand': '`{command}` 没有 `{word}` 这个子命令。发送 `{help}` 查看可用命令。',
  'error.unknownSubcommandDidYouMean': '`{command}` 没有 `{word}` 这个子命令。你是不是想用 `{suggestion}`？',
  'error.usage': '{problem}\n用法：`{usage}`',
  'error.staleAction': '这个按钮或表单已经过期了，请重新执行一次命令。',
  'error.unexpected': '抱歉，系统出了点问题，本次操作没有生效（错误编号：{ref}）。',
  'error.notSaved': 'Muster 暂时无法保存，本次操作没有生效，请过几分钟再试。',
  'error.plain': '{text}',

  'arg.missing': '缺少{name}。',
  'arg.unexpected': '多出了“{value}”，这个命令用不到它。',
  'arg.notInteger': '{name}需要是整数，“{value}”不是。',
  'arg.outOfRange': '{name}需要在 {min} 到 {max} 之间，{value} 超出了范围。',
  'arg.onePerson': '{name}只能是一位成员，这里提到了 {count} 位。请每人分别执行一次。',
  'arg.notUser': '{name}需要 @ 一位成员（例如 @小王），“{value}”不是。',
  'arg.notChannel': '{name}需要是一个频道（例如 #general），“{value}”不是。',
  'arg.notChoice': '{name}只能是{choices}之一，没有“{value}”这一项。',

  'opt.setting': '设置项',
  'opt.value': '值',
  'opt.timezone': '时区',
  'opt.language': '语言',
  'opt.member': '成员',
  'opt.customerName': '客户名称',
  'opt.role': '角色',

  'cmd.muster': 'Muster：帮助、群设置、个人偏好',
  'cmd.muster.help': '查看你在这里能用的命令',
  'cmd.muster.settings':
    '查看本群设置；管理员可修改时区、语言、工作日和工作时间；工作区管理员可指定客户身份组',
  'cmd.muster.timezone': '查看或设置你自己的时区（IANA 名称，如 Asia/Shanghai）',
  'cmd.muster.language': '选择你的语言：zh-CN 或 en',
  'cmd.role': '角色：群里谁负责什么',
  'cmd.role.list': '查看谁担任什么角色，以及各角色的职责',
  'cmd.role.add': '给成员分配角色或职责（管理员）',
  'cmd.role.remove': '取消成员的角色或职责（管理员）',

  'help.title': 'Muster：你在这里可以做什么',
  'help.alsoWritten': '{usage}（也可写作 {chinese}）',
  'help.line': '{usage}——{description}',
  'help.levelInGroup': '你在 {group} 的身份是{level}。',
  'help.inDirect': '当前是私信，群相关的命令请到群聊频道里使用。',
  'help.moreForOthers': '管理员和经理能看到更多命令。',
  'help.languageTip': 'Prefer English? Send `/muster language en`.',

  'setting.timezone': '时区',
  'setting.language': '语言',
  'setting.workdays': '工作日',
  'setting.hours': '工作时间',
  'setting.customerRole': '客户身份组',
  'settings.customerRole.usage':
    '请指定哪个服务器身份组的成员是客户方，可同时写上客户名称：`/muster settings customer-role @身份组 <客户名称>`；取消：`/muster settings customer-role 关闭 @身份组`。',
  'settings.customerRole.set':
    '拥有 {role} 的成员现在在本服务器的所有群中都算客户方人员（管理员仍可在某个群里用 `/role` 另行指定）。',
  'settings.customerRole.setNamed':
    '拥有 {role} 的成员现在在本服务器的所有群中都算“{customer}”的客户方人员（管理员仍可在某个群里用 `/role` 另行指定）。',
  'settings.customerRole.cleared': '{role} 不再代表客户方，其成员重新算作团队成员。',
  'settings.customerRole.notSet': '{role} 本来就不是客户身份组，没有任何变化。',
  'language.en': 'English（英文）',
  'language.zh-CN': '简体中文',

  'settings.title': '{group} 的群设置',
  'settings.timezoneValue': '{timezone}（当地时间 {time}）',
  'settings.howToChange':
    '单项修改：`/muster settings <设置项> <值>`，例如 `/muster settings 时区 Asia/Shanghai`；也可以点按钮一次改完。',
  'settings.adminsOnly': '只有本群管理员可以修改这些设置。',
  'settings.editButton': '修改设置',
  'settings.formTitle': '群设置',
  'settings.workdaysPlaceholder': '周一至周五',
  'settings.saved': '已保存。{group} 的设置：',
  'settings.changed': '• {setting}：{before} → *{after}*',
  'settings.unchanged': '设置没有变化，本来就是这样。',
  'settings.missingValue': '请填写{setting}，例如：`{example}`',
  'settings.example.timezone': '/muster settings 时区 Asia/Shanghai',
  'settings.example.language': '/muster settings 语言 zh-CN',
  'settings.example.workdays': '/muster settings 工作日 周一至周五',
  'settings.example.hours': '/muster settings 工作时间 09:00-18:00',
  'settings.badTimezone':
    '“{value}”不是有效的时区。请使用 IANA 时区名称，例如 Asia/Shanghai、Asia/Hong_Kong、Europe/London。',
  'settings.badTimezoneDidYouMean': '“{value}”不是有效的时区。你是不是想填 {suggestion}？',
  'settings.bad.language': '暂不支持“{value}”。请选择 zh-CN（简体中文）或 en（英文）。',
  'settings.bad.workdays': '看不懂“{value}”。可以写 `周一至周五`、`周一、周三、周五` 或 `Mon-Fri`。',
  'settings.bad.hours':
    '看不懂“{value}”。请写成 `09:00-18:00` 这样的时间段（24 小时制，开始时间早于结束时间）。',

  'timezone.current':
    '你的时区是 {timezone}（当地时间 {time}）。修改请发送 `/muster timezone <IANA 时区>`，例如 `/muster timezone Asia/Shanghai`。',
  'timezone.saved': '已将你的时区设为 {timezone}（当地时间 {time}），之后的提醒都会按你的当地时间发送。',
  'language.saved': '好的，Muster 之后会用{language}和你交流。',
  'time.inZone': '{time}（{zone}）',
  'time.readerAndGroup': '你当地时间 {time}（{zone}），本群时间 {groupTime}（{groupZone}）',

  'role.admin': '管理员',
  'role.manager': '经理',
  'role.member': '成员',
  'role.pm': '项目经理',
  'role.support': '客服',
  'role.account_manager': '客户经理',
  'role.observer': '观察员',
  'role.customer': '客户',
  'duty.admin': '制定群规和群设置，分配角色',
  'duty.manager': '主持周会、跟进客户反馈、接收经理简报',
  'duty.member': '每天填写站会，参加周会',
  'duty.pm': '负责项目计划，每天在群里同步项目进展',
  'duty.support': '解答客户问题，处理客户投诉',
  'duty.account_manager': '维护客户关系，客户不满意时第一时间收到提醒',
  'duty.customer': '代表群里的客户方，参与满意度调查，只能看到与客户共享的内容，不需要参加站会',
  'duty.observer': '关注群内动态（如访客、旁听的同事），不需要参加站会',
  'role.listTitle': '{group} 的角色分工',
  'role.listLine': '*{role}*：{holders}\n_{duty}_',
  'role.nobody': '暂无',
  'role.howToAssign':
    '分配角色：`/role add @成员 <角色>`；取消角色：`/role remove @成员 <角色>`。角色可以直接写中文，如“项目经理”。',
  'role.adminsAssign': '角色由本群管理员分配。',
  'role.added': '已将 {user} 设为{role}。',
  'role.removed': '已取消 {user} 的{role}角色。',
  'role.alreadyHeld': '{user} 已经是{role}了，无需重复设置。',
  'role.notHeld': '{user} 不是{role}，无需取消。',
  'role.customerOf': '{user}（客户：{customer}）',
  'role.addedCustomer': '{user} 现在是本群中“{customer}”的客户方人员。',
  'role.customerNameOnlyForCustomer': '只有“客户”角色需要填写客户名称：`/role add {user} 客户 <客户名称>`。',
  'role.youWereGiven': '{by} 在 {group} 将你设为*{role}*。{role}的职责：{duty}。',
  'role.youLost': '{by} 取消了你在 {group} 的*{role}*角色。',
  'cli.usage':
    '用法：npm start [-- 选项]\n  （不带选项）              设置了 Slack 或 Discord 的令牌时连接它们，否则在 MUSTER_DB_PATH 上打开本地控制台\n  --script demo.txt         把文件里的每一行当作输入在控制台中运行，结束后退出\n  --verbose, -v             控制台的日志直接显示在终端（stderr），而不是写入数据库旁边的 muster.log\n  --help, -h                显示本说明\n配置从环境变量（以及 .env）读取；每个变量的说明见 .env.example。',
  'cli.unknownOption': 'Muster 无法启动：没有 {option} 这个选项。',
  'cli.missingValue': 'Muster 无法启动：{option} 需要一个值，例如 `--script demo.txt`。',
  'console.banner':
    'Muster 控制台：在终端里模拟一个本地工作区。你现在是 {user}（工作区所有者），位于 {where}。\n输入 /muster help 查看命令，输入 :help 查看控制台操作。',
  'console.help':
    '控制台操作：\n  :as <名字>          切换成其他成员发言（alice 是工作区所有者）\n  :admin <名字>       把某人设为工作区管理员\n  :in #<频道>         切换到某个频道（不存在则新建）\n  :in #<频道> @<名字> …  把成员加入频道：即使从不发言，也算该频道的成员\n  :dm                 和 Muster 私信\n  :role @<名字> <角色>  以所有者身份在当前频道分配角色\n  :click <n>          点击最近一条带按钮消息里的第 n 个按钮\n  :advance <1d|2h30m>  把时钟往后拨\n  :at <2026-12-01T09:00>  把时钟设到某个当地时间\n  :取消               关闭正在填写的表单（也可以按 Ctrl-C）\n  :quit               退出\n提到某人时写 @小王、@bob；名字中间有空格时加引号：@“王 小明”。',
  'console.whereDm': '与 {user} 的私信',
  'console.thread': '话题“{title}”',
  'console.threadUntitled': '话题',
  'console.onlyYou': '{place} · 仅 {user} 可见',
  'console.clickHint': '（输入 :click <n> 点击按钮）',
  'console.formOpened': '表单：{title}。直接回车保留 [方括号] 里的值；输入 :取消 关闭表单。',
  'console.optional': '（可选）',
  'console.choices': '（{choices}）',
  'console.prompt': '{field}：',
  'console.fieldError': '{field}：{message}',
  'console.formStillOpen':
    '表单“{title}”还没填完，这一行不会被当作答案。请在下面回答“{field}”；如果要先关闭表单，输入 :取消（或按 Ctrl-C）。',
  'console.newPerson': '（@{name} 第一次出现在控制台，现在是 {channel} 的成员了。）',
  'console.quoteHint':
    '控制台里还没有叫 @{name} 的人。如果“{name} {rest}”是一个名字，请加上引号：@“{name} {rest}”；如果确实有新成员叫 @{name}，请先输入 :in {channel} @{name}。这一行没有发送。',
  'console.typoPerson':
    '控制台里还没有叫 @{name} 的人，你是不是想找 @{near}？这一行没有发送。如果确实是新成员，请先输入 :in {channel} @{name}。',
  'console.clock': '{time}（{zone} 时间）',
  'console.logFile': '日志写入 {path}（启动时加上 --verbose 可以直接在这里查看）。',
  'console.formCancelled': '已取消表单，没有保存任何内容。',
  'console.formSubmitted': '表单已提交。',
  'console.pickOne': '请从列出的选项中选一个（填序号或值）。',
  'console.required': '这一项必填。',
  'console.nowAs': '你现在是 {user}{admin}，位于 {where}。',
  'console.adminTag': '（工作区管理员）',
  'console.madeAdmin': '{user} 现在是工作区管理员了。',
  'console.nowIn': '你现在位于 {where}。',
  'console.putIn': '已把 {people} 加入 {where}：无论是否发言，都是该频道的成员。',
  'console.badMeta': '无法识别的控制台操作：{line}。输入 :help 查看可用操作。',
  'console.inNotPerson':
    '“{word}”不是一个人名：每个人都写成 @名字，名字中间有空格时加引号，例如 `:in #general @“王 小明” @张伟`。没有做任何改动。',
  'console.noSuchButton': '最近一条带按钮的消息里没有第 {index} 个按钮。',
  'console.fileSaved': '📎 {name} 已保存到 {path}',
  'console.moderated.delete': '（Muster 删除了 {place} 的一条消息：{reason}）',
  'console.moderated.timeout': '（Muster 已将 {user} 禁言至 {until}：{reason}）',
  'console.moderated.remove': '（Muster 已将 {user} 移出 {place}：{reason}）',
  'console.moderated.ban': '（Muster 已封禁 {user}，不能再加入 {place}：{reason}）',
  'home.title': 'Muster',
  'home.groups': '*你所在的群*',
  'home.groupLine': '• {group}：{roles}',
  'home.noGroups': '你还没有任何角色。管理员可以在群聊频道里用 `/role add @成员 <角色>` 给你分配。',
  'home.preferences': '*你的偏好*\n语言：{language} · 时区：{timezone}（当地时间 {time}）',
  'home.tip':
    '可以用 `/muster language en|zh-CN` 和 `/muster timezone <IANA 时区>` 修改。在任意频道发送 `/muster help` 查看可用命令。',
  'delivery.failed': 'Muster 无法在 {channel} 发消息：{reason}',
  'delivery.reason.not_in_channel': 'Muster 不在这个频道里，请用 `/invite @Muster` 把它拉进来。',
  'delivery.reason.channel_not_found': '频道已不存在，或 Muster 没有权限查看。',
  'delivery.reason.is_archived': '频道已归档。',
  'delivery.reason.missing_permissions':
    'Muster 的身份组在该频道缺少权限：请开启“查看频道”“发送消息”和“嵌入链接”。',
  'delivery.reason.missing_access': 'Muster 看不到这个频道：请为 Muster 的身份组开启“查看频道”权限。',
  'delivery.reason.unknown_channel': '频道已不存在。',
  'delivery.reason.other': '平台拒绝了这条消息（{error}）。',
  'moderation.action.delete': '删除这条消息',
  'moderation.action.timeout': '将 {user} 禁言',
  'moderation.action.remove': '将 {user} 移出',
  'moderation.action.ban': '封禁 {user}',
  'moderation.fallback.not_supported':
    'Muster 无法在 {channel} {action}（{reason}）：该平台不允许 Muster 这样做，请手动处理。{permission}',
  'moderation.fallback.hourly':
    '同一个群的同一类操作每小时最多提醒一次；`/rules log` 可查看 Muster 处理过的全部消息。',
  'moderation.fallback.missing_permission':
    'Muster 无法在 {channel} {action}（{reason}）：缺少权限。解决办法：{permission}',
  'moderation.fallback.failed':
    'Muster 无法在 {channel} {action}（{reason}）：平台返回“{error}”。请检查后手动处理。',
  'moderation.permission.slack.delete':
    '删除成员消息需要配置 SLACK_ADMIN_USER_TOKEN（工作区管理员的用户令牌）；配置前请手动删除。',
  'moderation.permission.slack.timeout': 'Slack 不支持禁言，可以考虑把该成员移出频道。',
  'moderation.permission.slack.remove':
    '请为 Muster 应用添加 channels:manage 和 groups:write 权限范围，并重新安装。',
  'moderation.permission.slack.ban': 'Slack 频道不支持封禁，可由工作区管理员停用该账号。',
  'moderation.permission.discord.delete': '请在该频道为 Muster 的身份组开启“管理消息”权限。',
  'moderation.permission.discord.timeout':
    '请为 Muster 的身份组开启“禁言成员”权限，并把它排在该成员最高身份组之上。',
  'moderation.permission.discord.remove':
    '请为 Muster 的身份组开启“踢出成员”权限，并把它排在该成员最高身份组之上。',
  'moderation.permission.discord.ban':
    '请为 Muster 的身份组开启“封禁成员”权限，并把它排在该成员最高身份组之上。',
  'moderation.permission.console.delete': '本地控制台始终可以执行此操作。',
  'moderation.permission.console.timeout': '本地控制台始终可以执行此操作。',
  'moderation.permission.console.remove': '本地控制台始终可以执行此操作。',
  'moderation.permission.console.ban': '本地控制台始终可以执行此操作。',
  'slack.manifestDescription': '为客户服务群提供角色分工、群规管理、站会、客户反馈、周会和经理简报。',
  'discord.formRejected': '有几项需要修改，尚未保存：',
  'discord.formReopen': '修改后重新提交',
  'discord.done': '已完成。',
  ...zhCNEnforcement,
  ...zhCNRules,
  ...zhCNStandup,
  ...zhCNStandupCommands,
  ...zhCNFeedback,
  ...zhCNFeedbackCommands,
  ...zhCNReview,
  ...zhCNCrm,
};
