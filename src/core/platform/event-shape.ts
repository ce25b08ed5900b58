import { z } from 'zod';
import type { InboundEvent } from './events.js';

const id = z.string().min(1).max(500);
const ids = z.object({ platform: z.enum(['slack', 'discord', 'console']), workspaceId: id });
const base = {
  eventId: id,
  actor: z.object({
    user: ids.extend({ userId: id }),
    displayName: z.string(),
    isPlatformAdmin: z.boolean(),
    isBot: z.boolean(),
  }),
  conversation: ids.extend({ channelId: id }),
  isDirect: z.boolean(),
};
const text = z.string().max(40_000);

/**
 * What the core needs of an event before it trusts any field: every id present and non-empty,
 * texts and form values as strings. An adapter that lets a malformed payload through (or a test,
 * or a crafted request) gets a logged refusal instead of a crash deep in a feature.
 */
const EVENT = z.discriminatedUnion('type', [
  z.object({
    ...base,
    type: z.literal('command.invoked'),
    command: z.string().max(100),
    text,
    options: z
      .object({
        subcommand: z.string().optional(),
        values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
      })
      .optional(),
  }),
  z.object({ ...base, type: z.literal('action.clicked'), actionId: z.string().max(255), value: text }),
  z.object({
    ...base,
    type: z.literal('form.submitted'),
    formId: z.string().max(255),
    context: text,
    values: z.record(z.string(), text),
  }),
  z.object({ ...base, type: z.literal('home.opened') }),
]);

/**
 * Why an event cannot be handled (the first problem, for the log), or undefined when it can.
 * Plain messages are the bulk of traffic: for them only the ids are checked, by hand.
 */
export function eventProblem(event: InboundEvent): string | undefined {
  if (event.type === 'message.posted' || event.type === 'member.joined' || event.type === 'member.left') {
    const { actor, conversation } = event as Partial<InboundEvent>;
    const present = (v: unknown) => typeof v === 'string' && v.length > 0;
    return present(event.eventId) &&
      present(actor?.user?.userId) &&
      present(actor?.user?.workspaceId) &&
      present(conversation?.channelId) &&
      present(conversation?.workspaceId)
      ? undefined
      : 'an id is missing';
  }
  const result = EVENT.safeParse(event);
  if (result.success) return undefined;
  const [issue] = result.error.issues;
  return issue ? `${issue.path.join('.') || 'event'}: ${issue.message}` : 'malformed event';
}
