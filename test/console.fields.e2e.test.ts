import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runConsole } from './helpers/console-session.js';

const SCRIPT = '/feedback customer: Acme rating: 2 slow delivery\n/feedback stats\n';

describe('a label and its value in the console', () => {
  it.each([
    { locale: 'en', shown: 'Average (of 5): 2.0' },
    // The label ends in a full-width bracket: the colon after it is full-width too.
    { locale: 'zh-CN', shown: '平均分（满分 5）：2.0' },
  ])('$locale: $shown', async ({ locale, shown }) => {
    const dir = mkdtempSync(join(tmpdir(), 'muster-fields-'));
    const run = await runConsole(join(dir, 'muster.db'), SCRIPT, { MUSTER_DEFAULT_LOCALE: locale });
    expect(run.stdout).toContain(shown);
  });
});
