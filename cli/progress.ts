/**
 * Progress on stderr while scenarios run. On a terminal, one line per scenario that updates in
 * place; otherwise plain lines, at most one every PLAIN_INTERVAL_MS, so a CI log stays short:
 *   [2/9] acks-1-leader-crash: 120/500 runs, 48,210 events...
 */
import { formatCount } from '../reports/numbers.ts';
import type { Io } from './io.ts';

/** Least wall time between two updates of the terminal line, and between two plain lines. */
export const TTY_INTERVAL_MS = 100;
export const PLAIN_INTERVAL_MS = 2000;

export interface ProgressFigures {
  runsDone: number;
  runsTotal: number;
  events: number;
}

export interface Progress {
  /** `unit` names what runsDone counts: "runs", or "states" for an exhaustive search. */
  start(index: number, total: number, label: string, unit?: string): void;
  update(figures: ProgressFigures): void;
  /** Removes the terminal line, before a report is written. */
  clear(): void;
}

export function createProgress(io: Io): Progress {
  let prefix = '';
  let unitShown = 'runs';
  let lastMs = -Infinity;
  let lineShown = false;

  const show = (text: string): void => {
    if (io.errIsTTY) {
      const width = Math.max(io.errColumns - 1, 20);
      io.err(`\r\x1b[2K${text.length > width ? text.slice(0, width - 1) + '…' : text}`);
      lineShown = true;
    } else {
      io.err(`${text}\n`);
    }
  };

  return {
    start(index, total, label, unit = 'runs') {
      prefix = `[${index}/${total}] ${label}`;
      unitShown = unit;
      lastMs = io.nowMs();
      // A plain line only once there is something to say: a quick scenario's report says it all.
      if (io.errIsTTY) show(`${prefix}...`);
    },
    update(figures) {
      const nowMs = io.nowMs();
      if (nowMs - lastMs < (io.errIsTTY ? TTY_INTERVAL_MS : PLAIN_INTERVAL_MS)) return;
      lastMs = nowMs;
      show(`${prefix}: ${formatFigures(figures, unitShown)}...`);
    },
    clear() {
      if (lineShown) io.err('\r\x1b[2K');
      lineShown = false;
    },
  };
}

export function formatFigures(figures: ProgressFigures, unit = 'runs'): string {
  const done = figures.runsTotal > 0 ? `${formatCount(figures.runsDone)}/${formatCount(figures.runsTotal)}` : formatCount(figures.runsDone);
  return `${done} ${unit}, ${formatCount(figures.events)} events`;
}
