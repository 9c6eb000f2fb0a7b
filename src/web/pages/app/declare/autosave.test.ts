import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Autosaver, type SaveState } from './autosave';

class Conflict extends Error {}

function setup(delayMs = 1000) {
  const sent: [string, string][] = [];
  const states: SaveState['kind'][] = [];
  let fail: Error | null = null;
  let gate: Promise<void> | null = null;
  const saver = new Autosaver<string>({
    delayMs,
    async send(key, value) {
      if (gate) await gate;
      if (fail) throw fail;
      sent.push([key, value]);
    },
    classify: (error) => ({ conflict: error instanceof Conflict, message: (error as Error).message }),
    onState: (s) => states.push(s.kind),
  });
  return {
    saver,
    sent,
    states,
    failWith: (e: Error | null) => (fail = e),
    hold() {
      let release!: () => void;
      gate = new Promise((r) => (release = r));
      return () => {
        gate = null;
        release();
      };
    },
  };
}

describe('Autosaver', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('waits for a quiet second, then sends only the latest value', async () => {
    const t = setup();
    t.saver.change('basic', 'a');
    await vi.advanceTimersByTimeAsync(600);
    t.saver.change('basic', 'ab');
    await vi.advanceTimersByTimeAsync(600);
    expect(t.sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(500);
    expect(t.sent).toEqual([['basic', 'ab']]);
    expect(t.states.at(-1)).toBe('saved');
  });

  it('sends at once on flush (blur), one section after another', async () => {
    const t = setup();
    t.saver.change('basic', 'x');
    t.saver.change('other', 'y');
    await t.saver.flush();
    expect(t.sent).toEqual([
      ['basic', 'x'],
      ['other', 'y'],
    ]);
    await vi.advanceTimersByTimeAsync(2000);
    expect(t.sent).toHaveLength(2);
  });

  it('a change during a save waits for its own quiet time, and is not lost', async () => {
    const t = setup();
    t.saver.change('basic', 'one');
    const release = t.hold();
    const flushing = t.saver.flush();
    t.saver.change('basic', 'two');
    release();
    await flushing;
    expect(t.sent).toEqual([['basic', 'one']]);
    expect(t.states.at(-1)).toBe('dirty');
    await vi.advanceTimersByTimeAsync(1000);
    expect(t.sent).toEqual([
      ['basic', 'one'],
      ['basic', 'two'],
    ]);
  });

  it('keeps the values of a failed save and sends them with the next flush', async () => {
    const t = setup();
    t.failWith(new Error('网络连接失败'));
    t.saver.change('basic', 'kept');
    await t.saver.flush();
    expect(t.states.at(-1)).toBe('error');
    expect(t.saver.pendingKeys()).toEqual(['basic']);
    t.failWith(null);
    await t.saver.flush();
    expect(t.sent).toEqual([['basic', 'kept']]);
    expect(t.saver.pendingKeys()).toEqual([]);
  });

  it('a newer value typed during a failed save wins over the failed one', async () => {
    const t = setup();
    t.saver.change('basic', 'old');
    t.failWith(new Error('失败'));
    const release = t.hold();
    const flushing = t.saver.flush();
    t.saver.change('basic', 'new');
    release();
    await flushing;
    t.failWith(null);
    await t.saver.flush();
    expect(t.sent).toEqual([['basic', 'new']]);
  });

  it('a conflict stops every save until resume, keeping what was typed', async () => {
    const t = setup();
    t.failWith(new Conflict('已在其他页面修改'));
    t.saver.change('basic', 'mine');
    await t.saver.flush();
    expect(t.states.at(-1)).toBe('conflict');
    t.failWith(null);
    t.saver.change('other', 'more');
    await vi.advanceTimersByTimeAsync(1500);
    await t.saver.flush();
    expect(t.sent).toEqual([]);
    expect(t.saver.pendingKeys().sort()).toEqual(['basic', 'other']);
    await t.saver.resume();
    expect(t.sent.map(([k]) => k).sort()).toEqual(['basic', 'other']);
    expect(t.states.at(-1)).toBe('saved');
  });
});
