import type { Clock } from '../../core/clock.js';
import type { CrmAccount, CrmEvent, CrmKind } from '../../core/crm.js';
import { type Translator, translator } from '../../core/i18n/catalog.js';
import type { Locale } from '../../core/i18n/locale.js';
import { parseConversationKey, parseUserKey, parseWorkspaceKey } from '../../core/platform/ids.js';
import type { Delivery, Logger } from '../../core/ports.js';
import type { Db } from '../../db/client.js';
import { recordAudit } from '../audit/audit.repo.js';
import { customerDisplayName, customerKey, nearCustomers } from '../feedback/feedback.customers.js';
import type { CustomerRow, FeedbackRepo } from '../feedback/feedback.repo.js';
import type { FeedbackChange } from '../feedback/feedback.service.js';
import { pickFirst, readerLocale } from '../people/people.domain.js';
import type { MemberRow, PeopleRepo } from '../people/people.repo.js';
import type { ActionItemRow } from '../review/review.repo.js';
import type { CrmConnections, LiveConnector } from './crm.connections.js';
import {
  type CrmFailure,
  describeFailure,
  isSafeEndpoint,
  nameVariants,
  queueAccount,
} from './crm.domain.js';
import type { CrmDrivers } from './crm.drivers.js';
import {
  actionItemEvent,
  type FeedbackFacts,
  feedbackCreatedEvent,
  feedbackResolvedEvent,
  feedbackStatusEvent,
} from './crm.events.js';
import { CONNECT_FIELDS, type CrmEnvironment, splitValues } from './crm.fields.js';
import { stopNotice } from './crm.messages.js';
import { CrmQueue } from './crm.queue.js';
import type { CrmConnectionRow, CrmRepo } from './crm.repo.js';

/** What a connection check searches for: any name does, only the credentials are being tried. */
const CHECK_NAME = 'Muster connection check';
const MAX_CHOICES = 10;

export interface CrmServiceDeps {
  db: Db;
  repo: CrmRepo;
  feedback: FeedbackRepo;
  people: PeopleRepo;
  delivery: Delivery;
  drivers: CrmDrivers;
  connections: CrmConnections;
  environment: CrmEnvironment;
  clock: Clock;
  logger: Logger;
  defaultLocale: Locale;
}

export type ConnectResult =
  | { outcome: 'noKey' }
  /** Field ids the values were refused for. */
  | { outcome: 'invalid'; fields: string[] }
  /** The CRM refused the credentials or could not be reached: nothing was stored. */
  | { outcome: 'refused'; failure: CrmFailure; host: string | undefined }
  | {
      outcome: 'connected';
      /** The CRM connected before, if it was another one (its waiting events and links were dropped). */
      replaced: CrmKind | undefined;
      waiting: number;
      cancelled: number;
      unlinked: number;
    };

export type FindResult =
  | { outcome: 'notConnected' }
  | { outcome: 'cannotSearch'; kind: CrmKind }
  | { outcome: 'refused'; kind: CrmKind; failure: CrmFailure }
  | { outcome: 'found'; kind: CrmKind; accounts: CrmAccount[] };

/** What `/crm status` shows; nothing here is secret. */
export interface CrmStatus {
  connection:
    | {
        kind: CrmKind;
        active: boolean;
        stoppedReason: string | null;
        connectedBy: string;
        connectedAt: Date;
        lastSyncAt: Date | null;
        lastError: { kind: CrmFailure['kind']; detail: string; at: Date } | undefined;
        /** Where it talks to, without paths or credentials: a Zoho data center, a host. */
        endpoint: string | undefined;
      }
    | undefined;
  waiting: number;
  failed: number;
  sent: number;
  linked: number;
}

function hostOf(raw: unknown): string | undefined {
  try {
    return typeof raw === 'string' ? new URL(raw).host : undefined;
  } catch {
    return undefined;
  }
}

function endpointOf(row: CrmConnectionRow): string | undefined {
  if (row.kind === 'zoho')
    return typeof row.settings.dataCenter === 'string' ? row.settings.dataCenter : undefined;
  return hostOf(row.kind === 'fxiaoke' ? row.settings.baseUrl : row.settings.url);
}

/**
 * The CRM sync: connecting a workspace's CRM (checked before anything is stored, secrets sealed),
 * linking customers to accounts, queueing what the group learns about linked customers, and the
 * queue that sends it (see CrmQueue).
 */
