import type { Clock } from '../core/clock.js';
import { createDispatcher } from '../core/commands/dispatcher.js';
import { CommandRegistry } from '../core/commands/registry.js';
import type { Fetch } from '../core/crm.js';
import { type PlatformName, workspaceKey } from '../core/platform/ids.js';
import type { ChatPlatform, DeliveryTarget, EventSink } from '../core/platform/platform.js';
import type { RosterSink } from '../core/platform/roster.js';
import type { Logger } from '../core/ports.js';
import { type DbHandle, openDb } from '../db/client.js';
import { type DatabaseState, probeWrite } from '../db/write-probe.js';
import { recordAudit } from '../features/audit/audit.repo.js';
import { crmModule } from '../features/crm/crm.commands.js';
import { CrmConnections } from '../features/crm/crm.connections.js';
import type { CrmEnvironment } from '../features/crm/crm.fields.js';
import { CrmRepo } from '../features/crm/crm.repo.js';
import { CrmService } from '../features/crm/crm.service.js';
import { createSecretBox } from '../features/crm/secret-box.js';
import { createDeliveryReporter } from '../features/delivery/delivery-report.js';
import { digestModule } from '../features/digest/digest.commands.js';
import { DigestRepo } from '../features/digest/digest.repo.js';
import { DigestService } from '../features/digest/digest.service.js';
import { preloadChartFonts } from '../features/digest/participation-chart.js';
import { feedbackModule } from '../features/feedback/feedback.commands.js';
import { FeedbackRepo } from '../features/feedback/feedback.repo.js';
import { FeedbackService } from '../features/feedback/feedback.service.js';
import { FiguresRepo } from '../features/figures/figures.repo.js';
import { helpModule } from '../features/help/help.commands.js';
import { homeModule } from '../features/home/home.module.js';
import { ActivityTracker } from '../features/members/activity-tracker.js';
import { membersModule } from '../features/members/members.commands.js';
import { MembersRepo } from '../features/members/members.repo.js';
import { MembersService } from '../features/members/members.service.js';
import { Moderator } from '../features/moderation/moderator.js';
import { MembershipRepo } from '../features/people/membership.repo.js';
import { PeopleRepo } from '../features/people/people.repo.js';
import { createDirectory, createEventLedger } from '../features/people/people.service.js';
import { RosterService } from '../features/people/roster.service.js';
import { Standings } from '../features/people/standings.js';
import { reviewModule } from '../features/review/review.commands.js';
import { ReviewRepo } from '../features/review/review.repo.js';
import { ReviewService } from '../features/review/review.service.js';
import { rolesModule } from '../features/roles/roles.commands.js';
import { RolesService } from '../features/roles/roles.service.js';
import { RulesAdmin } from '../features/rules/rules.admin.js';
import { rulesModule } from '../features/rules/rules.commands.js';
import { RulesRepo } from '../features/rules/rules.repo.js';
import { RulesService } from '../features/rules/rules.service.js';
import { settingsModule } from '../features/settings/settings.commands.js';
import { SettingsService } from '../features/settings/settings.service.js';
import { standupModule } from '../features/standup/standup.commands.js';
import { StandupRepo } from '../features/standup/standup.repo.js';
import { StandupService } from '../features/standup/standup.service.js';
import { HEARTBEAT_MS, Instances } from '../scheduler/instances.js';
import { createJobClaims } from '../scheduler/job-runs.js';
import { Outbox } from '../scheduler/outbox.js';
import { Scheduler } from '../scheduler/scheduler.js';
import type { Config } from './config.js';
import { crmDrivers } from './crm-drivers.js';
import { createMetrics, type Metrics } from './metrics.js';

const DEDUPE_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
const RETRY_INTERVAL_MS = 1_000;
const DEFAULT_CATCH_UP_MINUTES = 120;
/** Activity is written in batches at least this often (and on stop). */
const ACTIVITY_FLUSH_MS = 5_000;

export interface AppOptions {
  config: Pick<Config, 'dbPath' | 'defaultLocale' | 'defaultTimezone'> & {
    catchUpMinutes?: number;
    /** Seals CRM secrets; without it no CRM can be connected. */
    secretKey?: string | undefined;
    crm?: CrmEnvironment;
  };
  clock: Clock;
  logger: Logger;
  /** How CRM connectors reach their CRMs; tests pass one that only reaches fakes on 127.0.0.1. */
  fetch?: Fetch;
}

/** Everything Muster is made of, wired once. Adapters attach their platform and push events into `sink`. */
export interface App {
  db: DbHandle;
  sink: EventSink;
  /** Where adapters report who is in each group (platform listings, joins and leaves). */
  roster: RosterSink;
  registry: CommandRegistry;
  outbox: Outbox;
  moderator: Moderator;
  rules: RulesService;
  members: MembersService;
  standup: StandupService;
  feedback: FeedbackService;
  review: ReviewService;
  digest: DigestService;
  crm: CrmService;
  activity: ActivityTracker;
  scheduler: Scheduler;
  metrics: Metrics;
  clock: Clock;
  attach(platform: ChatPlatform): void;
  /** Runs scheduled work and pending sends for `now` (the console calls it after moving time). */
  tick(now?: Date): Promise<void>;
  /** Writes what is batched in memory (activity, passive event ids); runs every few seconds and on close. */
  flush(): void;
  /** 'ok' while the database takes writes (a cheap probe that changes nothing); otherwise why not. */
  database(): DatabaseState;
  /** Starts the minute tick and the retry loop; resumes sends left pending by the last run. */
  start(): void;
  close(): Promise<void>;
}

