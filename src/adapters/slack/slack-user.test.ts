import { describe, expect, it } from 'vitest';
import { toLocale } from '../../core/i18n/locale.js';
import { compactUser, displayNameOf, profileOf, type SlackUser, toRosterMember } from './slack-user.js';

const names = new Map([['T2', 'Globex']]);
const context = { workspaceTeamId: 'T1', teamName: (id: string) => names.get(id), toLocale };

const ann: SlackUser = {
  id: 'U1',
  team_id: 'T1',
  name: 'ann',
  real_name: 'Ann Lee',
  tz: 'Europe/London',
  locale: 'en-GB',
  is_admin: true,
  profile: { display_name: 'annie' },
};

describe('a Slack user as a roster member', () => {
  it('maps the workspace’s own person: display name, timezone, locale, admin', () => {
    expect(toRosterMember(ann, context)).toEqual({
      user: { platform: 'slack', workspaceId: 'T1', userId: 'U1' },
      displayName: 'annie',
      isBot: false,
      isDeactivated: false,
      isPlatformAdmin: true,
      timezone: 'Europe/London',
      locale: 'en',
    });
  });

  it('names a person by display name, else full name, else handle, else id', () => {
    expect(displayNameOf({ profile: { display_name: ' ' }, real_name: 'Ann Lee', name: 'ann' }, 'U1')).toBe(
      'Ann Lee',
    );
    expect(displayNameOf({ name: 'ann' }, 'U1')).toBe('ann');
    expect(displayNameOf({}, 'U1')).toBe('U1');
  });

  it('a Slack Connect person carries their organisation, named by team.info, else by its id', () => {
    const gina = { id: 'W1', team_id: 'T2', name: 'gina' };
    expect(toRosterMember(gina, context).organization).toEqual({ id: 'T2', name: 'Globex' });
    expect(toRosterMember({ ...gina, team_id: 'T9' }, context).organization).toEqual({
      id: 'T9',
      name: 'T9',
    });
    expect(toRosterMember(ann, context).organization).toBeUndefined();
    // A record without a team is the workspace's own.
    expect(toRosterMember({ id: 'U3', name: 'x' }, context).organization).toBeUndefined();
  });

  it('single- and multi-channel guests are guests; full members are not', () => {
    expect(toRosterMember({ id: 'U4', is_restricted: true }, context).isGuest).toBe(true);
    expect(toRosterMember({ id: 'U5', is_ultra_restricted: true }, context).isGuest).toBe(true);
    expect(toRosterMember(ann, context).isGuest).toBeUndefined();
  });

  it('a deactivated person is known but deactivated; bots and Slackbot are bots; owners are admins', () => {
    expect(toRosterMember({ id: 'U6', deleted: true, name: 'gone' }, context)).toMatchObject({
      isDeactivated: true,
      displayName: 'gone',
    });
    expect(toRosterMember({ id: 'B1', is_bot: true }, context).isBot).toBe(true);
    expect(toRosterMember({ id: 'USLACKBOT', name: 'slackbot' }, context).isBot).toBe(true);
    expect(toRosterMember({ id: 'U7', is_primary_owner: true }, context).isPlatformAdmin).toBe(true);
    expect(toRosterMember({ id: 'U8', is_owner: true }, context).isPlatformAdmin).toBe(true);
  });

  it('a locale Muster does not speak is left out; a listed id fills a record without one', () => {
    const member = toRosterMember({ name: 'jo', locale: 'ja-JP' }, { ...context, id: 'U9' });
    expect(member.locale).toBeUndefined();
    expect(member.user.userId).toBe('U9');
  });

  it('the event path reads the same facts (an Actor’s organisation and guest flag)', () => {
    expect(
      profileOf({ id: 'W1', team_id: 'T2', name: 'gina', is_restricted: true }, 'W1', 'T1', (id) =>
        names.get(id),
      ),
    ).toEqual({
      displayName: 'gina',
      isAdmin: false,
      isBot: false,
      timezone: undefined,
      locale: undefined,
      organization: { id: 'T2', name: 'Globex' },
      isGuest: true,
    });
  });

  it('keeps only the fields Muster reads', () => {
    const full = { ...ann, profile: { display_name: 'annie', image_512: 'https://…', status_text: 'hi' } };
    expect(compactUser(full)).toEqual({
      id: 'U1',
      team_id: 'T1',
      name: 'ann',
      real_name: 'Ann Lee',
      tz: 'Europe/London',
      locale: 'en-GB',
      is_admin: true,
      profile: { display_name: 'annie' },
    });
  });
});
