import { describe, expect, it } from 'vitest';
import { PLAIN_INTERVAL_MS, TTY_INTERVAL_MS, createProgress, formatFigures } from '../../../cli/progress.ts';
import { memoryIo } from './fakes.ts';

const figures = { runsDone: 120, runsTotal: 500, events: 48_210 };

describe('progress, not on a terminal', () => {
  it('prints plain lines, at most one every PLAIN_INTERVAL_MS, and nothing for a quick scenario', () => {
    const io = memoryIo();
    const progress = createProgress(io);
    progress.start(2, 9, 'acks-1-leader-crash');
    progress.update(figures);
    expect(io.stderr).toBe('');
    io.advanceMs(PLAIN_INTERVAL_MS);
    progress.update(figures);
    io.advanceMs(PLAIN_INTERVAL_MS - 1);
    progress.update({ ...figures, runsDone: 121 });
    progress.clear();
    expect(io.stderr).toBe('[2/9] acks-1-leader-crash: 120/500 runs, 48,210 events...\n');
  });
});

describe('progress on a terminal', () => {
  it('keeps one line, rewritten in place at most every TTY_INTERVAL_MS, and clears it', () => {
    const io = memoryIo({ tty: true });
    const progress = createProgress(io);
    progress.start(1, 1, 'x');
    io.advanceMs(TTY_INTERVAL_MS);
    progress.update(figures);
    progress.update(figures);
    progress.clear();
    expect(io.stderr).toBe('\r\x1b[2K[1/1] x...\r\x1b[2K[1/1] x: 120/500 runs, 48,210 events...\r\x1b[2K');
    expect(io.stderr).not.toContain('\n');
  });

  it('cuts the line to the terminal width', () => {
    const io = memoryIo({ tty: true, columns: 30 });
    createProgress(io).start(1, 1, 'a-very-long-scenario-name-indeed');
    expect(io.stderr).toBe('\r\x1b[2K[1/1] a-very-long-scenario-n…');
  });

  it('clears nothing when nothing is shown', () => {
    const io = memoryIo({ tty: true });
    createProgress(io).clear();
    expect(io.stderr).toBe('');
  });
});

describe('progress figures', () => {
  it('shows runs out of the total when the total is known', () => {
    expect(formatFigures(figures)).toBe('120/500 runs, 48,210 events');
    expect(formatFigures({ runsDone: 3, runsTotal: 0, events: 7 })).toBe('3 runs, 7 events');
    expect(formatFigures({ runsDone: 1280, runsTotal: 2000, events: 2130 }, 'states')).toBe('1,280/2,000 states, 2,130 events');
  });
});