export class CrmService {
  readonly #queue: CrmQueue;

  constructor(private readonly deps: CrmServiceDeps) {
    this.#queue = new CrmQueue({
      repo: deps.repo,
      connections: deps.connections,
      clock: deps.clock,
      logger: deps.logger,
      announceStop: (connection) => this.#announceStop(connection),
    });
  }

  /** The values the environment holds for a CRM, if it holds them. */
  environmentFor(kind: CrmKind): Readonly<Record<string, string>> | undefined {
    return this.deps.environment[kind];
  }

  get canConnect(): boolean {
    return this.deps.connections.canSeal;
  }

  current(workspaceId: string): CrmConnectionRow | undefined {
    return this.deps.repo.connection(workspaceId);
  }

  /**
   * Checks the values against the CRM's rules and, for CRMs that can be asked, against the CRM
   * itself; only then stores them, secrets sealed. Reconnecting the same CRM resumes its queue;
   * connecting another drops what waited for the old one, and the old one's account links.
   */
  async connect(input: {
    workspaceId: string;
    kind: CrmKind;
    values: Readonly<Record<string, string | undefined>>;
    actorId: string;
    source: 'form' | 'environment';
  }): Promise<ConnectResult> {
    const { workspaceId, kind, actorId } = input;
    if (!this.deps.connections.canSeal) return { outcome: 'noKey' };
    const { settings, secrets } = splitValues(kind, input.values);
    const unsafe = CONNECT_FIELDS[kind].filter(
      (f) => f.url && settings[f.id] !== undefined && !isSafeEndpoint(settings[f.id] ?? ''),
    );
    if (unsafe.length) return { outcome: 'invalid', fields: unsafe.map((f) => f.id) };
    const checked = this.deps.drivers[kind].check(settings, secrets);
    if (!checked.ok) return { outcome: 'invalid', fields: checked.fields };
    const live = this.deps.connections.build(kind, checked.settings, checked.secrets);
    // A connector with its own check (the webhook's signed ping) uses it; a search needs the credentials too.
    try {
      if (live.connector.check) await live.connector.check();
      else await live.connector.findAccounts(CHECK_NAME);
    } catch (error) {
      const host = hostOf(checked.settings.url ?? checked.settings.baseUrl);
      return { outcome: 'refused', failure: describeFailure(error, live.secrets), host };
    }
    return this.#store(workspaceId, kind, checked, live, actorId, input.source);
  }

  #store(
    workspaceId: string,
    kind: CrmKind,
    checked: { settings: Record<string, unknown>; secrets: Record<string, unknown> },
    live: LiveConnector,
    actorId: string,
    source: 'form' | 'environment',
  ): ConnectResult {
    const now = this.deps.clock.now();
    const secretsEnc = this.deps.connections.seal(workspaceId, checked.secrets);
    const result = this.deps.db.transaction(() => {
      const before = this.deps.repo.connection(workspaceId);
      const replaced = before && before.kind !== kind ? before.kind : undefined;
      const cancelled = replaced
        ? this.deps.repo.cancelWaiting(
            workspaceId,
            `Not sent: the workspace switched from ${replaced} to ${kind}.`,
          )
        : 0;
      const unlinked = replaced ? this.deps.repo.clearLinks(workspaceId) : 0;
      this.deps.repo.saveConnection({
        workspaceId,
        kind,
        settings: checked.settings,
        secretsEnc,
        connectedBy: actorId,
        connectedAt: now,
      });
      // The audit says who and how, never what: no setting or secret is recorded.
      recordAudit(this.deps.db, {
        workspaceId,
        actorId,
        action: 'crm.connected',
        details: { kind, source, replaced: replaced ?? null, cancelled, unlinked },
        at: now,
      });
      return { replaced, cancelled, unlinked, waiting: this.deps.repo.counts(workspaceId).waiting };
    });
    this.deps.connections.remember(workspaceId, now, live);
    if (result.waiting > 0) this.#queue.kick();
    return { outcome: 'connected', ...result };
  }

  /** Forgets the connection and its secrets; what was waiting is dropped. Links stay for a later reconnect. */
  disconnect(workspaceId: string, actorId: string): { kind: CrmKind; cancelled: number } | undefined {
    const now = this.deps.clock.now();
    const result = this.deps.db.transaction(() => {
      const before = this.deps.repo.connection(workspaceId);
      if (!before) return undefined;
      this.deps.repo.deleteConnection(workspaceId);
      const cancelled = this.deps.repo.cancelWaiting(workspaceId, 'Not sent: the CRM was disconnected.');
      recordAudit(this.deps.db, {
        workspaceId,
        actorId,
        action: 'crm.disconnected',
        details: { kind: before.kind, cancelled },
        at: now,
      });
      return { kind: before.kind, cancelled };
    });
    this.deps.connections.forget(workspaceId);
    return result;
  }

  /** Accounts in the workspace's CRM named like the customer, each spelling tried; nothing is stored. */
  async findAccounts(workspaceId: string, typedName: string): Promise<FindResult> {
    const connection = this.deps.repo.connection(workspaceId);
    if (!connection) return { outcome: 'notConnected' };
    const { kind } = connection;
    if (kind === 'webhook') return { outcome: 'cannotSearch', kind };
    const found = new Map<string, CrmAccount>();
    let secrets: readonly string[] = [];
    try {
      const live = this.deps.connections.for(connection);
      secrets = live.secrets;
      for (const name of nameVariants(typedName)) {
        for (const account of await live.connector.findAccounts(name)) found.set(account.id, account);
      }
    } catch (error) {
      return { outcome: 'refused', kind, failure: describeFailure(error, secrets) };
    }
    return { outcome: 'found', kind, accounts: [...found.values()].slice(0, MAX_CHOICES) };
  }

  /** The customer this name means (however its width, brackets, case or spaces were typed), if there is one. */
  customerNamed(workspaceId: string, typedName: string): CustomerRow | undefined {
    return this.deps.feedback.customerByKey(workspaceId, customerKey(typedName));
  }

  /** A workspace's customer by id; another workspace's is not found. */
  customerById(workspaceId: string, id: number): CustomerRow | undefined {
    const customer = this.deps.feedback.customer(id);
    return customer?.workspaceId === workspaceId ? customer : undefined;
  }

  /** Customers named close to a name that matches none, closest first. */
  nearCustomers(workspaceId: string, typedName: string): CustomerRow[] {
    return nearCustomers(customerKey(typedName), this.deps.feedback.customersOf(workspaceId));
  }

  /**
   * Links the customer to an account. A new customer is made here only after the person who typed
   * its name confirmed it (the command asks first).
   */
  link(workspaceId: string, typedName: string, accountId: string, actorId: string): CustomerRow {
    const now = this.deps.clock.now();
    return this.deps.db.transaction(() => {
      const customer = this.deps.feedback.ensureCustomer(
        workspaceId,
        customerKey(typedName),
        customerDisplayName(typedName),
        now,
      );
      this.deps.feedback.setCrmAccount(customer.id, accountId);
      recordAudit(this.deps.db, {
        workspaceId,
        actorId,
        action: 'crm.linked',
        details: { customer: customer.name, accountId, before: customer.crmAccountId },
        at: now,
      });
      return { ...customer, crmAccountId: accountId };
    });
  }

  status(workspaceId: string): CrmStatus {
    const row = this.deps.repo.connection(workspaceId);
    const counts = this.deps.repo.counts(workspaceId);
    const linked = this.deps.repo.linkedCustomers(workspaceId);
    if (!row) return { connection: undefined, ...counts, linked };
    return {
      connection: {
        kind: row.kind,
        active: row.status === 'active',
        stoppedReason: row.stoppedReason,
        connectedBy: row.connectedBy,
        connectedAt: row.connectedAt,
        lastSyncAt: row.lastSyncAt,
        lastError:
          row.lastError && row.lastErrorKind && row.lastErrorAt
            ? { kind: row.lastErrorKind, detail: row.lastError, at: row.lastErrorAt }
            : undefined,
        endpoint: endpointOf(row),
      },
      ...counts,
      linked,
    };
  }

  /** Queues a feedback change for the CRM. Runs inside the change's transaction; never throws. */
  enqueueFeedback(change: FeedbackChange): void {
    const { item } = change;
    this.#enqueue(item.workspaceId, `feedback ${item.id}`, (kind) => {
      const customer = this.deps.feedback.customer(item.customerId);
      const accountId = queueAccount(kind, customer?.crmAccountId ?? null);
      if (accountId === undefined) return undefined;
      const t = this.#workspaceT(item.workspaceId);
      const facts: FeedbackFacts = {
        id: item.id,
        customer: customer?.name ?? '',
        accountId,
        score: item.score,
        scale: item.scale,
        comment: item.comment,
        tags: item.tags,
        group: this.#groupName(item.groupId),
        author: this.#memberName(item.authorId),
        status: item.status,
        createdAt: item.createdAt,
      };
      if (change.kind === 'created') return feedbackCreatedEvent(facts, t);
      const status = {
        historyId: change.historyId,
        from: change.from,
        to: item.status,
        actor: this.#memberName(change.actorId),
        at: change.at,
        resolution: item.resolution,
      };
      return change.kind === 'resolved'
        ? feedbackResolvedEvent(facts, status, t)
        : feedbackStatusEvent(facts, status, t);
    });
  }

  /** Queues a review action item that names a customer. Runs inside its transaction; never throws. */
  enqueueActionItem(item: ActionItemRow): void {
    if (item.customerId === null) return;
    const customerId = item.customerId;
    this.#enqueue(item.workspaceId, `action item ${item.id}`, (kind) => {
      const customer = this.deps.feedback.customer(customerId);
      const accountId = queueAccount(kind, customer?.crmAccountId ?? null);
      if (accountId === undefined) return undefined;
      return actionItemEvent(
        {
          id: item.id,
          customer: customer?.name ?? '',
          accountId,
          text: item.text,
          owner: this.#memberName(item.ownerId),
          due: item.dueDay,
          week: item.week,
          group: this.#groupName(item.groupId),
          createdAt: item.createdAt,
        },
        this.#workspaceT(item.workspaceId),
      );
    });
  }

  /** Sends what is due; the scheduler runs it every minute. */
  drain(): Promise<void> {
    return this.#queue.drain();
  }

  close(): Promise<void> {
    return this.#queue.close();
  }

  #enqueue(workspaceId: string, what: string, build: (kind: CrmKind) => CrmEvent | undefined): void {
    try {
      const connection = this.deps.repo.connection(workspaceId);
      if (!connection) return;
      const event = build(connection.kind);
      if (!event) return;
      if (this.deps.repo.enqueue(workspaceId, event, this.deps.clock.now())) this.#queue.kick();
    } catch (err) {
      // The change itself must stand: a CRM note is not worth losing the group's record over.
      this.deps.logger.error(
        { err, workspaceId, what },
        'could not queue a CRM event; the change itself is saved',
      );
    }
  }

  #workspaceT(workspaceId: string): Translator {
    return translator(this.#workspaceLocale(workspaceId));
  }

  #workspaceLocale(workspaceId: string): Locale {
    return pickFirst(
      this.deps.people.workspace(workspaceId)?.defaultLocale,
      this.deps.defaultLocale,
    ) as Locale;
  }

  #groupName(groupId: string): string {
    const name = this.deps.people.group(groupId)?.name;
    return name ? `#${name.replace(/^#/u, '')}` : `#${parseConversationKey(groupId).channelId}`;
  }

  #memberName(memberId: string): string {
    return this.deps.people.member(memberId)?.displayName ?? parseUserKey(memberId).userId;
  }

  /** The workspace's admins, and whoever connected the CRM, each once. */
  #admins(connection: CrmConnectionRow): MemberRow[] {
    const admins = this.deps.people.workspaceAdmins(connection.workspaceId);
    const connector = this.deps.people.member(connection.connectedBy);
    if (connector && !connector.isBot && !admins.some((a) => a.id === connector.id)) admins.push(connector);
    return admins;
  }

  /** DMs the admins, each in their language, once per stop (the key holds the connection's version). */
  async #announceStop(connection: CrmConnectionRow): Promise<void> {
    const { platform } = parseWorkspaceKey(connection.workspaceId);
    const waiting = this.deps.repo.counts(connection.workspaceId).waiting;
    const fallback = this.#workspaceLocale(connection.workspaceId);
    for (const admin of this.#admins(connection)) {
      const t = translator(readerLocale(admin, undefined, fallback));
      const text = stopNotice(t, connection.kind, connection.stoppedReason ?? '', waiting);
      await this.deps.delivery.send(
        platform,
        { kind: 'dm', user: parseUserKey(admin.id) },
        { text },
        {
          dedupeKey: `crm.stopped:${connection.workspaceId}:${connection.connectedAt.getTime()}:${admin.id}`,
        },
      );
    }
  }
}
