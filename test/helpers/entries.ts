/**
 * Every command, button and form with a valid invocation against the seeded cast, and who should
 * be allowed to run it: the rows of the authorization table, and the starting points of the fuzz.
 */
import type { Permission } from '../../src/core/commands/define-command.js';
import { C1, type Ids, TODAY } from './actors.js';

export type Invocation =
  | { type: 'command'; command: string; text: string }
  | { type: 'click'; actionId: string; value: string }
  | { type: 'form'; formId: string; context: string; values: Record<string, string> };

export interface Entry {
  /** The registry entry: `/command sub`, `action:<id>` or `form:<id>`. */
  key: string;
  /** Who should be allowed, whatever the feature declares. */
  required: Permission;
  /** `group`: only in a group channel. */
  scope: 'group' | 'anywhere';
  /** `here`: the conversation's group; `C1`: an item or a payload in C1; `WS`: the workspace. */
  acts: 'here' | 'C1' | 'WS';
  invoke(ids: Ids): Invocation;
  /** Names this row when a key has several (e.g. viewing and changing settings). */
  label?: string;
}

const cmd =
  (command: string, text: (ids: Ids) => string) =>
  (ids: Ids): Invocation => ({ type: 'command', command, text: text(ids) });
const click =
  (actionId: string, value: (ids: Ids) => string) =>
  (ids: Ids): Invocation => ({ type: 'click', actionId, value: value(ids) });
const form =
  (formId: string, context: (ids: Ids) => string, values: Record<string, string>) =>
  (ids: Ids): Invocation => ({ type: 'form', formId, context: context(ids), values });

function command(
  key: string,
  required: Permission,
  scope: Entry['scope'],
  acts: Entry['acts'],
  text: (ids: Ids) => string,
  label?: string,
): Entry {
  const [name = ''] = key.slice(1).split(' ');
  return { key, required, scope, acts, invoke: cmd(name, text), ...(label ? { label } : {}) };
}

const g = (text: string) => () => text;

