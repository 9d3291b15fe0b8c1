/**
 * What every engine shares: the search budget, when to stop, and how a search ended. An engine
 * keeps searching past a violation until `stopWhen(found)` says so, and records a violating run
 * only when it shows a property not found before.
 */
import type { RunStatus } from './api.ts';
import type { RunLimits } from './limits.ts';
import type { InternalError } from './internalError.ts';
import type { Finding } from './judge.ts';
import type { RemoteDepsRecipe } from './parallel/protocol.ts';
import type { RunPool } from './parallel/runPool.ts';

/** When a search must stop starting runs (the --time budget). */
export interface SearchBudget {
  expired(): boolean;
}

export interface SearchOptions {
  /** Wall-clock budget in milliseconds; the search ends (budget-exhausted) when it runs out. */
  timeMs?: number;
  /**
   * The budget itself, in place of timeMs's wall clock (tests inject one that counts runs). It is
   * asked only before a search run, never while a counterexample is shrunk, so what a search
   * reports depends only on the runs it completed.
   */
  budget?: SearchBudget;
  /** True when the properties found so far are enough to stop. Default: stop at the first. */
  stopWhen?: (found: ReadonlySet<string>) => boolean;
  /** Progress, at most every few hundred milliseconds of wall time. */
  onProgress?: (progress: { runsDone: number; runsTotal: number; events: number }) => void;
  /** Checked between runs (or every few hundred states); an aborted search ends 'interrupted'. */
  signal?: AbortSignal;
  limits?: Partial<RunLimits>;
  /**
   * Random engine: run the walks in these worker threads, which build the model and judge from
   * `deps` (results are the same as without). Other engines run in the caller.
   */
  parallel?: { pool: RunPool; deps: RemoteDepsRecipe };
}

export const stopAtFirst = (found: ReadonlySet<string>): boolean => found.size > 0;

/** How a search ended, from what it found and why it stopped. */
export function searchStatus(ended: { violations: number; internalError: InternalError | null; interrupted: boolean; budgetExhausted: boolean }): RunStatus {
  if (ended.internalError !== null) return 'interrupted';
  if (ended.violations > 0) return 'violated';
  if (ended.interrupted) return 'interrupted';
  if (ended.budgetExhausted) return 'budget-exhausted';
  return 'passed';
}

/**
 * The properties a search has found, each with the strongest verdict seen: a property first found
 * where Kafka allows it and later where Kafka guarantees it counts again, so a guaranteed
 * violation is never hidden behind an allowed one found earlier (run.ts does the same within a run).
 */
export class FoundProperties {
  private readonly guaranteedOf = new Map<string, boolean>();
  /** The property names found, for stopWhen. */
  readonly names = new Set<string>();

  /** True when `finding` is of a property not found before, or the first guaranteed one of it. */
  isNew(finding: Pick<Finding, 'property' | 'guaranteed'>): boolean {
    const seen = this.guaranteedOf.get(finding.property);
    return seen === undefined || (finding.guaranteed && !seen);
  }

  add(finding: Pick<Finding, 'property' | 'guaranteed'>): void {
    if (!this.isNew(finding)) return;
    this.guaranteedOf.set(finding.property, finding.guaranteed);
    this.names.add(finding.property);
  }
}
