/**
 * The coverage a search reached: every abstract feature (Model.coverage) some run showed, with
 * the first run that showed it, so that a verdict can say how much was explored and whether it
 * had saturated (how many features the last tenth of the runs still found).
 */

/** What a verdict prints: "coverage: 412 abstract features, 3 new in the last 10% of runs". */
export interface CoverageSummary {
  /** Distinct abstract features reached over all runs. */
  features: number;
  /** Features first reached in the last tenth of the runs (rounded up: at least the last run). */
  newInLastTenth: number;
}

export class CoverageMap {
  /** The run index that first reached each feature, in the order reached. */
  private readonly firstRun = new Map<string, number>();
  /** Per feature, in the order reached: how many runs reached it. */
  private readonly hits: number[] = [];
  private readonly indices = new Map<string, number>();

  /** The feature's index in the order reached (-1: never reached). */
  indexOf(feature: string): number {
    return this.indices.get(feature) ?? -1;
  }

  /** Adds one run's features; returns how many no run had reached before. */
  addRun(runIndex: number, features: Iterable<string>): number {
    let fresh = 0;
    for (const feature of features) {
      const index = this.indices.get(feature);
      if (index !== undefined) {
        this.hits[index]++;
        continue;
      }
      this.indices.set(feature, this.hits.length);
      this.hits.push(1);
      this.firstRun.set(feature, runIndex);
      fresh++;
    }
    return fresh;
  }

  /**
   * The index (in the order reached) of a feature drawn with weight 1 / (runs that reached it):
   * rarely reached features are drawn most (FairFuzz's rare branches). `unit` is a draw in
   * [0, 1). -1 when no feature is known.
   */
  rareFeature(unit: number): number {
    const hits = this.hits;
    let total = 0;
    for (let i = 0; i < hits.length; i++) total += 1 / hits[i];
    let remaining = unit * total;
    for (let i = 0; i < hits.length; i++) {
      remaining -= 1 / hits[i];
      if (remaining < 0) return i;
    }
    return hits.length - 1;
  }

  get size(): number {
    return this.firstRun.size;
  }

  /** The summary after `runs` runs (indices 0 .. runs - 1). */
  summary(runs: number): CoverageSummary {
    const lastTenthFrom = runs - Math.max(1, Math.ceil(runs / 10));
    let newInLastTenth = 0;
    for (const runIndex of this.firstRun.values()) if (runIndex >= lastTenthFrom) newInLastTenth++;
    return { features: this.firstRun.size, newInLastTenth };
  }
}
