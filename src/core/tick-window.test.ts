import { describe, expect, it } from 'vitest';
import { TickWindow } from './tick-window.js';

const at = (hhmm: string) => new Date(`2026-12-01T${hhmm}:00Z`);

describe('TickWindow', () => {
  it('moves on only past spans that were covered: a stopped tick is spanned again', () => {
    const window = new TickWindow(at('09:00'), 0);
    const first = window.advance(at('09:01'));
    expect(first).toEqual({ from: at('09:00'), to: at('09:01') });
    // Not covered (the database was busy): the next tick starts where this one did.
    expect(window.advance(at('09:02'))).toEqual({ from: at('09:00'), to: at('09:02') });
    window.covered({ to: at('09:02') });
    expect(window.advance(at('09:03'))).toEqual({ from: at('09:02'), to: at('09:03') });
  });

  it('reaches back to a slot left unfinished, just before it', () => {
    const window = new TickWindow(at('09:00'), 0);
    window.covered({ to: at('09:30') });
    expect(window.advance(at('09:31'), at('09:10'))?.from).toEqual(new Date(at('09:10').getTime() - 1));
    // A slot inside the span changes nothing.
    expect(window.advance(at('09:31'), new Date('2026-12-01T09:30:30Z'))?.from).toEqual(at('09:30'));
  });
});
