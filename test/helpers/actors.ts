/**
 * Ten kinds of actor around two groups of one workspace and a group of another, with one item of
 * each kind in the first group: the cast of the authorization table and the fuzz test.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Permission } from '../../src/core/commands/define-command.js';
import type { Actor } from '../../src/core/platform/events.js';
import type { ConversationRef } from '../../src/core/platform/ids.js';
import { createHarness, START } from './harness.js';

const DAY_MS = 24 * 60 * 60 * 1000;
export const NOW = new Date(START.getTime() + 2 * DAY_MS);
export const TODAY = '2026-12-03';
export const C1 = 'slack:T1:C1';

export type Kind =
  | 'foreign'
  | 'dm'
  | 'customer'
  | 'observer'
  | 'otherManager'
  | 'otherAdmin'
  | 'member'
  | 'manager'
  | 'groupAdmin'
  | 'owner';

/** Least powerful first: refusals run before anything an allowed actor changes. */
export const KINDS: readonly Kind[] = [
  'foreign',
  'dm',
  'customer',
  'observer',
  'otherManager',
  'otherAdmin',
  'member',
  'manager',
  'groupAdmin',
  'owner',
];

export const USERS: Record<Kind, string> = {
  foreign: 'fred',
  dm: 'dana',
  customer: 'cus',
  observer: 'obi',
  otherManager: 'olga',
  otherAdmin: 'oliver',
  member: 'mel',
  manager: 'mona',
  groupAdmin: 'gina',
  owner: 'owen',
};

export type Group = 'C1' | 'C2' | 'C9';
export type Where = Group | 'DM';

/** The roles the seed gives: C1 is the group the items live in, C2 another group, C9 another workspace's. */
export const ROLES: Record<Kind, Partial<Record<Group, Permission>>> = {
  foreign: { C9: 'member' },
  dm: { C2: 'member' },
  customer: { C1: 'guest' },
  observer: { C1: 'guest' },
  otherManager: { C2: 'manager' },
  otherAdmin: { C2: 'admin' },
  member: { C1: 'member' },
  manager: { C1: 'manager' },
  groupAdmin: { C1: 'admin' },
  owner: {},
};

export type Place = 'own' | 'other';

/** Where an actor speaks from: the items' group (or another, for "other"), a DM, another workspace. */
export function whereOf(kind: Kind, place: Place): Where {
  if (kind === 'dm') return 'DM';
  if (kind === 'foreign') return place === 'own' ? 'C1' : 'C9';
  return place === 'own' ? 'C1' : 'C2';
}

/**
 * The level the model expects: roles count only in their group; a workspace admin is the owner
 * everywhere in the workspace; being in the channel (a command typed there, a button on a message
 * there) makes a member; a payload naming a group proves nothing.
 */
export function levelAt(kind: Kind, where: Where | 'WS', attested: boolean): Permission | undefined {
  if (kind === 'owner' && where !== 'C9') return 'owner';
  if (where === 'DM') return 'member';
  if (where === 'WS') return kind === 'foreign' ? undefined : 'member';
  return ROLES[kind][where] ?? (attested ? 'member' : undefined);
}

export interface Ids {
  feedback: number;
  survey: number;
  action: number;
  rule: number;
  workspaceRule: number;
  prune: number;
  blocker: number;
}

let n = 0;
/** Who speaks, from where, as a platform would say it: ids, workspace, DM or not. */
export function eventBase(kind: Kind, place: Place) {
  const user = USERS[kind];
  const where = whereOf(kind, place);
  const actorWorkspace = kind === 'foreign' ? 'T2' : 'T1';
  const conversation: ConversationRef =
    where === 'DM'
      ? { platform: 'slack', workspaceId: 'T1', channelId: `D-${user}` }
      : { platform: 'slack', workspaceId: where === 'C9' ? 'T2' : 'T1', channelId: where };
  const actor: Actor = {
    user: { platform: 'slack', workspaceId: actorWorkspace, userId: user },
    displayName: user,
    isPlatformAdmin: kind === 'owner',
    isBot: false,
  };
  return { eventId: `auth-${++n}`, actor, conversation, isDirect: where === 'DM' };
}

/** Two groups of workspace T1 and one of T2, everyone's roles, and one item of each kind in C1. */
export interface Seeded {
  dir: string;
  seedPath: string;
  ids: Ids;
}

export async function seed(): Promise<Seeded> {
  const dir = mkdtempSync(join(tmpdir(), 'muster-auth-'));
  const seedPath = join(dir, 'seed.db');
  const s = createHarness({ dbPath: seedPath });
  await s.run('/role add <@gina> admin');
  await s.run('/role add <@mona> manager');
  await s.run('/role add <@obi> observer');
  await s.run('/role add <@cus> customer');
  await s.run('/role add <@oliver> admin', { channel: 'C2' });
  await s.run('/role add <@olga> manager', { channel: 'C2' });
  await s.post('hello', { user: 'mel' });
  await s.post('hello', { user: 'dana', channel: 'C2' });
  await s.send({
    type: 'message.posted',
    ...eventBase('foreign', 'other'),
    message: { conversation: { platform: 'slack', workspaceId: 'T2', channelId: 'C9' }, messageId: 'm-fred' },
    text: 'hello',
  });
  await s.run('/standup on', { user: 'gina' });
  await s.run('/feedback add customer:Acme rating:2 slow replies', { user: 'mel' });
  await s.run('/feedback survey Acme', { user: 'mona' });
  await s.run('/review action Prepare the quote <@mel> friday', { user: 'mona' });
  await s.run('/rules add words scam', { user: 'gina' });
  await s.run('/rules add words fraud');
  const one = (sql: string) => (s.sql.prepare(sql).get() as { id: number }).id;
  const workspaceRule = one('select max(id) id from rules');
  await s.run(`/rules scope ${workspaceRule} workspace`);
  s.clock.set(NOW);
  await s.run('/members prune 1', { user: 'gina' });
  await s.run('/standup yesterday: a; today: b; blockers: waiting on API keys', { user: 'mel' });
  const ids: Ids = {
    feedback: one('select max(id) id from feedback_items'),
    survey: one('select max(id) id from surveys'),
    action: one('select max(id) id from action_items'),
    rule: one('select min(id) id from rules where group_id is not null'),
    workspaceRule,
    prune: one('select max(id) id from prunes'),
    blocker: one('select max(id) id from standup_blockers'),
  };
  if (!Object.values(ids).every((id) => id > 0))
    throw new Error(`the seed is missing an item: ${JSON.stringify(ids)}`);
  await s.app.close();
  return { dir, seedPath, ids };
}