function targetWorkspace(target: DeliveryTarget): string {
  return workspaceKey(target.kind === 'dm' ? target.user : target.conversation);
}

/** The composition root. */
export function createApp(options: AppOptions): App {
  const { config, clock, logger } = options;
  const db = openDb(config.dbPath);
  // Registered before anything can claim or send: others must see this process as alive.
  const instances = Instances.register(db.db);
  const people = new PeopleRepo(db.db);
  const platforms = new Map<PlatformName, ChatPlatform>();
  let outbox: Outbox | undefined;
  const metrics = createMetrics(
    () => outbox?.depth() ?? 0,
    () => probeWrite(db.sqlite) === 'ok',
  );
  outbox = new Outbox({
    db: db.db,
    platform: (name) => platforms.get(name),
    clock,
    logger,
    instances,
    onEvent(event, row) {
      metrics.outboxEvent(event);
      if (event !== 'failed') return;
      const target = JSON.parse(row.target) as DeliveryTarget;
      recordAudit(db.db, {
        workspaceId: targetWorkspace(target),
        action: 'delivery.failed',
        details: { outboxId: row.id, target, error: row.error },
        at: clock.now(),
      });
      report({ id: row.id, target, error: row.error ?? 'unknown' }).catch((err: unknown) =>
        logger.error({ err, outboxId: row.id }, 'could not report a failed delivery'),
      );
    },
  });

  const defaults = { locale: config.defaultLocale, timezone: config.defaultTimezone };
  const report = createDeliveryReporter(people, outbox, config.defaultLocale);
  const moderator = new Moderator({
    platform: (name) => platforms.get(name),
    people,
    delivery: outbox,
    clock,
    logger,
    defaultLocale: config.defaultLocale,
  });
  const rulesRepo = new RulesRepo(db.db);
  const rules = new RulesService({
    db: db.db,
    repo: rulesRepo,
    people,
    moderator,
    delivery: outbox,
    clock,
    logger,
    defaultLocale: config.defaultLocale,
  });
  const activity = new ActivityTracker(db.db);
  const membership = new MembershipRepo(db.db, () => people.invalidate());
  const standings = new Standings(membership);
  const roster = new RosterService({
    db: db.db,
    people,
    membership,
    standings,
    activity,
    defaults,
    clock,
  });
  const members = new MembersService({
    db: db.db,
    repo: new MembersRepo(db.db),
    people,
    membership,
    activity,
    moderator,
    delivery: outbox,
    clock,
    logger,
    defaultLocale: config.defaultLocale,
  });
  const claims = createJobClaims(db.db, instances);
  const catchUpMs = (config.catchUpMinutes ?? DEFAULT_CATCH_UP_MINUTES) * 60_000;
  const standupRepo = new StandupRepo(db.db);
  const standup = new StandupService({
    db: db.db,
    repo: standupRepo,
    people,
    delivery: outbox,
    claims,
    clock,
    logger,
    defaultLocale: config.defaultLocale,
    catchUpMs,
  });
  const feedbackRepo = new FeedbackRepo(db.db);
  const crm = new CrmService({
    db: db.db,
    repo: new CrmRepo(db.db),
    feedback: feedbackRepo,
    people,
    delivery: outbox,
    drivers: crmDrivers,
    connections: new CrmConnections(
      crmDrivers,
      config.secretKey ? createSecretBox(config.secretKey) : undefined,
      { fetch: options.fetch ?? fetch, now: () => clock.now() },
    ),
    environment: config.crm ?? {},
    clock,
    logger,
    defaultLocale: config.defaultLocale,
  });
  const feedback = new FeedbackService({
    db: db.db,
    repo: feedbackRepo,
    people,
    delivery: outbox,
    claims,
    clock,
    logger,
    defaultLocale: config.defaultLocale,
    onChange: (change) => crm.enqueueFeedback(change),
  });
  const figures = new FiguresRepo(db.db, feedbackRepo);
  const review = new ReviewService({
    db: db.db,
    repo: new ReviewRepo(db.db),
    figures,
    feedback: feedbackRepo,
    people,
    delivery: outbox,
    claims,
    logger,
    defaultLocale: config.defaultLocale,
    catchUpMs,
    startedAt: clock.now(),
    onActionItem: (item) => crm.enqueueActionItem(item),
  });
  const digest = new DigestService({
    repo: new DigestRepo(db.db),
    figures,
    people,
    delivery: outbox,
    claims,
    logger,
    defaultLocale: config.defaultLocale,
    defaultTimezone: config.defaultTimezone,
    catchUpMs,
    startedAt: clock.now(),
    workdayBefore: (groupId, day) => standup.workdayBefore(groupId, day),
    limits(name) {
      const capabilities = platforms.get(name)?.capabilities;
      // Unknown until the adapter attaches: Discord's limits are the tightest, and text always goes.
      return { maxChars: capabilities?.maxMessageLength ?? 2000, files: capabilities?.files ?? false };
    },
  });
  const registry: CommandRegistry = new CommandRegistry([
    helpModule(() => registry.commands()),
    settingsModule(
      new SettingsService(
        db.db,
        people,
        (groupId) => feedbackRepo.rebuildDaily(groupId),
        (workspaceId, roleId, customerName, by, now) =>
          roster.setCustomerRole(workspaceId, roleId, customerName, by, now),
      ),
      (memberId, reader, now) => standup.timezoneNotes(memberId, reader, now),
    ),
    rolesModule(new RolesService(db.db, people, membership, config.defaultLocale), outbox),
    // The Home page's own header and groups come before the sections other features add.
    homeModule(people),
    rulesModule(rules, new RulesAdmin(db.db, rulesRepo)),
    membersModule(members),
    standupModule(standup, standupRepo),
    feedbackModule(feedback, feedbackRepo),
    reviewModule(review),
    digestModule(digest),
    crmModule(crm),
  ]);
  const ledger = createEventLedger(people, clock.now());
  const sink = createDispatcher({
    registry,
    directory: createDirectory(
      people,
      defaults,
      standings,
      (groupId, memberId) => activity.unflushed(groupId, memberId) !== undefined,
    ),
    ledger,
    delivery: outbox,
    clock,
    logger,
    metrics: metrics.core,
    listeners: [
      {
        async onEvent(event, who) {
          members.onEvent(event, who);
          if (event.type === 'message.posted') await rules.onMessage(event, who);
        },
      },
    ],
  });
  const scheduler = new Scheduler({
    clock,
    logger,
    onLag: metrics.schedulerLag,
    jobs: [
      // Every tick says this process is alive, so what it holds is not taken over while it works.
      { name: 'instance.heartbeat', run: async () => instances.heartbeat() },
      { name: 'outbox.drain', run: async () => void (await outbox.drain()) },
      // Who is in a group comes from activity: write it before the standup asks.
      { name: 'activity.flush', run: async () => flush() },
      { name: 'standup', run: (now) => standup.tick(now) },
      { name: 'feedback', run: (now) => feedback.tick(now) },
      { name: 'review', run: (now) => review.tick(now) },
      { name: 'digest', run: (now) => digest.tick(now) },
      { name: 'crm', run: () => crm.drain() },
      { name: 'members.prune', run: (now) => members.finishDue(now) },
      {
        name: 'events.prune',
        run: async (now) => void people.pruneProcessed(new Date(now.getTime() - DEDUPE_WINDOW_MS)),
      },
    ],
  });

  function flush(): void {
    activity.flush();
    ledger.flush();
  }

  let retryTimer: NodeJS.Timeout | undefined;
  let flushTimer: NodeJS.Timeout | undefined;
  let heartbeatTimer: NodeJS.Timeout | undefined;
  return {
    db,
    sink,
    roster,
    registry,
    outbox,
    moderator,
    rules,
    members,
    standup,
    feedback,
    review,
    digest,
    crm,
    activity,
    scheduler,
    metrics,
    clock,
    attach: (platform) => void platforms.set(platform.name, platform),
    tick: (now) => scheduler.runDue(now),
    flush,
    database: () => probeWrite(db.sqlite),
    start() {
      // The chart's fonts load once, here, so the first digest of the day is not the slow one.
      try {
        preloadChartFonts();
      } catch (err) {
        logger.error({ err }, 'chart fonts could not be loaded; digests will send tables instead');
      }
      scheduler.start();
      // Retries are due seconds apart; the minute tick alone would make every backoff a minute long.
      retryTimer = setInterval(() => {
        outbox.drain().catch((err: unknown) => logger.error({ err }, 'outbox drain failed'));
      }, RETRY_INTERVAL_MS);
      retryTimer.unref();
      flushTimer = setInterval(() => {
        try {
          flush();
        } catch (err) {
          logger.error({ err }, 'batched writes failed; they are kept for the next try');
        }
      }, ACTIVITY_FLUSH_MS);
      flushTimer.unref();
      heartbeatTimer = setInterval(() => {
        try {
          instances.heartbeat();
        } catch (err) {
          // A missed beat or two is within the lease; the next one tries again.
          logger.warn({ err }, 'heartbeat not recorded');
        }
      }, HEARTBEAT_MS);
      heartbeatTimer.unref();
    },
    async close() {
      clearInterval(retryTimer);
      clearInterval(flushTimer);
      clearInterval(heartbeatTimer);
      await scheduler.stop();
      await crm.close();
      if (db.sqlite.open) flush();
      if (db.sqlite.open) await outbox.drain();
      // Gone cleanly: anything still marked as this process's is free to others at once.
      if (db.sqlite.open) instances.close();
      db.close();
    },
  };
}
