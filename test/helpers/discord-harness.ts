import { createDiscordAdapter, type DiscordAdapter } from '../../src/adapters/discord/discord.adapter.js';
import type { InboundEvent } from '../../src/core/platform/events.js';
import type { ConversationRef, UserRef, WorkspaceRef } from '../../src/core/platform/ids.js';
import type { EventSink } from '../../src/core/platform/platform.js';
import type { RosterMember, RosterSink, SyncProgress } from '../../src/core/platform/roster.js';
import {
  DISCORD_IDS,
  FakeDiscord,
  type FakeDiscordOptions,
  type SentInteraction,
} from '../fakes/fake-discord.js';
import { createHarness, type Harness } from './harness.js';

/** One call the adapter made on the roster. */
export type RosterCall =
  | { kind: 'listed'; group: ConversationRef; members: readonly RosterMember[]; at: Date }
  | { kind: 'completed'; group: ConversationRef; startedAt: Date }
  | { kind: 'left'; group: ConversationRef; user: UserRef; at: Date }
  | { kind: 'profiles'; workspace: WorkspaceRef; members: readonly RosterMember[] };

/**
 * A RosterSink that records what the adapter reports and passes it on to `inner` when there is
 * one. Without `inner`, the groups it serves are `served` and the listing is replayed in `present`.
 */
export class RecordingRoster implements RosterSink {
  readonly calls: RosterCall[] = [];
  readonly served: ConversationRef[];
  readonly #progress = new Map<string, SyncProgress>();

  constructor(
    private readonly inner?: RosterSink,
    served: ConversationRef[] = [],
  ) {
    this.served = [...served];
  }

  listed(group: ConversationRef, members: readonly RosterMember[], at: Date): void {
    this.calls.push({ kind: 'listed', group, members, at });
    this.inner?.listed(group, members, at);
  }
  completed(group: ConversationRef, startedAt: Date): void {
    this.calls.push({ kind: 'completed', group, startedAt });
    this.inner?.completed(group, startedAt);
  }
  profiles(workspace: WorkspaceRef, members: readonly RosterMember[]): void {
    this.calls.push({ kind: 'profiles', workspace, members });
    this.inner?.profiles(workspace, members);
  }
  left(group: ConversationRef, user: UserRef, at: Date): void {
    this.calls.push({ kind: 'left', group, user, at });
    this.inner?.left(group, user, at);
  }
  groups(workspace: WorkspaceRef): ConversationRef[] {
    const own = this.served.filter(
      (g) => g.platform === workspace.platform && g.workspaceId === workspace.workspaceId,
    );
    const inner = this.inner?.groups(workspace) ?? [];
    return [...inner, ...own.filter((g) => !inner.some((i) => i.channelId === g.channelId))];
  }
  progress(key: string): SyncProgress | undefined {
    return this.inner ? this.inner.progress(key) : this.#progress.get(key);
  }
  saveProgress(key: string, progress: SyncProgress): void {
    if (this.inner) this.inner.saveProgress(key, progress);
    else this.#progress.set(key, progress);
  }
  clearProgress(key: string): void {
    if (this.inner) this.inner.clearProgress(key);
    else this.#progress.delete(key);
  }

  /** The calls about one channel, in order. */
  about(channelId: string): RosterCall[] {
    return this.calls.filter((c) => c.kind !== 'profiles' && c.group.channelId === channelId);
  }

  /** How many full listings of a channel completed. */
  completions(channelId: string): number {
    return this.about(channelId).filter((c) => c.kind === 'completed').length;
  }

  /**
   * Who is in a channel's group by what was reported, replayed the way the port reads: listed from
   * `at`, gone on `left`, and gone when a listing completes that did not list them since it started.
   */
  present(channelId: string): Map<string, RosterMember> {
    const members = new Map<string, { member: RosterMember; at: number }>();
    for (const call of this.about(channelId)) {
      if (call.kind === 'listed')
        for (const m of call.members) members.set(m.user.userId, { member: m, at: call.at.getTime() });
      else if (call.kind === 'left') members.delete(call.user.userId);
      else if (call.kind === 'completed')
        for (const [id, entry] of members) if (entry.at < call.startedAt.getTime()) members.delete(id);
    }
    return new Map([...members].map(([id, entry]) => [id, entry.member]));
  }
}

export interface DiscordHarness {
  fake: FakeDiscord;
  h: Harness;
  adapter: DiscordAdapter;
  /** Everything the adapter told the roster (passed on to `roster` of the options, if given). */
  roster: RecordingRoster;
  /** The events the core has finished handling, in order. */
  handled: readonly InboundEvent[];
  stop(): Promise<void>;
}

export interface DiscordHarnessOptions {
  /** Register commands in this guild; `null` registers them globally. Default: the fake's guild. */
  guildId?: string | null;
  /** How long the adapter waits before deferring; large by default so only deferral tests defer. */
  deferAfterMs?: number;
  fake?: FakeDiscordOptions;
  /** A fake that is already running, with a world prepared before the bot logs in. */
  running?: FakeDiscord;
  /** Makes the core this much slower, to see the adapter defer. */
  sinkDelayMs?: number;
  /**
   * Where the adapter's roster reports go on to (the recording keeps them either way): the app's
   * own roster with 'app', another sink, or nowhere (the default).
   */
  roster?: RosterSink | 'app';
  /** Groups the recording roster serves besides `roster`'s (start-up lists them). */
  served?: ConversationRef[];
}

