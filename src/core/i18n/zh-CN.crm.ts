import type { enCrm } from './en.crm.js';

/** CRM 同步的中文文案。并入 `zhCN`。 */
export const zhCNCrm: Record<keyof typeof enCrm, string> = {
  'cmd.crm': 'CRM 同步：连接 Zoho CRM、纷享销客或 Webhook，关联客户，查看同步情况',
  'cmd.crm.connect': '连接工作区的 CRM：`zoho`、`fxiaoke` 或 `webhook`',
  'cmd.crm.disconnect': '断开 CRM，并删除已保存的凭证',
  'cmd.crm.link': '把客户关联到 CRM 客户记录，按名称或编号：`<客户> [客户编号]`',
  'cmd.crm.status': '查看 CRM 是否已连接、上次同步时间、排队数量和最近的错误',
  'crm.opt.kind': '类型',
  'crm.opt.customer': '客户',
  'crm.opt.account': '客户编号',

  'crm.kind.zoho': 'Zoho CRM',
  'crm.kind.fxiaoke': '纷享销客',
  'crm.kind.webhook': 'Webhook 推送',
  'crm.dc.com': '美国（zoho.com）',
  'crm.dc.eu': '欧洲（zoho.eu）',
  'crm.dc.in': '印度（zoho.in）',
  'crm.dc.com.au': '澳大利亚（zoho.com.au）',
  'crm.dc.jp': '日本（zoho.jp）',
  'crm.dc.ca': '加拿大（zohocloud.ca）',
  'crm.dc.sa': '沙特阿拉伯（zoho.sa）',
  'crm.dc.com.cn': '中国（zoho.com.cn）',
  'crm.dc.uk': '英国（zoho.uk）',

  'crm.form.title': '连接 {crm}',
  'crm.form.submit': '连接',
  'crm.field.dataCenter': '数据中心',
  'crm.field.clientId': '客户端 ID（Client ID）',
  'crm.field.clientSecret': '客户端密钥（Client Secret）',
  'crm.field.refreshToken': '刷新令牌（Refresh Token）',
  'crm.field.baseUrl': '开放平台接口地址',
  'crm.field.appId': '应用 ID（appId）',
  'crm.field.appSecret': '应用密钥（appSecret）',
  'crm.field.permanentCode': '永久授权码（permanentCode）',
  'crm.field.currentOpenUserId': '操作人的 openUserId（FSUID_…）',
  'crm.field.url': '接收地址',
  'crm.field.signingSecret': '签名密钥（至少 16 个字符）',
  'crm.invalid.required': '请填写此项。',
  'crm.invalid.dataCenter':
    '请选择 Zoho 账号所在的数据中心，看登录时的网址即可（zoho.com、zoho.eu、zoho.com.cn 等）。',
  'crm.invalid.baseUrl':
    '请填写以 https:// 开头的开放平台地址；纷享销客公有云保持 https://open.fxiaoke.com 即可。',
  'crm.invalid.url':
    '请填写以 https:// 开头的地址，地址里不要带用户名和密码（只有 127.0.0.1 或 localhost 可以用 http://）。',
  'crm.invalid.signingSecret': '至少 16 个字符，最好随机生成，例如用 `openssl rand -hex 32`。',

  'crm.error.noSecretKey':
    'Muster 暂时无法保存 CRM 凭证：请负责部署 Muster 的同事先设置 MUSTER_SECRET_KEY（可用 `openssl rand -base64 32` 生成），然后重启。本次没有保存任何内容。',
  'crm.error.badEnvironment':
    '环境变量中的 {crm} 配置（{prefix}…）有误：{fields}。请改正后重启 Muster；本次没有保存任何内容。',
  'crm.error.refused':
    '{reason}\n本次没有保存。请检查填写的内容，再运行一次 `/crm connect zoho|fxiaoke|webhook`。',
  'crm.error.notConnected':
    '这个工作区还没有连接 CRM。管理员可以用 `/crm connect zoho|fxiaoke|webhook` 连接。',

  'crm.connected': '{crm} 已连接。凭证已加密保存，之后不会再显示。',
  'crm.connectedFromEnvironment':
    '已用环境变量中的凭证连接 {crm}。凭证已加密保存；以后改了环境变量，请再运行一次 `/crm connect zoho|fxiaoke|webhook`。',
  'crm.connected.replaced':
    '已替换原来的 {old}：{cancelled} 条还没发到 {old} 的记录已放弃，{unlinked} 个客户关联已清除（它们对应的是 {old} 里的客户）。',
  'crm.connected.resuming': '排队中的 {waiting} 条记录正在发送。',
  'crm.connected.next':
    '下一步：用 `/crm link <客户>` 关联客户，之后这个客户的反馈会自动写进 CRM 客户记录。用 `/crm status` 查看同步情况。',
  'crm.connected.nextWebhook':
    '带签名的测试请求已送达接收方，不带签名的请求也被正确拒绝。从现在起，所有客户动态都会推送到 Webhook，不论是否关联；用 `/crm link <客户> <编号>` 可以附上你们系统里的客户编号。用 `/crm status` 查看同步情况。',
  'crm.disconnected': '已断开 {crm} 并删除凭证。{cancelled} 条排队中的记录已放弃；客户关联保留。',

  'crm.linked': '已将“{customer}”关联到 CRM 客户 {id}。',
  'crm.linkedFound': '已将“{customer}”关联到“{account}”（编号 {id}），之后的反馈都会写进这个客户记录。',
  'crm.link.choose': '{crm} 里有 {count} 个名为“{customer}”的客户，是哪一个？',
  'crm.link.choice': '{name}（编号 {id}）',
  'crm.link.unknownCustomer': '还没有名为“{customer}”的客户。',
  'crm.link.didYouMean': '是不是下面的某个客户？',
  'crm.link.createAsk': '也可以新建客户“{customer}”并关联。点按钮之前不会新建任何客户。',
  'crm.link.useButton': '用“{name}”',
  'crm.link.createButton': '新建“{customer}”',
  'crm.link.created': '已新建客户“{customer}”。',
  'crm.link.badCustomer': '要关联哪个客户？请写上客户名称，例如 `/crm link 华星科技（上海）有限公司`。',
  'crm.link.badAccount':
    '客户编号好像不对：编号是一串不含空格的字符，最长 {max} 个，例如 `/crm link 华星科技 编号：65f0a1b2c3d4e5f600000001`。',
  'crm.link.notConnected':
    '还没有连接 CRM。请管理员先连接：`/crm connect zoho|fxiaoke|webhook`，之后 `/crm link <客户>` 会按名称找到对应的客户记录。不连接 CRM 也可以直接记下客户编号：`/crm link <客户> 编号：<客户编号>`。',
  'crm.link.needsId':
    'Webhook 不能按名称查找客户，请直接填写你们系统里的客户编号：`/crm link {customer} <客户编号>`。',
  'crm.link.searchFailed': '查找失败：{reason}\n没有建立关联。',
  'crm.link.noMatch':
    '{crm} 里没有名称完全一致的客户“{customer}”。请按 {crm} 里的写法核对名称（括号、公司类型都要一致），或者直接按编号关联：`/crm link {customer} <客户编号>`。',

  'crm.status.none':
    '还没有连接 CRM。管理员可以用 `/crm connect zoho|fxiaoke|webhook` 连接。（已有 {linked} 个客户填了客户编号；{waiting} 条记录在排队。）',
  'crm.status.title': 'CRM 同步：{crm}',
  'crm.status.state': '状态',
  'crm.status.connected': '连接',
  'crm.status.connectedBy': '由 {user} 于 {when} 连接',
  'crm.status.endpoint': '服务器',
  'crm.status.lastSync': '上次同步',
  'crm.status.never': '还没有同步过',
  'crm.status.waiting': '排队中',
  'crm.status.failed': '已放弃',
  'crm.status.linked': '已关联客户',
  'crm.status.lastError': '*最近一次错误*（{when}）：{error}',
  'crm.status.lastErrorPast': '*最近一次错误*（{when}，此后已恢复正常同步）：{error}',
  'crm.state.active': '同步中',
  'crm.state.stopped': '已暂停：CRM 拒绝了凭证',
  'crm.fix.zoho':
    '请在 Zoho API 控制台为自建客户端（Self Client）重新生成刷新令牌（权限范围不变），然后运行 `/crm connect zoho` 填入新的令牌。连接成功后，排队的记录会马上发出。',
  'crm.fix.fxiaoke':
    '请在纷享销客开放平台确认应用已启用、已授权，操作人账号也还在，然后运行 `/crm connect fxiaoke`，填入最新的 appSecret 和永久授权码。连接成功后，排队的记录会马上发出。',
  'crm.fix.webhook':
    '请确认接收方用的是同一个签名密钥，服务器时间也准确（误差在 5 分钟内），然后再运行一次 `/crm connect webhook`。连接成功后，排队的记录会马上发出。',
  'crm.failure.transient': '暂时连不上 {crm}，或者对方繁忙（{detail}）。',
  'crm.failure.auth': '{crm} 拒绝了凭证（{detail}）。',
  'crm.failure.permanent': '{crm} 拒绝了这次请求（{detail}）。',
  'crm.ping.auth':
    '{host} 上的接收方拒绝了带签名的测试请求（{detail}）。请确认它使用的签名密钥与这里填写的一致，并按 docs/webhook.md 的方法校验签名。',
  'crm.ping.transient':
    '发往 {host} 的测试请求没有得到可用的回应（{detail}）：接收方无法访问、超时或出错。请确认它正在运行，且 Muster 能访问到它。',
  'crm.ping.permanent':
    '{host} 上的接收方拒绝了带签名的测试请求（{detail}）。收到测试请求时应返回 2xx 状态码，详见 docs/webhook.md。',
  'crm.ping.unsigned':
    '{host} 上的接收方接受了一个没有签名的测试请求，这样任何知道地址的人都能向它发送事件。请让它拒绝没有有效 X-Muster-Signature 的请求（见 docs/webhook.md）。',
  'crm.stopped.notice':
    'Muster 已暂停本工作区到 {crm} 的同步。{reason}\n有 {waiting} 条记录在排队，问题解决后会自动发出，不会丢失。\n处理方法：{fix}',

  'crm.event.noComment': '（无）',
  'crm.event.noTags': '无',
  'crm.event.noResolution': '未填写说明',
  'crm.event.noDue': '未定',
  'crm.event.original': '原反馈：{score}/{max} 分，“{comment}”',
  'crm.event.created.title': '客户反馈 #{id}：{customer}，{score}/{max} 分',
  'crm.event.created.body':
    '客户：{customer}\n评分：{score}/{max}\n反馈内容：{comment}\n标签：{tags}\n群：{group}\n记录人：{author}',
  'crm.event.status.title': '反馈 #{id} 状态改为“{status}”',
  'crm.event.status.body': '{actor} 将反馈 #{id} 从“{from}”改为“{to}”。',
  'crm.event.resolved.title': '反馈 #{id} 已解决',
  'crm.event.resolved.body': '{actor} 已处理：{resolution}',
  'crm.event.action.title': '周会待办事项',
  'crm.event.action.body': '{text}\n负责人：{owner}，截止：{due}。\n群：{group}',
};
