import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

// Times come from the injected Clock, never from SQLite's, so tests and the console can move time.
const createdAt = () => integer('created_at', { mode: 'timestamp_ms' }).notNull();

/** A Slack team, a Discord guild, or the console. `id` is the encoded key ("slack:T1"). */
export const workspaces = sqliteTable('workspaces', {
  id: text('id').primaryKey(),
  platform: text('platform', { enum: ['slack', 'discord', 'console'] }).notNull(),
  name: text('name'),
  defaultLocale: text('default_locale', { enum: ['en', 'zh-CN'] }),
  defaultTimezone: text('default_timezone'),
  createdAt: createdAt(),
});

/** A channel Muster serves, with its settings. `id` is the encoded conversation key. */
export const groups = sqliteTable(
  'groups',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name'),
    timezone: text('timezone').notNull(),
    locale: text('locale', { enum: ['en', 'zh-CN'] }).notNull(),
    /** ISO weekdays (1 = Monday) joined by commas, e.g. "1,2,3,4,5". */
    workdays: text('workdays').notNull().default('1,2,3,4,5'),
    /** Local working hours, "HH:MM". */
    workStart: text('work_start').notNull().default('09:00'),
    workEnd: text('work_end').notNull().default('18:00'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('groups_workspace_idx').on(t.workspaceId)],
);

/** A person in a workspace. `id` is the encoded user key. */
export const members = sqliteTable(
  'members',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    displayName: text('display_name').notNull(),
    /** The member's own choice; wins over what the platform says. */
    timezone: text('timezone'),
    locale: text('locale', { enum: ['en', 'zh-CN'] }),
    /** What the platform last told us (Slack profile tz, Discord client locale). */
    platformTimezone: text('platform_timezone'),
    platformLocale: text('platform_locale', { enum: ['en', 'zh-CN'] }),
    isPlatformAdmin: integer('is_platform_admin', { mode: 'boolean' }).notNull().default(false),
    isBot: integer('is_bot', { mode: 'boolean' }).notNull().default(false),
    /** A deactivated account: known, never expected to answer, never counted. */
    isDeactivated: integer('is_deactivated', { mode: 'boolean' }).notNull().default(false),
    /** A guest account (Slack single- or multi-channel guest). */
    isGuest: integer('is_guest', { mode: 'boolean' }).notNull().default(false),
    /** Another organisation's person (Slack Connect): its platform id and name. */
    organizationId: text('organization_id'),
    organizationName: text('organization_name'),
    /** The platform roles the person holds (Discord role ids), as a JSON array. */
    platformRoles: text('platform_roles', { mode: 'json' }).$type<string[]>(),
    /**
     * Team or customer as the platform tells (another organisation, a guest, a customer role),
     * in every group unless an admin says otherwise there (`group_members.side`).
     */
    platformSide: text('platform_side', { enum: ['team', 'customer'] })
      .notNull()
      .default('team'),
    /** The customer the platform facts point to (the organisation, the role's customer). */
    platformCustomerId: integer('platform_customer_id'),
    lastActiveAt: integer('last_active_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
  },
  (t) => [index('members_workspace_idx').on(t.workspaceId)],
);

/** Who holds which role or duty in a group. */
export const groupRoles = sqliteTable(
  'group_roles',
  {
    groupId: text('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    assignedBy: text('assigned_by'),
    assignedAt: integer('assigned_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.memberId, t.role] }),
    index('group_roles_member_idx').on(t.memberId),
  ],
);

/** Who did what to whom, when. Append-only. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workspaceId: text('workspace_id').notNull(),
    groupId: text('group_id'),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    targetId: text('target_id'),
    /** JSON object with the specifics (old and new values, reasons). */
    details: text('details', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    index('audit_group_at_idx').on(t.groupId, t.at),
    index('audit_workspace_at_idx').on(t.workspaceId, t.at),
  ],
);

/**
 * The running Muster processes sharing this file, so a claim or a send is taken over only from a
 * process that is gone. Times are real (wall-clock) milliseconds, never the injected Clock: a
 * process's life does not move when the console moves the day.
 */
export const instances = sqliteTable('instances', {
  id: text('id').primaryKey(),
  host: text('host').notNull(),
  pid: integer('pid').notNull(),
  startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
  heartbeatAt: integer('heartbeat_at', { mode: 'timestamp_ms' }).notNull(),
});

/** Claims of scheduled work: one row per (job, target, slot), so a slot runs once. */
export const jobRuns = sqliteTable(
  'job_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    job: text('job').notNull(),
    target: text('target').notNull(),
    slot: text('slot').notNull(),
    status: text('status', { enum: ['claimed', 'done', 'skipped', 'failed'] }).notNull(),
    /** The instance running a claimed slot; another takes it over only once that one is gone. */
    owner: text('owner'),
    /** When the slot was due: a job's tick reaches back to unfinished claims by this. */
    dueAt: integer('due_at', { mode: 'timestamp_ms' }),
    claimedAt: integer('claimed_at', { mode: 'timestamp_ms' }).notNull(),
    finishedAt: integer('finished_at', { mode: 'timestamp_ms' }),
    error: text('error'),
  },
  (t) => [
    uniqueIndex('job_runs_claim_key').on(t.job, t.target, t.slot),
    index('job_runs_unfinished_idx').on(t.status, t.dueAt),
  ],
);

