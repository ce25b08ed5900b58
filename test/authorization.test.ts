/**
 * Every command, button and form × every kind of actor × their own group and another group: who
 * may do what, checked through the dispatcher as a platform would deliver it, and "no row changed"
 * wherever the answer is a refusal. The expected outcome comes from the roles the seed gives (a
 * small model below), not from the permissions the features declare.
 */
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allows, type Permission } from '../src/core/commands/define-command.js';
import { en } from '../src/core/i18n/en.js';
import type { Actor, InboundEvent } from '../src/core/platform/events.js';
import type { ConversationRef } from '../src/core/platform/ids.js';
import {
  eventBase,
  type Ids,
  KINDS,
  type Kind,
  levelAt,
  NOW,
  type Place,
  seed,
  whereOf,
} from './helpers/actors.js';
import { type Entry, type Invocation, TABLE } from './helpers/entries.js';
import { createHarness, type Harness, textOf } from './helpers/harness.js';

function expected(entry: Entry, kind: Kind, place: Place, invocation: Invocation): boolean {
  // A crafted event naming another workspace's channel is dropped.
  if (kind === 'foreign' && place === 'own') return false;
  const where = whereOf(kind, place);
  if (entry.scope === 'group' && where === 'DM') return false;
  let level: Permission | undefined;
  if (entry.acts === 'here') level = levelAt(kind, where, true);
  else if (entry.acts === 'WS') level = levelAt(kind, 'WS', false);
  else level = levelAt(kind, 'C1', where === 'C1' && invocation.type !== 'form');
  return level !== undefined && allows(level, entry.required);
}

/** The answers that mean "not you, not here", read from the catalog. */
const REFUSALS = (
  [
    'error.notAllowed',
    'error.otherGroup',
    'error.workspaceOnly',
    'error.groupOnly',
    'error.teamOnly',
  ] as const
).map(
  (key) =>
    new RegExp(
      en[key]
        .split(/\{\w+\}/u)
        .map((part) => part.slice(0, 40).replace(/[.*+?^${}()|[\]\\]/gu, '\\$&'))
        .join('.+?'),
      'u',
    ),
);

/** Tables a refused request must leave as they were (not the ledger, the outbox or last-seen times). */
function snapshot(h: Harness): string {
  const skip = new Set(['processed_events', 'outbox', 'members', 'group_members', '__drizzle_migrations']);
  const tables = (
    h.sql.prepare("select name from sqlite_master where type = 'table' order by name").all() as {
      name: string;
    }[]
  )
    .map((r) => r.name)
    .filter((name) => !skip.has(name) && !name.startsWith('sqlite_'));
  return JSON.stringify(tables.map((t) => [t, h.sql.prepare(`select * from "${t}" order by rowid`).all()]));
}

function eventOf(invocation: Invocation, kind: Kind, place: Place): InboundEvent {
  const base = eventBase(kind, place);
  if (invocation.type === 'command')
    return { type: 'command.invoked', ...base, command: invocation.command, text: invocation.text };
  if (invocation.type === 'click') {
    // Buttons sit on a message in the conversation the click comes from.
    const message = { conversation: base.conversation, messageId: `m-${base.eventId}` };
    return {
      type: 'action.clicked',
      ...base,
      actionId: invocation.actionId,
      value: invocation.value,
      message,
    };
  }
  return {
    type: 'form.submitted',
    ...base,
    formId: invocation.formId,
    context: invocation.context,
    values: invocation.values,
  };
}

let dir: string;
let seedPath: string;
let ids: Ids;
let caseNo = 0;

function labelOf(entry: Entry): string {
  return entry.label ? `${entry.key} (${entry.label})` : entry.key;
}

