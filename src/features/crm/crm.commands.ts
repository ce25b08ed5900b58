import { DateTime } from 'luxon';
import {
  defineCommand,
  defineSubcommand,
  type FormHandlerSpec,
  type HandlerContext,
} from '../../core/commands/define-command.js';
import { type Choice, opt } from '../../core/commands/options.js';
import type { FeatureModule } from '../../core/commands/registry.js';
import type { CrmAccount, CrmKind } from '../../core/crm.js';
import { UserFacingError } from '../../core/errors.js';
import type { Translator } from '../../core/i18n/catalog.js';
import { parseUserKey, userKey } from '../../core/platform/ids.js';
import type { Block, Button, FormField, FormSpec, OutboundMessage } from '../../core/platform/messages.js';
import { customerDisplayName, customerKey } from '../feedback/feedback.customers.js';
import { splitLinkText } from './crm.domain.js';
import { CONNECT_FIELDS, type ConnectField, ZOHO_DATA_CENTERS } from './crm.fields.js';
import { checkFailureText, crmName, failureText } from './crm.messages.js';
import type { CrmService } from './crm.service.js';

const KINDS: readonly Choice<CrmKind>[] = [
  { value: 'zoho', aliases: ['zohocrm', 'zoho-crm', '卓豪'], label: 'crm.kind.zoho' },
  { value: 'fxiaoke', aliases: ['纷享销客', '纷享', 'sharecrm', 'fxk'], label: 'crm.kind.fxiaoke' },
  { value: 'webhook', aliases: ['hook', 'web-hook', '回调', '网络钩子'], label: 'crm.kind.webhook' },
];

const FORM_PREFIX = 'crm.connect.';
const PICK_ACTION = 'crm.link.pick';
const CREATE_ACTION = 'crm.link.create';
const USE_ACTION = 'crm.link.use';
/** Longer than any CRM's id; a longer "id" is a pasted sentence. */
const MAX_ACCOUNT_ID = 100;
const MAX_SECRET = 1000;
const MAX_URL = 500;
/** Slack's limit for a button label. */
const MAX_LABEL = 75;

function formField(field: ConnectField, t: Translator, kept: unknown): FormField {
  const base = { id: field.id, label: t(field.label), required: field.required };
  if (field.options) {
    const initial = typeof kept === 'string' ? kept : field.initial;
    return {
      ...base,
      kind: 'select',
      options: field.options.map((o) => ({ value: o.value, label: t(o.label) })),
      ...(initial ? { initial } : {}),
    };
  }
  // A secret is never shown again: its field always opens empty.
  const initial = field.part === 'settings' ? (typeof kept === 'string' ? kept : field.initial) : undefined;
  return {
    ...base,
    kind: 'text',
    maxLength: field.part === 'secrets' ? MAX_SECRET : MAX_URL,
    ...(initial ? { initial } : {}),
    ...(field.placeholder ? { placeholder: field.placeholder } : {}),
  };
}

/** The button value for one account to link: the customer as typed, and the account. */
interface Pick {
  c: string;
  a: string;
  n: string;
}

