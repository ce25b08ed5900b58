import type { ConversationRef, UserRef, WorkspaceRef } from '../../src/core/platform/ids.js';
import type { RosterMember, RosterSink, SyncProgress } from '../../src/core/platform/roster.js';
import type { FakeSlack } from '../fakes/fake-slack.js';

/**
 * A RosterSink that remembers what an adapter told it: the listed pages, completions, profiles and
 * saved progress (kept across adapter restarts, as the core's table would). Given the app's own
 * roster, it passes everything on to it too, and progress is the app's.
 */
export class RecordingRoster implements RosterSink {
  constructor(private readonly inner?: RosterSink) {}

  readonly pages: { group: ConversationRef; members: readonly RosterMember[]; at: Date }[] = [];
  readonly completions: { group: ConversationRef; startedAt: Date }[] = [];
  readonly profilePages: { workspace: WorkspaceRef; members: readonly RosterMember[] }[] = [];
  readonly departures: { group: ConversationRef; userId: string }[] = [];
  readonly saves: { key: string; progress: SyncProgress }[] = [];
  readonly stored = new Map<string, SyncProgress>();
  /** What `groups()` answers (the groups the core serves). */
  served: ConversationRef[] = [];
  /** Called after each saveProgress (a test stops the adapter part way). */
  onSave: ((key: string, progress: SyncProgress) => void) | undefined;

  listed(group: ConversationRef, members: readonly RosterMember[], at: Date): void {
    this.pages.push({ group, members, at });
    this.inner?.listed(group, members, at);
  }
  completed(group: ConversationRef, startedAt: Date): void {
    this.completions.push({ group, startedAt });
    this.inner?.completed(group, startedAt);
  }
  profiles(workspace: WorkspaceRef, members: readonly RosterMember[]): void {
    this.profilePages.push({ workspace, members });
    this.inner?.profiles(workspace, members);
  }
  left(group: ConversationRef, user: UserRef, at: Date): void {
    this.departures.push({ group, userId: user.userId });
    this.inner?.left(group, user, at);
  }
  groups(workspace: WorkspaceRef): ConversationRef[] {
    return [
      ...(this.inner?.groups(workspace) ?? []),
      ...this.served.filter((g) => g.workspaceId === workspace.workspaceId),
    ];
  }
  progress(key: string): SyncProgress | undefined {
    return this.inner ? this.inner.progress(key) : this.stored.get(key);
  }
  saveProgress(key: string, progress: SyncProgress): void {
    this.stored.set(key, progress);
    this.inner?.saveProgress(key, progress);
    this.saves.push({ key, progress });
    this.onSave?.(key, progress);
  }
  clearProgress(key: string): void {
    this.stored.delete(key);
    this.inner?.clearProgress(key);
  }

  /** Every member listed in a channel, in order (a person listed twice appears twice). */
  membersOf(channelId: string): RosterMember[] {
    return this.pages.filter((p) => p.group.channelId === channelId).flatMap((p) => [...p.members]);
  }
}

/** Time that moves only when something sleeps on it: pacing waits cost nothing in tests and benches. */
export class VirtualClock {
  ms: number;
  slept = 0;
  constructor(start = Date.parse('2026-12-01T09:00:00Z')) {
    this.ms = start;
  }
  readonly now = (): number => this.ms;
  readonly sleep = async (ms: number): Promise<void> => {
    this.ms += ms;
    this.slept += ms;
  };
}

/**
 * A channel of `size` people in the fake Slack's workspace T1: the bot, then generated ones (every 50th a guest, every 100th deactivated), and `externals` Slack Connect
 * people of Globex (T2) whom users.list does not name. Returns the channel's member ids.
 */
export function seedChannel(
  fake: FakeSlack,
  channel: string,
  size: number,
  options: { externals?: number } = {},
): string[] {
  const externals = options.externals ?? 0;
  fake.teams.set('T2', { name: 'Globex' });
  fake.users.set('UBOT', { name: 'muster', is_bot: true });
  const ids = ['UBOT'];
  for (let i = 0; ids.length < size - externals; i++) {
    const id = `U${String(i).padStart(6, '0')}`;
    fake.users.set(id, {
      name: `person${i}`,
      tz: i % 2 ? 'Asia/Shanghai' : 'Europe/Berlin',
      locale: i % 2 ? 'zh-CN' : 'en-US',
      ...(i % 50 === 7 ? { is_restricted: true } : {}),
      ...(i % 100 === 13 ? { deleted: true } : {}),
    });
    ids.push(id);
  }
  for (let i = 0; i < externals; i++) {
    const id = `W${String(i).padStart(6, '0')}`;
    fake.users.set(id, { name: `globex${i}`, team_id: 'T2', listed: false });
    ids.push(id);
  }
  fake.channelMembers.set(channel, ids);
  return ids;
}
