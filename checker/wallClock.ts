/**
 * The one file under checker/ that reads wall time. It serves the --time budget, progress
 * callbacks and reported durations only; no event choice ever depends on it, so a seed still
 * replays exactly (a time budget can only change how many runs happen, never what a run does).
 * The determinism lint (Date.now under checker/) points here by design.
 */
export interface WallBudget {
  /** Milliseconds since the budget started. */
  elapsedMs(): number;
  /** True once the budget (if any) has run out. */
  expired(): boolean;
}

export function startWallBudget(timeMs?: number): WallBudget {
  const startedMs = Date.now();
  return {
    elapsedMs: () => Date.now() - startedMs,
    expired: () => timeMs !== undefined && Date.now() - startedMs >= timeMs,
  };
}

/** Why a search stops before its next run: an abort signal, or the wall budget running out. */
export function stopReason(signal: AbortSignal | undefined, budget: Pick<WallBudget, 'expired'>): 'interrupted' | 'budget-exhausted' | null {
  if (signal?.aborted) return 'interrupted';
  if (budget.expired()) return 'budget-exhausted';
  return null;
}

/** A gate that opens at most once per `intervalMs` of wall time (always when `force` is set). */
export function throttle(intervalMs: number): (force?: boolean) => boolean {
  let lastMs = -Infinity;
  return (force = false) => {
    const nowMs = Date.now();
    if (!force && nowMs - lastMs < intervalMs) return false;
    lastMs = nowMs;
    return true;
  };
}
