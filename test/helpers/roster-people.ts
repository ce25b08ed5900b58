import type { ConversationRef } from '../../src/core/platform/ids.js';
import type { RosterMember } from '../../src/core/platform/roster.js';

/** The harness's group channel, as a platform listing names it. */
export const C1: ConversationRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };

/** A person of the harness's workspace as a platform lists them: a team member unless `extra` says otherwise. */
export function person(userId: string, extra: Partial<RosterMember> = {}): RosterMember {
  return {
    user: { platform: 'slack', workspaceId: 'T1', userId },
    displayName: userId,
    isBot: false,
    isDeactivated: false,
    isPlatformAdmin: false,
    ...extra,
  };
}
