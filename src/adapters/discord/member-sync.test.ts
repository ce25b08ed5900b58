import { describe, expect, it } from 'vitest';
import { gatewayRetryAfterMs, overwritesDiffer, pages, sameIds } from './member-sync.js';
import { actorOf, memberRoleIds, rosterMemberOf } from './normalize.js';

const VIEW = 1n << 10n;

describe('member sync, pure parts', () => {
  it('overwrites differ by who and what, never by order', () => {
    const role = { id: '7', type: 0, allow: 0n, deny: VIEW };
    const member = { id: '42', type: 1, allow: VIEW, deny: 0n };
    expect(overwritesDiffer([role, member], [member, role])).toBe(false);
    expect(overwritesDiffer([], [])).toBe(false);
    expect(overwritesDiffer([role], [])).toBe(true);
    expect(overwritesDiffer([role], [{ ...role, deny: 0n }])).toBe(true);
    expect(overwritesDiffer([role], [{ ...role, type: 1 }])).toBe(true);
  });

  it('role sets compare without order', () => {
    expect(sameIds(['1', '2'], ['2', '1'])).toBe(true);
    expect(sameIds(['1'], ['1', '2'])).toBe(false);
    expect(sameIds([], [])).toBe(true);
  });

  it('a listing goes in pages of at most 1000', () => {
    const members = Array.from({ length: 2_345 }, (_, i) => i);
    expect(pages(members).map((p) => p.length)).toEqual([1_000, 1_000, 345]);
    expect(pages([])).toEqual([]);
    expect(pages([1, 2, 3], 2)).toEqual([[1, 2], [3]]);
  });

  it("reads the wait of a rate-limited member request from discord.js's error, nothing else", () => {
    const limited = Object.assign(new Error('rate limited'), {
      name: 'GatewayRateLimitError',
      data: { opcode: 8, retry_after: 1.5, meta: { guild_id: 'G1' } },
    });
    expect(gatewayRetryAfterMs(limited)).toBe(1_500);
    expect(gatewayRetryAfterMs({ ...limited, name: 'GatewayRateLimitError', data: { retry_after: 0 } })).toBe(
      0,
    );
    expect(gatewayRetryAfterMs(new Error('Members didn’t arrive in time.'))).toBeUndefined();
    expect(gatewayRetryAfterMs({ name: 'GatewayRateLimitError', data: { retry_after: -1 } })).toBeUndefined();
    expect(gatewayRetryAfterMs(undefined)).toBeUndefined();
  });

  it('role ids leave out @everyone (the server id)', () => {
    expect(memberRoleIds('G1', ['G1', '7', '8'])).toEqual(['7', '8']);
  });

  it('a roster member carries the same facts as an Actor, and the roles', () => {
    const person = { userId: '42', displayName: 'Bob', bot: false, permissions: 1n << 5n, roles: ['7'] };
    expect(rosterMemberOf('G1', person)).toEqual({
      user: { platform: 'discord', workspaceId: 'G1', userId: '42' },
      displayName: 'Bob',
      isBot: false,
      isDeactivated: false,
      isPlatformAdmin: true,
      platformRoles: ['7'],
    });
    expect(rosterMemberOf('G1', { userId: '9', displayName: ' ', bot: true })).toMatchObject({
      displayName: '9',
      isBot: true,
      isPlatformAdmin: false,
      platformRoles: [],
    });
  });

  it("an Actor in a server carries the member's roles; in DMs none", () => {
    const person = { userId: '42', displayName: 'Bob', bot: false, roles: ['7', '8'] };
    expect(actorOf('G1', person).platformRoles).toEqual(['7', '8']);
    expect(actorOf('G1', { ...person, roles: [] }).platformRoles).toEqual([]);
    expect(actorOf('G1', { ...person, roles: undefined })).not.toHaveProperty('platformRoles');
    expect(actorOf(null, person)).not.toHaveProperty('platformRoles');
  });
});