export const TABLE: readonly Entry[] = [
  command('/muster help', 'guest', 'anywhere', 'here', g('help')),
  command('/muster settings', 'member', 'group', 'here', g('settings'), 'view'),
  command('/muster settings', 'admin', 'group', 'here', g('settings timezone Asia/Shanghai'), 'change'),
  command(
    '/muster settings',
    'owner',
    'group',
    'WS',
    g('settings customer-role <@&42> Acme'),
    'customer role',
  ),
  command('/muster timezone', 'guest', 'anywhere', 'here', g('timezone Asia/Shanghai')),
  command('/muster language', 'guest', 'anywhere', 'here', g('language zh-CN')),
  command('/role list', 'member', 'group', 'here', g('list')),
  command('/role add', 'admin', 'group', 'here', g('add <@mel> pm')),
  command('/role remove', 'admin', 'group', 'here', g('remove <@mona> manager')),
  command('/rules show', 'guest', 'group', 'here', g('show')),
  command('/rules list', 'manager', 'group', 'here', g('list')),
  command('/rules add', 'admin', 'group', 'here', g('add words spam')),
  command('/rules edit', 'admin', 'group', 'C1', (i) => `edit ${i.rule} scam, spam`),
  command('/rules edit', 'owner', 'group', 'WS', (i) => `edit ${i.workspaceRule} fraud, scam`, 'workspace'),
  command('/rules remove', 'admin', 'group', 'C1', (i) => `remove ${i.rule}`),
  command('/rules remove', 'owner', 'group', 'WS', (i) => `remove ${i.workspaceRule}`, 'workspace'),
  command('/rules enable', 'admin', 'group', 'C1', (i) => `enable ${i.rule}`),
  command('/rules disable', 'admin', 'group', 'C1', (i) => `disable ${i.rule}`),
  command('/rules watch', 'admin', 'group', 'C1', (i) => `watch ${i.rule}`),
  command('/rules scope', 'owner', 'group', 'C1', (i) => `scope ${i.rule} workspace`),
  command('/rules scope', 'owner', 'group', 'WS', (i) => `scope ${i.workspaceRule} group`, 'workspace'),
  command('/rules actions', 'admin', 'group', 'C1', (i) => `actions ${i.rule} delete warn`),
  command('/rules preset', 'admin', 'group', 'here', g('preset ads on')),
  command('/rules test', 'manager', 'group', 'here', g('test scam')),
  command('/rules exempt', 'admin', 'group', 'here', g('exempt <@mel>')),
  command('/rules log', 'manager', 'group', 'here', g('log')),
  command('/rules strikes', 'manager', 'group', 'here', g('strikes <@mel>')),
  command('/rules pardon', 'admin', 'group', 'here', g('pardon <@mel>')),
  command('/rules ladder', 'member', 'group', 'here', g('ladder'), 'view'),
  command('/rules ladder', 'owner', 'group', 'here', g('ladder 1 warn, 3 remove'), 'change'),
  command('/rules cooldown', 'member', 'group', 'here', g('cooldown'), 'view'),
  command('/rules cooldown', 'owner', 'group', 'here', g('cooldown 15m'), 'change'),
  command('/rules export', 'admin', 'group', 'here', g('export')),
  command('/members list', 'member', 'group', 'here', g('list')),
  command('/members inactive', 'manager', 'group', 'here', g('inactive')),
  command('/members prune', 'admin', 'group', 'here', g('prune 1')),
  command('/standup answer', 'member', 'group', 'here', g('answer')),
  command('/standup setup', 'admin', 'group', 'here', g('setup')),
  command('/standup config', 'member', 'group', 'here', g('config'), 'view'),
  command('/standup config', 'admin', 'group', 'here', g('config prompt 10:00'), 'change'),
  command('/standup on', 'admin', 'group', 'here', g('on')),
  command('/standup off', 'admin', 'group', 'here', g('off')),
  command('/standup away', 'member', 'group', 'here', g('away 2026-12-10'), 'self'),
  command('/standup away', 'admin', 'group', 'here', g('away 2026-12-10 <@mel>'), 'someone'),
  command('/standup back', 'member', 'group', 'here', g('back')),
  command('/standup calendar', 'member', 'group', 'here', g('calendar')),
  command('/standup history', 'member', 'group', 'here', g('history')),
  command('/standup export', 'manager', 'group', 'here', g('export')),
  command('/standup blockers', 'member', 'group', 'here', g('blockers')),
  command('/standup unblock', 'member', 'group', 'here', g('unblock 1')),
  command('/feedback add', 'member', 'group', 'here', g('add customer:Acme rating:4 fine')),
  command('/feedback survey', 'member', 'group', 'here', g('survey Acme')),
  command('/feedback assign', 'member', 'group', 'C1', (i) => `assign ${i.feedback} <@mel>`),
  command('/feedback resolve', 'member', 'group', 'C1', (i) => `resolve ${i.feedback} fixed`),
  command('/feedback reopen', 'member', 'group', 'C1', (i) => `reopen ${i.feedback}`),
  command('/feedback show', 'member', 'group', 'C1', (i) => `show ${i.feedback}`),
  command('/feedback list', 'member', 'group', 'here', g('list')),
  command('/feedback stats', 'member', 'group', 'here', g('stats')),
  command('/feedback export', 'manager', 'group', 'here', g('export')),
  command('/feedback settings', 'member', 'group', 'here', g('settings'), 'view'),
  command('/feedback settings', 'admin', 'group', 'here', g('settings threshold 3'), 'change'),
  command('/review schedule', 'manager', 'group', 'here', g('schedule friday 16:00')),
  command('/review off', 'manager', 'group', 'here', g('off')),
  command('/review now', 'member', 'group', 'here', g('now')),
  command('/review notes', 'manager', 'group', 'here', g('notes we met')),
  command('/review action', 'manager', 'group', 'here', g('action Call them <@mel> friday')),
  command('/review done', 'guest', 'group', 'C1', (i) => `done ${i.action}`),
  command('/review history', 'member', 'group', 'here', g('history')),
  command('/digest subscribe', 'member', 'anywhere', 'here', g('subscribe weekly')),
  command('/digest unsubscribe', 'member', 'anywhere', 'here', g('unsubscribe')),
  command('/digest now', 'member', 'anywhere', 'here', g('now')),
  command('/crm connect', 'owner', 'anywhere', 'here', g('connect zoho')),
  command('/crm disconnect', 'owner', 'anywhere', 'here', g('disconnect')),
  command('/crm link', 'manager', 'anywhere', 'here', g('link Acme 12345')),
  command('/crm status', 'manager', 'anywhere', 'here', g('status')),
  {
    key: 'action:settings.edit',
    required: 'admin',
    scope: 'group',
    acts: 'here',
    invoke: click('settings.edit', g('')),
  },
  {
    key: 'action:rules.post',
    required: 'admin',
    scope: 'group',
    acts: 'here',
    invoke: click('rules.post', g('')),
  },
  {
    key: 'action:members.prune.confirm',
    required: 'admin',
    scope: 'group',
    acts: 'C1',
    invoke: click('members.prune.confirm', (i) => `${i.prune}:3`),
  },
  {
    key: 'action:members.prune.cancel',
    required: 'admin',
    scope: 'group',
    acts: 'C1',
    invoke: click('members.prune.cancel', (i) => `${i.prune}:3`),
  },
  {
    key: 'action:standup.unblock',
    required: 'member',
    scope: 'anywhere',
    acts: 'C1',
    invoke: click('standup.unblock', (i) => `${C1}|${i.blocker}`),
  },
  {
    key: 'action:standup.open',
    required: 'member',
    scope: 'anywhere',
    acts: 'C1',
    invoke: click('standup.open', g(`${C1}|${TODAY}`)),
  },
  {
    key: 'action:feedback.survey.answer',
    required: 'guest',
    scope: 'anywhere',
    acts: 'C1',
    invoke: click('feedback.survey.answer', (i) => `${i.survey}:4`),
  },
  {
    key: 'action:feedback.take',
    required: 'member',
    scope: 'anywhere',
    acts: 'C1',
    invoke: click('feedback.take', (i) => String(i.feedback)),
  },
  {
    key: 'action:feedback.resolve',
    required: 'member',
    scope: 'anywhere',
    acts: 'C1',
    invoke: click('feedback.resolve', (i) => String(i.feedback)),
  },
  {
    key: 'action:feedback.scale.confirm',
    required: 'admin',
    scope: 'anywhere',
    acts: 'C1',
    invoke: click('feedback.scale.confirm', g(`nps|${C1}`)),
  },
  {
    key: 'action:feedback.scale.keep',
    required: 'admin',
    scope: 'anywhere',
    acts: 'C1',
    invoke: click('feedback.scale.keep', g(C1)),
  },
  {
    key: 'action:feedback.customer.create',
    required: 'member',
    scope: 'anywhere',
    acts: 'here',
    invoke: click('feedback.customer.create', g('Initech')),
  },
  {
    key: 'action:review.notes.open',
    required: 'manager',
    scope: 'anywhere',
    acts: 'C1',
    invoke: click('review.notes.open', g(C1)),
  },
  {
    key: 'action:review.action.open',
    required: 'manager',
    scope: 'anywhere',
    acts: 'C1',
    invoke: click('review.action.open', g(C1)),
  },
  {
    key: 'action:review.done',
    required: 'guest',
    scope: 'anywhere',
    acts: 'C1',
    invoke: click('review.done', (i) => String(i.action)),
  },
  {
    key: 'action:crm.link.create',
    required: 'manager',
    scope: 'anywhere',
    acts: 'here',
    invoke: click('crm.link.create', g('12345\nInitech')),
  },
  {
    key: 'action:crm.link.use',
    required: 'manager',
    scope: 'anywhere',
    acts: 'here',
    invoke: click('crm.link.use', g('12345\n1')),
  },
  {
    key: 'action:crm.link.pick',
    required: 'manager',
    scope: 'anywhere',
    acts: 'here',
    invoke: click('crm.link.pick', g(JSON.stringify({ c: 'Acme', a: '12345', n: 'Acme Ltd' }))),
  },
  {
    key: 'form:settings.form',
    required: 'admin',
    scope: 'anywhere',
    acts: 'C1',
    invoke: form('settings.form', g(C1), {
      timezone: 'Asia/Shanghai',
      language: 'zh-CN',
      workdays: 'mon-fri',
      hours: '09:00-18:00',
    }),
  },
  {
    key: 'form:standup.form',
    required: 'member',
    scope: 'anywhere',
    acts: 'C1',
    invoke: form('standup.form', g(`${C1}|${TODAY}`), { q1: 'did', q2: 'doing', q3: '' }),
  },
  {
    key: 'form:standup.setup',
    required: 'admin',
    scope: 'anywhere',
    acts: 'C1',
    invoke: form('standup.setup', g(C1), {
      prompt: '09:30',
      deadline: '17:00',
      nudge: '60',
      questions: '',
      country: '',
    }),
  },
  {
    key: 'form:feedback.form',
    required: 'member',
    scope: 'anywhere',
    acts: 'C1',
    invoke: form('feedback.form', g(C1), { customer: 'Acme', score: '4', comment: 'ok', tags: '', crm: '' }),
  },
  {
    key: 'form:feedback.resolveForm',
    required: 'member',
    scope: 'anywhere',
    acts: 'C1',
    invoke: form('feedback.resolveForm', (i) => String(i.feedback), { note: 'fixed' }),
  },
  {
    key: 'form:feedback.surveyComment',
    required: 'guest',
    scope: 'anywhere',
    acts: 'C1',
    invoke: form('feedback.surveyComment', (i) => String(i.survey), { comment: 'thanks' }),
  },
  {
    key: 'form:review.notes',
    required: 'manager',
    scope: 'anywhere',
    acts: 'C1',
    invoke: form('review.notes', g(C1), { notes: 'we met' }),
  },
  {
    key: 'form:review.action',
    required: 'manager',
    scope: 'anywhere',
    acts: 'C1',
    invoke: form('review.action', g(C1), { text: 'Call them', owner: 'slack:T1:mel', due: '', customer: '' }),
  },
  ...(['zoho', 'fxiaoke', 'webhook'] as const).map(
    (kind): Entry => ({
      key: `form:crm.connect.${kind}`,
      required: 'owner',
      scope: 'anywhere',
      acts: 'WS',
      // Empty values stop at the field check: nothing reaches a CRM.
      invoke: form(`crm.connect.${kind}`, g('slack:T1'), {}),
    }),
  ),
];
