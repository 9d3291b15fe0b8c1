/**
 * Minimises a random-engine counterexample before it is reported (delta debugging over the
 * fault-phase event list). A candidate list is re-run as the fault phase, skipping events that
 * are no longer enabled, then healed, settled and read as usual; it is kept when the same
 * property still fires. Removal goes by chunks (halves, quarters, ... single events), fault
 * events first, then any event. After each success the list becomes the events that actually
 * ran (fast-check's trick for commands), so skipped and post-finding events disappear.
 *
 * Every candidate run ends as soon as the property is found (with the target's verdict), so the
 * minimal run is the events up to its finding step (a state property) or the whole run (a history
 * property). Candidates run
 * describe-free; the minimal run is re-executed once, described, for the report.
 */
import type { ModelEvent } from '../model/kernel/model.ts';
import { eventKey } from './eventKey.ts';
import { SEARCH_LIMITS } from './limits.ts';
import { findingOf, hasFinding, runModel, type Chooser, type RunResult, type RunSpec } from './run.ts';

export interface ShrinkResult<E extends ModelEvent> {
  /**
   * The minimal run found (the original run, up to the finding, when nothing could be removed),
   * described. Without the property (the list did not show it), the run of the list as given.
   */
  run: RunResult<E>;
  /** Re-runs spent. */
  attempts: number;
  /** True when the attempt bound (or `expired`) stopped shrinking before it converged. */
  attemptsExhausted: boolean;
}

/** A fault-phase chooser that follows a list, skipping listed events that are not enabled. */
export function listChooser<S, E extends ModelEvent>(list: readonly E[]): Chooser<S, E> {
  let next = 0;
  return (enabled) => {
    while (next < list.length) {
      const wanted = list[next++];
      const key = eventKey(wanted);
      // Comparing types first spares canonical JSON for most enabled events.
      const match = enabled.find((e) => e.type === wanted.type && eventKey(e) === key);
      if (match !== undefined) return match;
    }
    return null;
  };
}

/** Runs `spec` with the fault phase taken from `list` (stepsMax is widened to fit the list). */
export function runList<S, E extends ModelEvent, C>(spec: RunSpec<S, E, C>, list: readonly E[]): RunResult<E> {
  return runModel({ ...spec, stepsMax: Math.max(spec.stepsMax, list.length) }, listChooser<S, E>(list));
}

export interface ShrinkOptions {
  /** Re-runs it may spend (default SEARCH_LIMITS.shrinkAttemptsMax). */
  attemptsMax?: number;
  /** Checked before each re-run: true stops shrinking with the best list so far (a wall-clock budget). */
  expired?: () => boolean;
}

/**
 * What a candidate must still show: a property, or a property with its verdict (a guaranteed
 * finding must stay guaranteed: a property can be allowed at one step and guaranteed at a later
 * one, and shrinking must not trade the guaranteed case for the allowed one).
 */
export type ShrinkTarget = string | { property: string; guaranteed: boolean };

/** The run recording that ends a run at `target` (run.ts: a guaranteed finding ends a run anyway). */
export function stopAtTarget(target: ShrinkTarget): { stopAtProperty?: string } {
  if (typeof target === 'string') return { stopAtProperty: target };
  return target.guaranteed ? {} : { stopAtProperty: target.property };
}

/** Whether `run` shows `target`. */
export function showsTarget(run: RunResult<ModelEvent>, target: ShrinkTarget): boolean {
  if (typeof target === 'string') return hasFinding(run, target);
  return findingOf(run, target.property)?.guaranteed === target.guaranteed;
}

export function shrinkCounterexample<S, E extends ModelEvent, C>(
  spec: RunSpec<S, E, C>,
  faultEvents: readonly E[],
  target: ShrinkTarget,
  options: ShrinkOptions = {},
): ShrinkResult<E> {
  const attemptsMax = options.attemptsMax ?? SEARCH_LIMITS.shrinkAttemptsMax;
  const search: RunSpec<S, E, C> = { ...spec, describe: false, stopAtProperty: undefined, ...stopAtTarget(target) };
  const described = (list: readonly E[]): RunResult<E> => runList({ ...search, describe: true }, list);
  let attempts = 1;
  const cut = (): boolean => attempts >= attemptsMax || (options.expired?.() ?? false);
  let best = runList(search, faultEvents);
  if (best.internalError || !showsTarget(best, target)) return { run: described(faultEvents), attempts, attemptsExhausted: false };

  const tryWithout = (positions: readonly number[]): boolean => {
    const drop = new Set(positions);
    const candidate = best.faultEvents.filter((_, i) => !drop.has(i));
    attempts++;
    const run = runList(search, candidate);
    if (run.internalError || !showsTarget(run, target)) return false;
    best = run;
    return true;
  };

  /** One sweep: chunks of half the eligible events, then quarters, ... then single events. */
  const sweep = (eligible: (event: E) => boolean): boolean => {
    const positions = (): number[] => best.faultEvents.flatMap((e, i) => (eligible(e) ? [i] : []));
    let removed = false;
    for (let chunk = Math.ceil(positions().length / 2); chunk >= 1; chunk = Math.floor(chunk / 2)) {
      let start = 0;
      for (let candidates = positions(); start < candidates.length; candidates = positions()) {
        if (cut()) return removed;
        if (tryWithout(candidates.slice(start, start + chunk))) removed = true;
        else start += chunk;
      }
    }
    return removed;
  };

  const isFault = (event: E): boolean => spec.model.isFault(event);
  let progress = true;
  while (progress && !cut()) progress = sweep(isFault) || sweep(() => true);
  return { run: described(best.faultEvents), attempts, attemptsExhausted: cut() };
}
