import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuleDefinition } from '../../src/features/rules/rule-set.js';
import { RULE_CASES, RULE_SETS, type RuleCase } from '../fixtures/rules-cases.js';
import { createHarness, type Harness } from '../helpers/harness.js';

/*
 * The rules case table again, end to end: each case through `/rules test` (as an admin, who sees
 * what would fire) and as a message posted by a member (what Muster actually enforces). The pure
 * engine runs the same table in src/features/rules/rule-set.test.ts.
 */

let h: Harness;
/** Channel of each rule set, and which kind each stored rule id is. */
const channels = new Map<string, string>();
const kindOf = new Map<number, string>();
const ADMIN = { user: 'alice' };

function setKey(rules: RuleCase['rules']): string {
  return typeof rules === 'string' ? rules : JSON.stringify(rules);
}

async function channelFor(rules: RuleCase['rules']): Promise<string> {
  const key = setKey(rules);
  const known = channels.get(key);
  if (known) return known;
  const channel = `C${channels.size + 1}`;
  channels.set(key, channel);
  await h.run('/rules', { ...ADMIN, channel });
  const definitions: readonly RuleDefinition[] = typeof rules === 'string' ? RULE_SETS[rules] : rules;
  const insert = h.sql.prepare(
    `insert into rules (workspace_id, group_id, kind, config, actions, strikes, created_at)
     values ('slack:T1', ?, ?, ?, '["delete","warn"]', 1, 0) returning id`,
  );
  for (const rule of definitions) {
    const { id } = insert.get(`slack:T1:${channel}`, rule.kind, JSON.stringify(rule.config)) as {
      id: number;
    };
    kindOf.set(id, rule.kind);
  }
  h.app.rules.invalidate();
  return channel;
}

beforeAll(() => {
  h = createHarness();
});
afterAll(async () => {
  await h.app.close();
});

const label = (c: RuleCase) => `${c.lang}: ${c.note} — ${JSON.stringify(c.text).slice(0, 60)}`;

describe.each(['zh', 'en'] as const)('the %s case table, through Muster', (lang) => {
  const cases = RULE_CASES.filter((c) => c.lang === lang);

  it('has at least 50 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
  });

  it.each(cases.map((c) => [label(c), c] as const))('%s', async (_, c) => {
    const channel = await channelFor(c.rules);
    const tested = await h.run(`/rules test ${c.text}`, { ...ADMIN, channel });
    const firing = [...tested.text.matchAll(/`#(\d+)`/g)].map((m) => kindOf.get(Number(m[1])));
    if (c.authorMayBroadcast) {
      // `/rules test` answers for an ordinary member; an admin's own broadcast is never acted on.
      const before = h.platform.moderated.length;
      await h.post(c.text, { ...ADMIN, channel });
      expect(h.platform.moderated.length).toBe(before);
      return;
    }
    expect(firing).toEqual([...c.expect]);

    const before = h.sql
      .prepare("select count(*) n from audit_log where action = 'rules.enforced'")
      .get() as {
      n: number;
    };
    await h.post(c.text, { user: `member-${lang}`, channel });
    const enforced = h.sql
      .prepare("select details from audit_log where action = 'rules.enforced' order by id desc limit 1")
      .get() as { details: string } | undefined;
    const after = h.sql.prepare("select count(*) n from audit_log where action = 'rules.enforced'").get() as {
      n: number;
    };
    if (c.expect.length === 0) {
      expect(after.n).toBe(before.n);
    } else {
      expect(after.n).toBe(before.n + 1);
      expect((JSON.parse(enforced?.details ?? '{}') as { kinds: string[] }).kinds).toEqual([...c.expect]);
    }
  });
});