function readPick(value: string): Pick | undefined {
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { c, a, n } = parsed as Record<string, unknown>;
    return typeof c === 'string' && typeof a === 'string' && typeof n === 'string' && c && a
      ? { c, a, n }
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A create-or-use button's value, kept short for Discord's 100-character ids: the account id typed
 * (or nothing), a line break, then the name as typed (`c`) or a known customer's id (`k`).
 */
type Confirm = { c: string; a?: string } | { k: number; a?: string };

function confirmValue(account: string | undefined, rest: string | number): string {
  return `${account ?? ''}\n${rest}`;
}

function readConfirm(value: string, kind: 'c' | 'k'): Confirm | undefined {
  const cut = value.indexOf('\n');
  if (cut < 0) return undefined;
  const a = value.slice(0, cut);
  const rest = value.slice(cut + 1);
  if (a !== '' && !/^\S{1,100}$/u.test(a)) return undefined;
  const account = a ? { a } : {};
  if (kind === 'c') return customerKey(rest) !== '' ? { c: rest, ...account } : undefined;
  const k = /^\d{1,15}$/u.test(rest) ? Number(rest) : Number.NaN;
  return Number.isSafeInteger(k) ? { k, ...account } : undefined;
}

/** A label cut to what every platform shows on a button. */
function buttonLabel(label: string): string {
  return label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label;
}

/** Where a connection talks to, as people know it: a Zoho region by name, otherwise the host. */
function endpointLabel(t: Translator, kind: CrmKind, endpoint: string): string {
  const region = kind === 'zoho' ? ZOHO_DATA_CENTERS.find((d) => d.value === endpoint) : undefined;
  return region ? t(region.label) : endpoint;
}

function when(ctx: HandlerContext, at: Date): string {
  return DateTime.fromJSDate(at, { zone: ctx.timezone })
    .setLocale(ctx.locale)
    .toLocaleString(DateTime.DATETIME_MED);
}

/** `/crm`: connect the workspace's CRM, link customers to its accounts, see how the sync is doing. */
export function crmModule(service: CrmService): FeatureModule {
  function connectForm(ctx: HandlerContext, kind: CrmKind): FormSpec {
    const current = service.current(ctx.workspaceId);
    // Plain settings of the same CRM are offered again; secrets never are.
    const kept: Record<string, unknown> = current?.kind === kind ? current.settings : {};
    return {
      formId: `${FORM_PREFIX}${kind}`,
      title: ctx.t('crm.form.title', { crm: crmName(ctx.t, kind) }),
      submitLabel: ctx.t('crm.form.submit'),
      cancelLabel: ctx.t('form.cancel'),
      context: ctx.workspaceId,
      fields: CONNECT_FIELDS[kind].map((f) => formField(f, ctx.t, kept[f.id])),
    };
  }

  /** Connects with form or environment values; returns the form's field errors when there are any. */
  async function connectWith(
    ctx: HandlerContext,
    kind: CrmKind,
    values: Readonly<Record<string, string | undefined>>,
    source: 'form' | 'environment',
  ): Promise<Record<string, string> | undefined> {
    const result = await service.connect({
      workspaceId: ctx.workspaceId,
      kind,
      values,
      actorId: userKey(ctx.actor.user),
      source,
    });
    const crm = crmName(ctx.t, kind);
    switch (result.outcome) {
      case 'noKey':
        throw new UserFacingError('crm_no_key', 'crm.error.noSecretKey', {});
      case 'invalid': {
        const fields = CONNECT_FIELDS[kind];
        if (source === 'environment') {
          const labels = fields.filter((f) => result.fields.includes(f.id)).map((f) => ctx.t(f.label));
          throw new UserFacingError('crm_bad_environment', 'crm.error.badEnvironment', {
            crm,
            prefix: `MUSTER_CRM_${kind.toUpperCase()}_`,
            fields: labels.join(ctx.t('list.separator')),
          });
        }
        const errors: Record<string, string> = {};
        for (const id of result.fields) {
          const field = fields.find((f) => f.id === id) ?? fields[0];
          if (!field) continue;
          errors[field.id] = values[field.id]?.trim() ? ctx.t(field.invalid) : ctx.t('crm.invalid.required');
        }
        return errors;
      }
      case 'refused':
        throw new UserFacingError('crm_refused', 'crm.error.refused', {
          reason: checkFailureText(ctx.t, kind, result.failure, result.host),
          crm,
        });
      case 'connected': {
        const lines = [
          ctx.t(source === 'environment' ? 'crm.connectedFromEnvironment' : 'crm.connected', { crm }),
        ];
        if (result.replaced) {
          lines.push(
            ctx.t('crm.connected.replaced', {
              old: crmName(ctx.t, result.replaced),
              cancelled: result.cancelled,
              unlinked: result.unlinked,
            }),
          );
        }
        if (result.waiting > 0) lines.push(ctx.t('crm.connected.resuming', { waiting: result.waiting }));
        lines.push(ctx.t(kind === 'webhook' ? 'crm.connected.nextWebhook' : 'crm.connected.next'));
        await ctx.reply({ text: lines.join('\n') });
        return undefined;
      }
    }
  }

  const connect = defineSubcommand({
    name: 'connect',
    aliases: ['连接', '接入'],
    description: 'cmd.crm.connect',
    scope: 'anywhere',
    // One CRM connection serves every group of the workspace.
    permission: 'owner',
    options: { kind: opt.choice('crm.opt.kind', KINDS, { required: true }) },
    async handle(ctx, { kind }) {
      if (!service.canConnect) throw new UserFacingError('crm_no_key', 'crm.error.noSecretKey', {});
      const environment = service.environmentFor(kind);
      if (environment) await connectWith(ctx, kind, environment, 'environment');
      else await ctx.openForm(connectForm(ctx, kind));
    },
  });

  const disconnect = defineSubcommand({
    name: 'disconnect',
    aliases: ['断开', '断开连接'],
    description: 'cmd.crm.disconnect',
    scope: 'anywhere',
    permission: 'owner',
    options: {},
    async handle(ctx) {
      const result = service.disconnect(ctx.workspaceId, userKey(ctx.actor.user));
      if (!result) throw new UserFacingError('crm_not_connected', 'crm.error.notConnected', {});
      await ctx.reply({
        text: ctx.t('crm.disconnected', { crm: crmName(ctx.t, result.kind), cancelled: result.cancelled }),
      });
    },
  });

  async function linked(
    ctx: HandlerContext,
    typedName: string,
    account: CrmAccount | { id: string },
  ): Promise<void> {
    const isNew = !service.customerNamed(ctx.workspaceId, typedName);
    const customer = service.link(ctx.workspaceId, typedName, account.id, userKey(ctx.actor.user));
    const done =
      'name' in account
        ? ctx.t('crm.linkedFound', { customer: customer.name, account: account.name, id: account.id })
        : ctx.t('crm.linked', { customer: customer.name, id: account.id });
    await ctx.reply({
      text: isNew ? `${ctx.t('crm.link.created', { customer: customer.name })}\n${done}` : done,
    });
  }

  function choices(ctx: HandlerContext, typedName: string, kind: CrmKind, accounts: CrmAccount[]) {
    const text = ctx.t('crm.link.choose', {
      customer: typedName,
      crm: crmName(ctx.t, kind),
      count: accounts.length,
    });
    const buttons = accounts.map((account) => ({
      actionId: PICK_ACTION,
      label: buttonLabel(ctx.t('crm.link.choice', { name: account.name, id: account.id })),
      value: JSON.stringify({ c: typedName, a: account.id, n: account.name } satisfies Pick),
    }));
    return { text, blocks: [{ type: 'section', text } as Block, { type: 'buttons', buttons } as Block] };
  }

  /**
   * A name that is no customer yet: nothing is made until the person says so. Customers named
   * close to it are offered first (a bracket, a space or a slip away), then making it as typed.
   */
  function askToCreate(
    ctx: HandlerContext,
    typedName: string,
    accountId: string | undefined,
  ): OutboundMessage {
    const near = service.nearCustomers(ctx.workspaceId, typedName);
    const shown = customerDisplayName(typedName);
    const lines = [
      ctx.t('crm.link.unknownCustomer', { customer: shown }),
      ...(near.length ? [ctx.t('crm.link.didYouMean')] : []),
      ctx.t('crm.link.createAsk', { customer: shown }),
    ];
    const text = lines.join('\n');
    const buttons: Button[] = [
      ...near.map((c) => ({
        actionId: USE_ACTION,
        label: buttonLabel(ctx.t('crm.link.useButton', { name: c.name })),
        value: confirmValue(accountId, c.id),
      })),
      {
        actionId: CREATE_ACTION,
        label: buttonLabel(ctx.t('crm.link.createButton', { customer: shown })),
        value: confirmValue(accountId, typedName),
        style: 'primary',
      },
    ];
    return {
      text,
      blocks: [
        { type: 'section', text },
        { type: 'buttons', buttons },
      ],
    };
  }

  /** Links a known (or just confirmed) customer: to the id typed, else to the account the CRM finds. */
  async function linkTo(ctx: HandlerContext, name: string, accountId: string | undefined): Promise<void> {
    if (accountId !== undefined) {
      await linked(ctx, name, { id: accountId });
      return;
    }
    const found = await service.findAccounts(ctx.workspaceId, name);
    switch (found.outcome) {
      case 'notConnected':
        throw new UserFacingError('crm_not_connected', 'crm.link.notConnected', {});
      case 'cannotSearch':
        throw new UserFacingError('crm_needs_id', 'crm.link.needsId', { customer: name });
      case 'refused':
        throw new UserFacingError('crm_search_failed', 'crm.link.searchFailed', {
          reason: failureText(ctx.t, found.kind, found.failure),
        });
      case 'found': {
        const [only, ...more] = found.accounts;
        if (!only) {
          throw new UserFacingError('crm_no_match', 'crm.link.noMatch', {
            customer: name,
            crm: crmName(ctx.t, found.kind),
          });
        }
        if (more.length === 0) await linked(ctx, name, only);
        else await ctx.reply(choices(ctx, name, found.kind, found.accounts));
      }
    }
  }

  const link = defineSubcommand({
    name: 'link',
    aliases: ['关联', '绑定'],
    description: 'cmd.crm.link',
    scope: 'anywhere',
    permission: 'manager',
    options: {
      customer: opt.string('crm.opt.customer', { required: true, rest: true, aliases: ['client', '客户'] }),
      account: opt.string('crm.opt.account', { required: false, aliases: ['id', 'crm', '编号', '客户编号'] }),
    },
    async handle(ctx, { customer, account }) {
      const split = account ? { customer, accountId: account.trim() } : splitLinkText(customer);
      // Where nothing could be linked anyway, say so first: before reading the rest as a name.
      const connection = service.current(ctx.workspaceId);
      if (split.accountId === undefined && !connection)
        throw new UserFacingError('crm_not_connected', 'crm.link.notConnected', {});
      const typedName = split.customer.trim();
      if (customerKey(typedName) === '')
        throw new UserFacingError('crm_bad_customer', 'crm.link.badCustomer', {});
      if (split.accountId !== undefined && !/^\S{1,100}$/u.test(split.accountId)) {
        throw new UserFacingError('crm_bad_account', 'crm.link.badAccount', { max: MAX_ACCOUNT_ID });
      }
      if (split.accountId === undefined && connection?.kind === 'webhook')
        throw new UserFacingError('crm_needs_id', 'crm.link.needsId', { customer: typedName });
      const known = service.customerNamed(ctx.workspaceId, typedName);
      if (!known) await ctx.reply(askToCreate(ctx, typedName, split.accountId));
      else await linkTo(ctx, known.name, split.accountId);
    },
  });

  const status = defineSubcommand({
    name: 'status',
    aliases: ['状态'],
    description: 'cmd.crm.status',
    scope: 'anywhere',
    permission: 'manager',
    options: {},
    async handle(ctx) {
      const s = service.status(ctx.workspaceId);
      const c = s.connection;
      if (!c) {
        await ctx.reply({ text: ctx.t('crm.status.none', { waiting: s.waiting, linked: s.linked }) });
        return;
      }
      const crm = crmName(ctx.t, c.kind);
      const title = ctx.t('crm.status.title', { crm });
      const blocks: Block[] = [
        { type: 'header', text: title },
        {
          type: 'fields',
          fields: [
            {
              label: ctx.t('crm.status.state'),
              value: ctx.t(c.active ? 'crm.state.active' : 'crm.state.stopped'),
            },
            {
              label: ctx.t('crm.status.connected'),
              value: ctx.t('crm.status.connectedBy', {
                user: `<@${parseUserKey(c.connectedBy).userId}>`,
                when: when(ctx, c.connectedAt),
              }),
            },
            ...(c.endpoint
              ? [{ label: ctx.t('crm.status.endpoint'), value: endpointLabel(ctx.t, c.kind, c.endpoint) }]
              : []),
            {
              label: ctx.t('crm.status.lastSync'),
              value: c.lastSyncAt ? when(ctx, c.lastSyncAt) : ctx.t('crm.status.never'),
            },
            { label: ctx.t('crm.status.waiting'), value: String(s.waiting) },
            { label: ctx.t('crm.status.failed'), value: String(s.failed) },
            { label: ctx.t('crm.status.linked'), value: String(s.linked) },
          ],
        },
      ];
      if (c.lastError) {
        blocks.push({
          type: 'section',
          // An error older than the last successful sync is history, not a problem now.
          text: ctx.t(
            c.lastSyncAt && c.lastSyncAt > c.lastError.at
              ? 'crm.status.lastErrorPast'
              : 'crm.status.lastError',
            {
              when: when(ctx, c.lastError.at),
              error: failureText(ctx.t, c.kind, c.lastError),
            },
          ),
        });
      }
      if (!c.active) blocks.push({ type: 'context', text: ctx.t(`crm.fix.${c.kind}`) });
      await ctx.reply({ text: title, blocks });
    },
  });

  const forms: FormHandlerSpec[] = KINDS.map(({ value: kind }) => ({
    formId: `${FORM_PREFIX}${kind}`,
    fields: CONNECT_FIELDS[kind].map((f) => f.id),
    permission: 'owner',
    target: (workspaceId) => ({ workspaceId }),
    async handle(ctx, values, context) {
      if (context !== ctx.workspaceId) throw new UserFacingError('stale', 'error.staleAction', {});
      const errors = await connectWith(ctx, kind, values, 'form');
      return errors ? { errors } : {};
    },
  }));

  return {
    commands: [
      defineCommand({
        name: 'crm',
        description: 'cmd.crm',
        defaultSubcommand: 'status',
        subcommands: [connect, disconnect, link, status],
      }),
    ],
    actions: [
      {
        actionId: CREATE_ACTION,
        permission: 'manager',
        scope: 'anywhere',
        async handle(ctx, value) {
          const asked = readConfirm(value, 'c');
          if (!asked || !('c' in asked)) throw new UserFacingError('stale', 'error.staleAction', {});
          await linkTo(ctx, asked.c, asked.a);
        },
      },
      {
        actionId: USE_ACTION,
        permission: 'manager',
        scope: 'anywhere',
        async handle(ctx, value) {
          const asked = readConfirm(value, 'k');
          const customer = asked && 'k' in asked ? service.customerById(ctx.workspaceId, asked.k) : undefined;
          if (!customer) throw new UserFacingError('stale', 'error.staleAction', {});
          await linkTo(ctx, customer.name, asked?.a);
        },
      },
      {
        actionId: PICK_ACTION,
        permission: 'manager',
        scope: 'anywhere',
        async handle(ctx, value) {
          const pick = readPick(value);
          if (!pick) throw new UserFacingError('stale', 'error.staleAction', {});
          await linked(ctx, pick.c, { id: pick.a, name: pick.n });
        },
      },
    ],
    forms,
  };
}
