/** English messages of the CRM sync. Spread into `en`. */
export const enCrm = {
  'cmd.crm': 'CRM sync: connect Zoho CRM, Fxiaoke or a webhook, link customers to accounts, see how it goes',
  'cmd.crm.connect': 'Connect the workspace’s CRM: `zoho`, `fxiaoke` or `webhook`',
  'cmd.crm.disconnect': 'Disconnect the CRM and delete its saved credentials',
  'cmd.crm.link': 'Link a customer to a CRM account by name, or by id: `<customer> [account id]`',
  'cmd.crm.status': 'Whether a CRM is connected, the last sync, what is waiting and the last error',
  'crm.opt.kind': 'crm',
  'crm.opt.customer': 'customer',
  'crm.opt.account': 'account id',

  'crm.kind.zoho': 'Zoho CRM',
  'crm.kind.fxiaoke': 'Fxiaoke',
  'crm.kind.webhook': 'Webhook',
  'crm.dc.com': 'United States (zoho.com)',
  'crm.dc.eu': 'Europe (zoho.eu)',
  'crm.dc.in': 'India (zoho.in)',
  'crm.dc.com.au': 'Australia (zoho.com.au)',
  'crm.dc.jp': 'Japan (zoho.jp)',
  'crm.dc.ca': 'Canada (zohocloud.ca)',
  'crm.dc.sa': 'Saudi Arabia (zoho.sa)',
  'crm.dc.com.cn': 'China (zoho.com.cn)',
  'crm.dc.uk': 'United Kingdom (zoho.uk)',

  'crm.form.title': 'Connect {crm}',
  'crm.form.submit': 'Connect',
  'crm.field.dataCenter': 'Data center',
  'crm.field.clientId': 'Client ID',
  'crm.field.clientSecret': 'Client secret',
  'crm.field.refreshToken': 'Refresh token',
  'crm.field.baseUrl': 'Open API address',
  'crm.field.appId': 'App ID (appId)',
  'crm.field.appSecret': 'App secret (appSecret)',
  'crm.field.permanentCode': 'Permanent code (permanentCode)',
  'crm.field.currentOpenUserId': 'Operator’s open user ID (FSUID_…)',
  'crm.field.url': 'Receiver URL',
  'crm.field.signingSecret': 'Signing secret (16+ characters)',
  'crm.invalid.required': 'Fill this in.',
  'crm.invalid.dataCenter':
    'Pick the data center your Zoho account is in: the address you sign in at (zoho.com, zoho.eu, zoho.com.cn…).',
  'crm.invalid.baseUrl':
    'Give the open API address, starting with https://. For Fxiaoke’s public cloud keep https://open.fxiaoke.com.',
  'crm.invalid.url':
    'Give an address starting with https://, without user:password in it (plain http only for 127.0.0.1 or localhost).',
  'crm.invalid.signingSecret':
    'Use at least 16 characters; a random one is best, e.g. from `openssl rand -hex 32`.',

  'crm.error.noSecretKey':
    'Muster cannot store CRM credentials yet: whoever runs Muster must set MUSTER_SECRET_KEY first (generate one with `openssl rand -base64 32`) and restart it. Nothing was saved.',
  'crm.error.badEnvironment':
    'The {crm} {crm:setting|settings} in the environment ({prefix}…) were not accepted: {fields}. Fix them and restart Muster; nothing was saved.',
  'crm.error.refused':
    '{reason}\nNothing was saved. Check what you entered and run `/crm connect zoho|fxiaoke|webhook` again.',
  'crm.error.notConnected':
    'No CRM is connected to this workspace. An admin can connect one with `/crm connect zoho|fxiaoke|webhook`.',

  'crm.connected': '{crm} is connected. The credentials are stored encrypted and will not be shown again.',
  'crm.connectedFromEnvironment':
    '{crm} is connected with the credentials from the environment. They are stored encrypted; after you change them, run `/crm connect zoho|fxiaoke|webhook` again.',
  'crm.connected.replaced':
    'It replaces {old}: what still waited for {old} was dropped ({cancelled}), and customer links to {old} {old:account|accounts} were cleared ({unlinked}).',
  'crm.connected.resuming': 'Waiting items are going out now ({waiting}).',
  'crm.connected.next':
    'Next: link customers with `/crm link <customer>`; from then on their feedback lands on the account. `/crm status` shows how it goes.',
  'crm.connected.nextWebhook':
    'A signed test ping reached the receiver, and one without a signature was refused. Every customer event now goes to the webhook, linked or not; `/crm link <customer> <id>` adds your own id for a customer. `/crm status` shows how it goes.',
  'crm.disconnected':
    '{crm} is disconnected and its credentials are deleted. Waiting items were dropped ({cancelled}); customer links are kept.',

  'crm.linked': 'Linked {customer} to CRM account {id}.',
  'crm.linkedFound': 'Linked {customer} to {account} (id {id}). Its feedback now lands on that account.',
  'crm.link.choose': '{count} {count:account|accounts} in {crm} are named {customer}. Which one is it?',
  'crm.link.choice': '{name} (id {id})',
  'crm.link.unknownCustomer': 'There is no customer named “{customer}” yet.',
  'crm.link.didYouMean': 'Did you mean one of the customers below?',
  'crm.link.createAsk':
    'Or create “{customer}” as a new customer and link it. Nothing is created until you press a button.',
  'crm.link.useButton': 'Use {name}',
  'crm.link.createButton': 'Create “{customer}”',
  'crm.link.created': 'Created the customer “{customer}”.',
  'crm.link.badCustomer':
    'Which customer? Give its name, e.g. `/crm link Acme Ltd` or `/crm link 华星科技（上海）有限公司`.',
  'crm.link.badAccount':
    'That account id does not look right: an id is one word of at most {max} {max:character|characters}, e.g. `/crm link Acme Ltd id:4876876000000412001`.',
  'crm.link.notConnected':
    'No CRM is connected yet. An admin connects one first: `/crm connect zoho|fxiaoke|webhook`; then `/crm link <customer>` finds its account by name. To note an account id without a CRM: `/crm link <customer> id:<account id>`.',
  'crm.link.needsId':
    'A webhook cannot look accounts up by name. Give the id from your own system: `/crm link {customer} <account id>`.',
  'crm.link.searchFailed': 'The lookup did not work: {reason}\nNothing was linked.',
  'crm.link.noMatch':
    'No account in {crm} is named exactly {customer}. Check the name as {crm} spells it (brackets and company type included), or link by id: `/crm link {customer} <account id>`.',

  'crm.status.none':
    'No CRM is connected. An admin can connect one with `/crm connect zoho|fxiaoke|webhook`. (Customers with an account id: {linked}; items waiting: {waiting}.)',
  'crm.status.title': 'CRM sync: {crm}',
  'crm.status.state': 'Status',
  'crm.status.connected': 'Connected',
  'crm.status.connectedBy': 'by {user}, {when}',
  'crm.status.endpoint': 'Server',
  'crm.status.lastSync': 'Last sync',
  'crm.status.never': 'not yet',
  'crm.status.waiting': 'Waiting',
  'crm.status.failed': 'Given up',
  'crm.status.linked': 'Linked customers',
  'crm.status.lastError': '*Last error* ({when}): {error}',
  'crm.status.lastErrorPast': '*Last error* ({when}, syncing fine since): {error}',
  'crm.state.active': 'syncing',
  'crm.state.stopped': 'stopped: the CRM refused the credentials',
  'crm.fix.zoho':
    'In the Zoho API Console, generate a new refresh token for the Self Client (same scopes), then run `/crm connect zoho` and enter it. Waiting items go out as soon as it works.',
  'crm.fix.fxiaoke':
    'In the Fxiaoke open platform, check that the app is enabled and authorized and that the operator still exists, then run `/crm connect fxiaoke` with the current appSecret and permanent code. Waiting items go out as soon as it works.',
  'crm.fix.webhook':
    'Check that the receiver uses the same signing secret and that its clock is right (within 5 minutes), then run `/crm connect webhook` again. Waiting items go out as soon as it works.',
  'crm.failure.transient': '{crm} could not be reached or was busy ({detail}).',
  'crm.failure.auth': '{crm} refused the credentials ({detail}).',
  'crm.failure.permanent': '{crm} rejected the request ({detail}).',
  'crm.ping.auth':
    'The receiver at {host} refused the signed test ping ({detail}). Check that it uses the same signing secret as you entered here, and checks the signature as docs/webhook.md describes.',
  'crm.ping.transient':
    'The test ping to {host} got no usable answer ({detail}): the receiver could not be reached, timed out or failed. Check that it is running and that Muster can reach it.',
  'crm.ping.permanent':
    'The receiver at {host} rejected the signed test ping ({detail}). It must answer a ping with a 2xx status; see docs/webhook.md.',
  'crm.ping.unsigned':
    'The receiver at {host} accepted a test ping that had no signature, so anyone who knows its URL could send it events. Make it refuse requests without a valid X-Muster-Signature (docs/webhook.md).',
  'crm.stopped.notice':
    'Muster stopped syncing to {crm} for this workspace. {reason}\nItems waiting: {waiting}. They go out once this is fixed; nothing is lost.\nWhat to do: {fix}',

  'crm.event.noComment': '(no comment)',
  'crm.event.noTags': 'none',
  'crm.event.noResolution': 'no note given',
  'crm.event.noDue': 'no due date',
  'crm.event.original': 'Original feedback: {score}/{max}, “{comment}”',
  'crm.event.created.title': 'Feedback #{id} from {customer}: {score}/{max}',
  'crm.event.created.body':
    'Customer: {customer}\nScore: {score}/{max}\nComment: {comment}\nTags: {tags}\nGroup: {group}\nRecorded by: {author}',
  'crm.event.status.title': 'Feedback #{id} is now {status}',
  'crm.event.status.body': '{actor} moved feedback #{id} from {from} to {to}.',
  'crm.event.resolved.title': 'Feedback #{id} resolved',
  'crm.event.resolved.body': 'Resolved by {actor}: {resolution}',
  'crm.event.action.title': 'Action item from the weekly review',
  'crm.event.action.body': '{text}\nOwner: {owner}, due {due}.\nGroup: {group}',
} as const;
