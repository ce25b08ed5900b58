import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness, snapshot } from '../helpers/harness.js';

let h: Harness;
afterEach(async () => {
  await h.app.close();
});

describe('feedback writes: nothing is written before everything that can refuse has been checked', () => {
  it('a survey for a group whose key is malformed writes neither the customer nor the survey', async () => {
    h = createHarness();
    await h.run('/muster help', { user: 'bob' });
    const before = snapshot(h, ['customers', 'surveys', 'outbox']);
    await expect(
      h.app.feedback.startSurvey({
        workspaceId: 'slack:T1',
        groupId: 'slack:T1:',
        actorId: 'slack:T1:bob',
        customer: 'Initech',
      }),
    ).rejects.toThrow(/Malformed key/);
    expect(snapshot(h, ['customers', 'surveys', 'outbox'])).toBe(before);
  });

  it('a default customer set in a save that fails is not left behind', async () => {
    h = createHarness();
    await h.run('/muster help');
    const before = snapshot(h, ['customers', 'feedback_settings']);
    // A group that does not exist fails the settings' foreign key, after the customer would have been made.
    expect(() =>
      h.app.feedback.configure(
        {
          workspaceId: 'slack:T1',
          groupId: 'slack:T1:CNOPE',
          actor: { user: { platform: 'slack', workspaceId: 'T1', userId: 'alice' } },
          now: h.clock.now(),
        },
        'customer',
        'Initech',
      ),
    ).toThrow();
    expect(snapshot(h, ['customers', 'feedback_settings'])).toBe(before);
  });
});
