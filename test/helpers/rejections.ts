import { RejectedEvent } from '../../src/core/platform/rejection.js';

/** What a normalize function threw: the rejection's reason and details, or undefined when it did not. */
export function rejectionOf(
  run: () => unknown,
): { reason: string; details: Record<string, string | undefined> } | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof RejectedEvent) return { reason: error.reason, details: error.details };
    throw error;
  }
  return undefined;
}
