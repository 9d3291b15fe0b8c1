/**
 * The one place the plugin checks use wall time: timers that bound how long kmc waits for a
 * plugin, so a plugin that never returns becomes a report instead of a hung kmc. Nothing here
 * reads a clock, and no decision other than "give up on this call" depends on it.
 */

export interface Watchdog {
  stop(): void;
}

/**
 * Calls `onStall` once when `readProgress()` has not changed for `boundMs` (checked every
 * boundMs/4, so a stall is noticed after between 3/4 and 5/4 of the bound). The timer keeps the
 * process alive while watching.
 */
export function watchProgress(readProgress: () => number, boundMs: number, onStall: () => void): Watchdog {
  const ticksToStall = 4;
  let last = readProgress();
  let stalledTicks = 0;
  let stopped = false;
  const timer = setInterval(() => {
    const now = readProgress();
    if (now !== last) {
      last = now;
      stalledTicks = 0;
      return;
    }
    stalledTicks++;
    if (stalledTicks >= ticksToStall && !stopped) {
      stopped = true;
      clearInterval(timer);
      onStall();
    }
  }, Math.max(1, Math.floor(boundMs / ticksToStall)));
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}

/** Calls `onTimeout` once after `boundMs` unless stopped first. */
export function deadline(boundMs: number, onTimeout: () => void): Watchdog {
  const timer = setTimeout(onTimeout, boundMs);
  return { stop: () => clearTimeout(timer) };
}