/** The real app on :memory: and the real discord.js adapter, logged in to a fake Discord on 127.0.0.1. */
export async function startDiscord(options: DiscordHarnessOptions = {}): Promise<DiscordHarness> {
  const fake = options.running ?? new FakeDiscord(options.fake);
  if (!options.running) await fake.start();
  const h = createHarness({ fakePlatform: false });
  const guildId = options.guildId === undefined ? DISCORD_IDS.guild : (options.guildId ?? undefined);
  const adapter = createDiscordAdapter({
    token: fake.botToken,
    guildId,
    apiUrl: fake.apiUrl,
    commands: () => h.app.registry.commands(),
    logger: h.logger,
    deferAfterMs: options.deferAfterMs ?? 10_000,
    readyTimeoutMs: 5_000,
    onRejected: (reason) => h.app.metrics.eventRejected('discord', reason),
    now: () => h.clock.now(),
    // The fake has no IDENTIFY limit: a new session (after op 9) starts without Discord's 5 s wait.
    identifyThrottle: false,
  });
  h.app.attach(adapter.platform);
  const delay = options.sinkDelayMs;
  const handled: InboundEvent[] = [];
  const sink: EventSink = {
    async handle(event, responder) {
      if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
      await h.app.sink.handle(event, responder);
      handled.push(event);
    },
  };
  const inner = options.roster === 'app' ? h.app.roster : options.roster;
  const roster = new RecordingRoster(inner, options.served);
  await adapter.start(sink, roster);
  return {
    fake,
    h,
    adapter,
    roster,
    handled,
    async stop() {
      await adapter.stop();
      await h.app.close();
      await fake.stop();
    },
  };
}

/** `/muster <sub>` or `/role <sub> …` with typed options, the way Discord sends a chat command. */
export function command(
  fake: FakeDiscord,
  name: string,
  subcommand: string,
  options: { name: string; type: number; value: string | number | boolean }[] = [],
  context: { userId?: string; locale?: string; channelId?: string; guildId?: string | null } = {},
): SentInteraction {
  return fake.sendCommand({ name, options: [{ name: subcommand, type: 1, options }], ...context });
}

/** The text of an interaction's initial response (or of the message it was edited into). */
export function callbackText(fake: FakeDiscord, interactionId: string): string {
  const callback = fake.callbacksFor(interactionId)[0];
  const original = fake.originalResponse(interactionId);
  return String(original?.content ?? callback?.data.content ?? '');
}

/** Every bot message posted in a channel (DM channels included), oldest first, as text. */
export function channelTexts(fake: FakeDiscord, channelId: string): string[] {
  return fake
    .messages(channelId)
    .filter((m) => m.author.id === DISCORD_IDS.bot)
    .map((m) => m.content);
}

/** The DM channel the bot opened with a user, if any. */
export function dmChannelOf(fake: FakeDiscord, userId: string): string | undefined {
  return [...fake.channels.values()].find((c) => c.type === 1 && c.recipientId === userId)?.id;
}

/** Modal values the way Discord submits them: text inputs as strings, select menus as arrays. */
export function modalComponents(values: Record<string, string | string[]>): Record<string, unknown>[] {
  let id = 0;
  return Object.entries(values).map(([customId, value]) => ({
    type: 18,
    id: ++id,
    component:
      typeof value === 'string'
        ? { type: 4, id: ++id, custom_id: customId, value }
        : { type: 3, id: ++id, custom_id: customId, values: value },
  }));
}

interface ComponentJson {
  type?: number;
  custom_id?: string;
  components?: ComponentJson[];
  component?: ComponentJson;
}

/** The custom ids of every button in a message or callback body. */
export function buttonIds(body: { components?: unknown }): string[] {
  const walk = (list: ComponentJson[]): string[] =>
    list.flatMap((c) => [...(c.type === 2 && c.custom_id ? [c.custom_id] : []), ...walk(c.components ?? [])]);
  return walk((body.components as ComponentJson[] | undefined) ?? []);
}

/** A modal's inputs by custom id, as Discord received them in a type 9 callback. */
export function modalInputs(data: Record<string, unknown>): Map<string, Record<string, unknown>> {
  const inputs = new Map<string, Record<string, unknown>>();
  for (const label of (data.components as ComponentJson[] | undefined) ?? []) {
    const input = label.component as (ComponentJson & Record<string, unknown>) | undefined;
    if (input?.custom_id) inputs.set(input.custom_id, input);
  }
  return inputs;
}

/** A Prometheus counter's value for some labels (0 when never counted). */
export async function counter(h: Harness, name: string, labels: Record<string, string>): Promise<number> {
  const metric = h.app.metrics.registry.getSingleMetric(name);
  const values = (await metric?.get())?.values ?? [];
  return values
    .filter((v) => Object.entries(labels).every(([k, want]) => String(v.labels[k]) === want))
    .reduce((sum, v) => sum + v.value, 0);
}
