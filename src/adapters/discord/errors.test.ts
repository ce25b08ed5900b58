import { DiscordAPIError, HTTPError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { DeliveryError } from '../../core/platform/platform.js';
import { DiscordStartError, startErrorOf, toDeliveryError } from './errors.js';

describe('toDeliveryError', () => {
  const apiError = (code: number, status: number) =>
    new DiscordAPIError({ code, message: 'x' }, code, status, 'POST', 'http://127.0.0.1/api/v10/x', {});

  it('names the codes Muster acts on and says what kind they are', () => {
    expect(toDeliveryError(apiError(50007, 403))).toMatchObject({
      message: 'dm_closed',
      transient: false,
      recipientClosed: true,
    });
    expect(toDeliveryError(apiError(50013, 403))).toMatchObject({
      message: 'missing_permissions',
      transient: false,
      missingPermission: true,
    });
    expect(toDeliveryError(apiError(10003, 404))).toMatchObject({
      message: 'unknown_channel',
      transient: false,
    });
    expect(toDeliveryError(apiError(0, 500))).toMatchObject({ message: 'discord_0', transient: true });
    expect(
      toDeliveryError(new HTTPError(502, 'Bad Gateway', 'POST', 'http://127.0.0.1/api/v10/x', {})),
    ).toMatchObject({ message: 'http_502', transient: true });
    expect(toDeliveryError(new Error('ECONNRESET'))).toMatchObject({ transient: true });
    const already = new DeliveryError('x', { transient: false });
    expect(toDeliveryError(already)).toBe(already);
  });
});

describe('startErrorOf', () => {
  it('turns what discord.js rejects login with into words and a next step', () => {
    // What @discordjs/ws 1.2 emits for close code 4014, as login's rejection.
    const intents = startErrorOf(new Error('Used disallowed intents'));
    expect(intents).toBeInstanceOf(DiscordStartError);
    expect(intents.message).toBe('Discord refused the privileged intents Muster needs (close code 4014)');
    expect((intents as DiscordStartError).hint).toContain('SERVER MEMBERS INTENT and MESSAGE CONTENT INTENT');
    expect(startErrorOf(new Error('Authentication failed')).message).toBe(
      'Discord rejected DISCORD_TOKEN (close code 4004)',
    );
    expect(
      startErrorOf(Object.assign(new Error('An invalid token was provided.'), { code: 'TokenInvalid' }))
        .message,
    ).toBe('Discord rejected DISCORD_TOKEN');
    const other = new Error('connect ECONNREFUSED 127.0.0.1:9');
    expect(startErrorOf(other)).toBe(other);
  });
});