beforeAll(async () => {
  ({ dir, seedPath, ids } = await seed());
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('authorization table', () => {
  it('has a row for every command, subcommand, button and form the registry knows', () => {
    const h = createHarness();
    const known = [
      ...h.app.registry.commands().flatMap((c) => c.subcommands.map((s) => `/${c.name} ${s.name}`)),
      ...h.app.registry.actions().map((a) => `action:${a.actionId}`),
      ...h.app.registry.forms().map((f) => `form:${f.formId}`),
    ];
    const covered = new Set(TABLE.map((e) => e.key));
    expect(known.filter((key) => !covered.has(key))).toEqual([]);
    expect([...covered].filter((key) => !known.includes(key))).toEqual([]);
    return h.app.close();
  });

  for (const entry of TABLE) {
    for (const place of ['own', 'other'] as const) {
      it(`${labelOf(entry)}, ${place} group`, async () => {
        const copy = join(dir, `case-${++caseNo}.db`);
        copyFileSync(seedPath, copy);
        const h = createHarness({ dbPath: copy });
        h.clock.set(NOW);
        const outcomes: string[] = [];
        try {
          for (const kind of KINDS) {
            const invocation = entry.invoke(ids);
            const before = snapshot(h);
            const responder = await h.send(eventOf(invocation, kind, place));
            const text = responder.replies.map((r) => textOf(r.message)).join('\n');
            const refused =
              responder.replies.length === 0 && responder.forms.length === 0
                ? kind === 'foreign' && place === 'own'
                : REFUSALS.some((rx) => rx.test(text));
            const allowed = expected(entry, kind, place, invocation);
            expect(text, `${kind}: no crash`).not.toMatch(/Something went wrong/u);
            outcomes.push(`${kind}:${refused ? 'refused' : 'allowed'}`);
            if (!allowed) expect(snapshot(h), `${kind} changed rows although refused`).toBe(before);
          }
          expect(outcomes).toEqual(
            KINDS.map(
              (kind) => `${kind}:${expected(entry, kind, place, entry.invoke(ids)) ? 'allowed' : 'refused'}`,
            ),
          );
        } finally {
          await h.app.close();
        }
      });
    }
  }
});

describe('from a Discord DM, which belongs to no server', () => {
  function discord(userId: string, where: { guild: string; channel: string } | 'dm', admin = false) {
    const workspaceId = where === 'dm' ? '@me' : where.guild;
    const conversation: ConversationRef = {
      platform: 'discord',
      workspaceId,
      channelId: where === 'dm' ? `dm-${userId}` : where.channel,
    };
    const actor: Actor = {
      user: { platform: 'discord', workspaceId, userId },
      displayName: `user ${userId}`,
      isPlatformAdmin: admin,
      isBot: false,
    };
    return { eventId: `discord-${++caseNo}`, actor, conversation, isDirect: where === 'dm' };
  }
  const C = { guild: 'G1', channel: '100' };

  it('the owner closes their item from the DM button; a stranger to its server cannot', async () => {
    const h = createHarness();
    try {
      await h.send({
        type: 'message.posted',
        ...discord('42', C),
        message: {
          conversation: { platform: 'discord', workspaceId: 'G1', channelId: '100' },
          messageId: 'm1',
        },
        text: 'hi',
      });
      await h.send({
        type: 'command.invoked',
        ...discord('1', C, true),
        command: 'review',
        text: 'action Ship the fix <@42> friday',
      });
      const id = h.sql.prepare('select id, owner_id from action_items').get() as {
        id: number;
        owner_id: string;
      };
      expect(id.owner_id).toBe('discord:G1:42');
      /** The "Mark done" button on the DM Muster sent, pressed by `user` in their own DM. */
      const doneFromDm = async (user: string) => {
        const where = discord(user, 'dm');
        const message = { conversation: where.conversation, messageId: `m-${where.eventId}` };
        const clicked = await h.send({
          type: 'action.clicked',
          ...where,
          actionId: 'review.done',
          value: String(id.id),
          message,
        });
        return clicked.replies.map((r) => textOf(r.message)).join();
      };
      expect(await doneFromDm('77')).toMatch(REFUSALS[1] as RegExp);
      const owner = await doneFromDm('42');
      expect(owner).toContain(`Action item #${id.id} is done`);
      expect(h.sql.prepare('select status, done_by from action_items').get()).toEqual({
        status: 'done',
        done_by: 'discord:G1:42',
      });
    } finally {
      await h.app.close();
    }
  });
});