/** Inbound deliveries already handled, so platform retries run once. */
export const processedEvents = sqliteTable(
  'processed_events',
  {
    platform: text('platform').notNull(),
    eventId: text('event_id').notNull(),
    receivedAt: integer('received_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.platform, t.eventId] }),
    index('processed_events_received_idx').on(t.receivedAt),
  ],
);

/** Every outgoing message, from record to sent or given up. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    platform: text('platform', { enum: ['slack', 'discord', 'console'] }).notNull(),
    /** JSON DeliveryTarget. */
    target: text('target').notNull(),
    /** JSON OutboundMessage. */
    message: text('message').notNull(),
    dedupeKey: text('dedupe_key'),
    status: text('status', { enum: ['pending', 'sending', 'sent', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }).notNull(),
    /** The instance sending the row; after a crash another sender takes it once that one is gone. */
    owner: text('owner'),
    lastError: text('last_error'),
    platformMessageId: text('platform_message_id'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('outbox_dedupe_key').on(t.dedupeKey),
    index('outbox_due_idx').on(t.status, t.nextAttemptAt),
  ],
);

/** A group rule (automod). `groupId` null means every group of the workspace. */
export const rules = sqliteTable(
  'rules',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    groupId: text('group_id').references(() => groups.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    /** The kind's config, validated by its zod schema before it is stored. */
    config: text('config', { mode: 'json' }).$type<unknown>().notNull(),
    /** `watch` only logs; `enforce` acts. */
    mode: text('mode', { enum: ['enforce', 'watch'] })
      .notNull()
      .default('enforce'),
    enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
    /** JSON list of actions on a hit: delete, warn, alert. Time-outs and removals come from the ladder. */
    actions: text('actions', { mode: 'json' }).$type<string[]>().notNull(),
    /** Strikes a hit gives. */
    strikes: integer('strikes').notNull().default(1),
    /** Set for rules that come from a preset, so `/rules preset x off` finds them. */
    preset: text('preset'),
    createdBy: text('created_by'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('rules_workspace_idx').on(t.workspaceId), index('rules_group_idx').on(t.groupId)],
);

/** Who or where a rule does not apply. `ruleId` null means every rule of the workspace or group. */
export const ruleExemptions = sqliteTable(
  'rule_exemptions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    ruleId: integer('rule_id').references(() => rules.id, { onDelete: 'cascade' }),
    groupId: text('group_id'),
    /** member (a user key), channel (a conversation key) or role (a role or duty name). */
    subject: text('subject', { enum: ['member', 'channel', 'role'] }).notNull(),
    value: text('value').notNull(),
    createdBy: text('created_by'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('rule_exemptions_unique').on(t.workspaceId, t.ruleId, t.groupId, t.subject, t.value)],
);

/** Per-workspace escalation: the ladder of steps and how long strikes last. */
export const ruleSettings = sqliteTable('rule_settings', {
  workspaceId: text('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  /** JSON list of { strikes, action, minutes? }. */
  ladder: text('ladder', { mode: 'json' }).$type<unknown>().notNull(),
  strikeDays: integer('strike_days').notNull().default(30),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

/** One rule hit's strikes against a member; they count until they expire or are pardoned. */
export const strikes = sqliteTable(
  'strikes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workspaceId: text('workspace_id').notNull(),
    memberId: text('member_id').notNull(),
    groupId: text('group_id'),
    ruleId: integer('rule_id'),
    count: integer('count').notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    pardonedAt: integer('pardoned_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('strikes_member_idx').on(t.workspaceId, t.memberId, t.expiresAt)],
);

/**
 * Who is in a group, whether or not they ever spoke: listed by the platform (a sync, a join) or
 * seen acting there. A row stays when the member leaves (`left_at`), so one who comes back keeps
 * their history.
 */
export const groupMembers = sqliteTable(
  'group_members',
  {
    groupId: text('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    /** When they joined (or came back), or when Muster first found them there: inactivity counts from here at the earliest. */
    joinedAt: integer('joined_at', { mode: 'timestamp_ms' }).notNull(),
    /** Their last message, command or click in the group; null when they never acted since joining. */
    lastActiveAt: integer('last_active_at', { mode: 'timestamp_ms' }),
    /** Set when the member left the group; they are no longer expected, listed or pruned. */
    leftAt: integer('left_at', { mode: 'timestamp_ms' }),
    /** When a platform listing last named them: a completed listing that does not has them leave. */
    listedAt: integer('listed_at', { mode: 'timestamp_ms' }),
    /** An admin's word (`/role`): the team's own people or the customer's; null follows the platform (`members.platform_side`). */
    side: text('side', { enum: ['team', 'customer'] }),
    /** With `side` = customer: the Muster customer they belong to, when named. */
    customerId: integer('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    /** Who set `side`. */
    sideSetBy: text('side_set_by'),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.memberId] }),
    index('group_members_active_idx').on(t.groupId, t.lastActiveAt),
    index('group_members_member_idx').on(t.memberId),
  ],
);

/** A prune an admin confirmed: members were warned and are removed after the grace period. */
export const prunes = sqliteTable(
  'prunes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    groupId: text('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    startedBy: text('started_by').notNull(),
    days: integer('days').notNull(),
    status: text('status', { enum: ['proposed', 'warned', 'done', 'cancelled'] }).notNull(),
    graceUntil: integer('grace_until', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    finishedAt: integer('finished_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('prunes_status_idx').on(t.status, t.graceUntil)],
);

/** The members a prune is about, and what became of each. */
export const pruneMembers = sqliteTable(
  'prune_members',
  {
    pruneId: integer('prune_id')
      .notNull()
      .references(() => prunes.id, { onDelete: 'cascade' }),
    memberId: text('member_id').notNull(),
    lastActiveAt: integer('last_active_at', { mode: 'timestamp_ms' }),
    outcome: text('outcome', { enum: ['pending', 'kept', 'removed', 'fallback'] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.pruneId, t.memberId] })],
);

/** A group's daily standup: when members are asked, the deadline, the questions, its calendar. No row: off. */
export const standupConfigs = sqliteTable('standup_configs', {
  groupId: text('group_id')
    .primaryKey()
    .references(() => groups.id, { onDelete: 'cascade' }),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  /** "HH:MM" in each member's own timezone. */
  promptTime: text('prompt_time').notNull().default('09:30'),
  /** "HH:MM" in the group's timezone: the summary goes out then. */
  deadline: text('deadline').notNull().default('17:00'),
  nudgeBeforeMinutes: integer('nudge_before_minutes').notNull().default(60),
  /** Custom questions (1-5); null means yesterday / today / blockers. */
  questions: text('questions', { mode: 'json' }).$type<string[]>(),
  /** ISO country code whose public holidays the group keeps, e.g. CN; null for none. */
  country: text('country'),
  /** A blocker open this many working days in a row is escalated to the managers, once. */
  blockerEscalateDays: integer('blocker_escalate_days').notNull().default(3),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

/** One group's standup on one day: the thread its answers go into. */
export const standupDays = sqliteTable(
  'standup_days',
  {
    groupId: text('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    day: text('day').notNull(),
    /** The platform's id of the day's prompt message, the thread parent. */
    threadId: text('thread_id'),
    summaryAt: integer('summary_at', { mode: 'timestamp_ms' }),
    /** The day's tally as it closed (late answers update it): what reviews and digests chart. */
    expectedCount: integer('expected_count'),
    answeredCount: integer('answered_count'),
    /** Expected members who had not answered, as member ids. */
    missing: text('missing', { mode: 'json' }).$type<string[]>(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.day] })],
);

/** A member's answer for a group's day; an edit replaces it. */
export const standupAnswers = sqliteTable(
  'standup_answers',
  {
    groupId: text('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    day: text('day').notNull(),
    memberId: text('member_id').notNull(),
    answers: text('answers', { mode: 'json' }).$type<Record<string, string>>().notNull(),
    late: integer('late', { mode: 'boolean' }).notNull().default(false),
    submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }).notNull(),
    editedAt: integer('edited_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.day, t.memberId] }),
    index('standup_answers_member_idx').on(t.memberId, t.day),
  ],
);

/** A member away from standups for a range of group days (inclusive). */
export const standupAway = sqliteTable(
  'standup_away',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    groupId: text('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    memberId: text('member_id').notNull(),
    fromDay: text('from_day').notNull(),
    toDay: text('to_day').notNull(),
    setBy: text('set_by').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('standup_away_group_idx').on(t.groupId, t.toDay)],
);

/** Days off and extra working days an admin set; they win over the country's calendar. */
export const calendarOverrides = sqliteTable(
  'calendar_overrides',
  {
    groupId: text('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    day: text('day').notNull(),
    kind: text('kind', { enum: ['off', 'workday'] }).notNull(),
    name: text('name'),
    createdBy: text('created_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.day] })],
);

/** A blocker as it carries over from day to day, until it stops being reported. */
export const standupBlockers = sqliteTable(
  'standup_blockers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    groupId: text('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    memberId: text('member_id').notNull(),
    key: text('key').notNull(),
    text: text('text').notNull(),
    firstDay: text('first_day').notNull(),
    lastDay: text('last_day').notNull(),
    /** Working days reported in a row. */
    days: integer('days').notNull().default(1),
    escalatedAt: integer('escalated_at', { mode: 'timestamp_ms' }),
    /** Set when the member (or a manager) says it is solved: no longer carried over or escalated. */
    closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
    closedBy: text('closed_by'),
  },
  (t) => [index('standup_blockers_group_idx').on(t.groupId, t.memberId, t.key)],
);

/** A customer of a workspace, one row however its name is typed (`key` is the normalized name). */
export const customers = sqliteTable(
  'customers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    name: text('name').notNull(),
    crmAccountId: text('crm_account_id'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('customers_workspace_key').on(t.workspaceId, t.key)],
);

/** How a group takes feedback: its scale, alert threshold, default customer and alert channel. */
export const feedbackSettings = sqliteTable('feedback_settings', {
  groupId: text('group_id')
    .primaryKey()
    .references(() => groups.id, { onDelete: 'cascade' }),
  scale: text('scale', { enum: ['csat', 'nps'] })
    .notNull()
    .default('csat'),
  /** Scores at or below alert; null means the scale's default (2 of 5, 6 of 10). */
  threshold: integer('threshold'),
  defaultCustomerId: integer('default_customer_id').references(() => customers.id, { onDelete: 'set null' }),
  alertChannelId: text('alert_channel_id'),
  /** Unresolved low scores older than this go to the managers, once. */
  escalateHours: integer('escalate_hours').notNull().default(24),
  /** A survey takes answers this long, then posts its result. */
  surveyHours: integer('survey_hours').notNull().default(24),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

/** One piece of customer feedback and where its follow-up stands. */
export const feedbackItems = sqliteTable(
  'feedback_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workspaceId: text('workspace_id').notNull(),
    groupId: text('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    score: integer('score').notNull(),
    scale: text('scale', { enum: ['csat', 'nps'] }).notNull(),
    comment: text('comment').notNull(),
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull(),
    authorId: text('author_id').notNull(),
    status: text('status', { enum: ['open', 'in_progress', 'resolved'] })
      .notNull()
      .default('open'),
    ownerId: text('owner_id'),
    resolution: text('resolution'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    resolvedAt: integer('resolved_at', { mode: 'timestamp_ms' }),
    /** Set when the low-score alert was claimed, so it goes out once. */
    alertedAt: integer('alerted_at', { mode: 'timestamp_ms' }),
    escalatedAt: integer('escalated_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    index('feedback_workspace_created_idx').on(t.workspaceId, t.createdAt),
    index('feedback_group_created_idx').on(t.groupId, t.createdAt),
    index('feedback_open_idx').on(t.status, t.createdAt),
    // Stats aggregate these columns only: covering indexes answer them without the table.
    index('feedback_stats_idx').on(t.groupId, t.createdAt, t.score, t.customerId),
    index('feedback_resolved_idx').on(t.groupId, t.status, t.resolvedAt, t.createdAt),
  ],
);

/** What happened to a feedback item: assigned, resolved, reopened, alerted, escalated. */
export const feedbackHistory = sqliteTable(
  'feedback_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    itemId: integer('item_id')
      .notNull()
      .references(() => feedbackItems.id, { onDelete: 'cascade' }),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    details: text('details', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('feedback_history_item_idx').on(t.itemId)],
);

/** A rating question posted to a group (or sent to one contact), open until `closesAt`. */
export const surveys = sqliteTable(
  'surveys',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workspaceId: text('workspace_id').notNull(),
    groupId: text('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    /** The one person asked, when the survey went by DM. */
    contactId: text('contact_id'),
    scale: text('scale', { enum: ['csat', 'nps'] }).notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    closesAt: integer('closes_at', { mode: 'timestamp_ms' }).notNull(),
    closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('surveys_open_idx').on(t.closedAt, t.closesAt)],
);

/** One person's answer to a survey; a second click changes it. */
export const surveyAnswers = sqliteTable(
  'survey_answers',
  {
    surveyId: integer('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    memberId: text('member_id').notNull(),
    /** The feedback item the answer is recorded as. */
    itemId: integer('item_id')
      .notNull()
      .references(() => feedbackItems.id, { onDelete: 'cascade' }),
    answeredAt: integer('answered_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.surveyId, t.memberId] })],
);

/**
 * Feedback summed per group, local day and customer, kept up to date as feedback is written, so a
 * quarter's stats read a few thousand sums instead of every row.
 */
export const feedbackDaily = sqliteTable(
  'feedback_daily',
  {
    groupId: text('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    /** The group-local day, YYYY-MM-DD. */
    day: text('day').notNull(),
    customerId: integer('customer_id').notNull(),
    /** The scale the scores were given on: a group that switches keeps its old scores' sums apart. */
    scale: text('scale', { enum: ['csat', 'nps'] }).notNull(),
    count: integer('count').notNull(),
    total: integer('total').notNull(),
    promoters: integer('promoters').notNull(),
    passives: integer('passives').notNull(),
    detractors: integer('detractors').notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.day, t.customerId, t.scale] })],
);

/** Tags counted per group and local day, for the top tags. */
export const feedbackDailyTags = sqliteTable(
  'feedback_daily_tags',
  {
    groupId: text('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    day: text('day').notNull(),
    tag: text('tag').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.day, t.tag] })],
);

/** A group's weekly review: when it is held, how long before it the agenda is posted, and to whom. No row: off. */
export const reviewSettings = sqliteTable('review_settings', {
  groupId: text('group_id')
    .primaryKey()
    .references(() => groups.id, { onDelete: 'cascade' }),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  /** ISO weekday, 1 = Monday. */
  weekday: integer('weekday').notNull().default(5),
  /** "HH:MM" in the group's timezone. */
  time: text('time').notNull().default('16:00'),
  remindBeforeMinutes: integer('remind_before_minutes').notNull().default(60),
  /** Who gets the agenda: the whole group in the channel, or its managers by DM. */
  audience: text('audience', { enum: ['group', 'managers'] })
    .notNull()
    .default('group'),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

/** One week's review of a group. `week` is the Monday (group-local) of the review's week. */
export const reviews = sqliteTable(
  'reviews',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    groupId: text('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    week: text('week').notNull(),
  },
  (t) => [uniqueIndex('reviews_group_week').on(t.groupId, t.week)],
);

/**
 * One note taken in a review, by one person: notes are added, never written over; an edit is an
 * explicit command on one note, and says who edited it and when.
 */
export const reviewNotes = sqliteTable(
  'review_notes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    reviewId: integer('review_id')
      .notNull()
      .references(() => reviews.id, { onDelete: 'cascade' }),
    authorId: text('author_id').notNull(),
    text: text('text').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    editedBy: text('edited_by'),
    editedAt: integer('edited_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('review_notes_review_idx').on(t.reviewId, t.id)],
);

/** A task agreed in a review: who does it, by when, and whether it is done. */
export const actionItems = sqliteTable(
  'action_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workspaceId: text('workspace_id').notNull(),
    groupId: text('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    /** The review week it was agreed in (Monday, group-local). */
    week: text('week').notNull(),
    text: text('text').notNull(),
    ownerId: text('owner_id').notNull(),
    /** YYYY-MM-DD in the owner's timezone; null when no date was agreed. */
    dueDay: text('due_day'),
    /** The customer the task is about, when it names one (synced to the CRM). */
    customerId: integer('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    status: text('status', { enum: ['open', 'done'] })
      .notNull()
      .default('open'),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    doneAt: integer('done_at', { mode: 'timestamp_ms' }),
    doneBy: text('done_by'),
  },
  (t) => [
    index('action_items_group_idx').on(t.groupId, t.status),
    index('action_items_due_idx').on(t.status, t.dueDay),
  ],
);

/** A manager's digest: daily or weekly (Mondays), at a local time. Each cadence at most once per member and workspace. */
export const digestSubscriptions = sqliteTable(
  'digest_subscriptions',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    cadence: text('cadence', { enum: ['daily', 'weekly'] }).notNull(),
    /** "HH:MM" in the member's timezone. */
    time: text('time').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.memberId, t.cadence] })],
);

/**
 * The CRM a workspace syncs to, one per workspace. Settings are plain (data center, base URL,
 * webhook URL); the secrets are sealed with a key from MUSTER_SECRET_KEY, so a copy of the
 * database file alone does not reveal them.
 */
export const crmConnections = sqliteTable('crm_connections', {
  workspaceId: text('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  kind: text('kind', { enum: ['zoho', 'fxiaoke', 'webhook'] }).notNull(),
  /** JSON object the connector's settings schema accepted; never a secret. */
  settings: text('settings', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  /** The connector's secrets as JSON, sealed: "v1:<iv>:<tag>:<ciphertext>" (base64url parts). */
  secretsEnc: text('secrets_enc').notNull(),
  /** `stopped` after the CRM refused the credentials: nothing is sent until an admin reconnects. */
  status: text('status', { enum: ['active', 'stopped'] })
    .notNull()
    .default('active'),
  stoppedReason: text('stopped_reason'),
  connectedBy: text('connected_by').notNull(),
  /** Also the connection's version: a reconnect changes it, which re-arms the one stop notice. */
  connectedAt: integer('connected_at', { mode: 'timestamp_ms' }).notNull(),
  lastSyncAt: integer('last_sync_at', { mode: 'timestamp_ms' }),
  lastError: text('last_error'),
  lastErrorKind: text('last_error_kind', { enum: ['transient', 'auth', 'permanent'] }),
  lastErrorAt: integer('last_error_at', { mode: 'timestamp_ms' }),
});

/** What is on its way to the CRM: one row per event, from queued to sent or given up. */
export const crmQueue = sqliteTable(
  'crm_queue',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** The event's own id ("fb:42:created"): the same event is queued once, however often it is told. */
    eventId: text('event_id').notNull(),
    /** The CrmEvent as JSON, written in the workspace's language when it was queued. */
    event: text('event', { mode: 'json' }).$type<unknown>().notNull(),
    status: text('status', { enum: ['pending', 'sending', 'sent', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }).notNull(),
    /** A sender holds the row until then; after a crash another sender takes it over. */
    leaseUntil: integer('lease_until', { mode: 'timestamp_ms' }),
    lastError: text('last_error'),
    /** The CRM's id for what it created (a Zoho note, a Fxiaoke sales record). */
    remoteId: text('remote_id'),
    createdAt: createdAt(),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('crm_queue_event_id').on(t.eventId),
    index('crm_queue_due_idx').on(t.status, t.nextAttemptAt),
    index('crm_queue_workspace_idx').on(t.workspaceId, t.status),
  ],
);

/** A platform role (Discord) whose holders are a customer's people in every group of the workspace. */
export const customerRoles = sqliteTable(
  'customer_roles',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    platformRoleId: text('platform_role_id').notNull(),
    /** The customer its holders belong to; null when the role says only "customer". */
    customerId: integer('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    setBy: text('set_by').notNull(),
    setAt: integer('set_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.platformRoleId] })],
);

/** Where an interrupted membership listing stands, so a restart carries on from its cursor. */
export const rosterSyncs = sqliteTable('roster_syncs', {
  key: text('key').primaryKey(),
  cursor: text('cursor').notNull(),
  startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

/**
 * Which groups' standup plans changed, latest `seq` last. Triggers (migration 0012) write a row in
 * the same transaction as every write a plan depends on (membership, sides, observers, member
 * timezones, group timezone and workdays, standup settings, away ranges, calendar overrides),
 * whoever writes it, so each process rebuilds only what changed since the `seq` it last read.
 */
export const standupPlanChanges = sqliteTable(
  'standup_plan_changes',
  {
    groupId: text('group_id').primaryKey(),
    seq: integer('seq').notNull(),
  },
  (t) => [index('standup_plan_changes_seq_idx').on(t.seq)],
);
