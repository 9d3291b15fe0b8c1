/**
 * The bookkeeping of a search that runs the model again and again (the guided engine): the
 * budget and the abort signal, progress, runs and events counted, the properties found and when
 * they are enough, and how the search ended.
 */
import type { RunStatus } from './api.ts';
import type { Finding } from './judge.ts';
import type { InternalError } from './internalError.ts';
import { SEARCH_LIMITS } from './limits.ts';
import { FoundProperties, searchStatus, stopAtFirst, type SearchOptions } from './search.ts';
import { startWallBudget, stopReason, throttle } from './wallClock.ts';

export class RunLoop {
  runs = 0;
  events = 0;
  private interrupted = false;
  private budgetExhausted = false;
  private readonly found = new FoundProperties();
  private readonly budget: NonNullable<SearchOptions['budget']>;
  private readonly progressDue = throttle(SEARCH_LIMITS.progressIntervalMs);

  constructor(
    private readonly options: SearchOptions & { runs: number; counts?: (finding: Finding) => boolean },
  ) {
    this.budget = options.budget ?? startWallBudget(options.timeMs);
  }

  /** Asked before each run: true when the search must stop (the run budget, --time, an abort). */
  done(): boolean {
    if (this.runs >= this.options.runs) return true;
    const stop = stopReason(this.options.signal, this.budget);
    this.interrupted = stop === 'interrupted';
    this.budgetExhausted = stop === 'budget-exhausted';
    return stop !== null;
  }

  /** Counts a run that executed `events` events, and reports progress when due. */
  counted(events: number): void {
    this.runs++;
    this.events += events;
    if (this.options.onProgress && this.progressDue()) this.options.onProgress({ runsDone: this.runs, runsTotal: this.options.runs, events: this.events });
  }

  /**
   * True when, among the run's findings the search looks for (options.counts), one is new (a
   * property not found before, or the first guaranteed finding of it): the run is to be kept.
   */
  keeps(findings: readonly Finding[]): boolean {
    const counted = this.options.counts ? findings.filter(this.options.counts) : findings;
    if (!counted.some((f) => this.found.isNew(f))) return false;
    for (const f of counted) this.found.add(f);
    return true;
  }

  /** True when the properties found so far are enough (options.stopWhen). */
  enough(): boolean {
    return (this.options.stopWhen ?? stopAtFirst)(this.found.names);
  }

  /** The final progress report and how the search ended. */
  status(ended: { violations: number; internalError: InternalError | null }): RunStatus {
    this.options.onProgress?.({ runsDone: this.runs, runsTotal: this.options.runs, events: this.events });
    return searchStatus({ ...ended, interrupted: this.interrupted, budgetExhausted: this.budgetExhausted });
  }
}
