/**
 * The guided engine: coverage-guided search (AFL, Zest) over the model's abstract coverage map
 * (Model.coverage). It keeps a corpus of runs (their fault-phase events, the seed given to
 * model.init and their swarm mix) that reached a coverage feature no run had reached before, and
 * each run either starts fresh (a random walk with a swarm mix: run i's fresh walk is the random
 * engine's run i) or mutates a corpus entry. The entry is mostly the one that first reached a
 * rarely reached feature (drawn with weight 1 / runs that reached it, FairFuzz's rare branches),
 * and then mostly the mutation goes back to the step where it reached it and explores from there
 * (Go-Explore): a fault there or not, then a short random walk (0 to 64 events, or the budget)
 * before the faults end and the cluster heals and settles. Otherwise one of:
 *   - extend: keep a prefix, go on with a random walk (the parent's mix or a new one);
 *   - splice: a prefix of one entry, then the events of another from some point;
 *   - insert a fault: at some step, one of the faults enabled there, then the entry's events
 *     (or a new walk);
 *   - move a fault: take a fault out of the entry and put it elsewhere;
 *   - reorder: swap two events at most four apart (deliveries and timers race);
 *   - delete: leave a few events out.
 * A mutant replays its list as the shrinker does (events no longer enabled are skipped; the
 * model is deterministic, so a replayed prefix is exact), then walks randomly up to stepsMax.
 * What a run found (allowed findings especially) counts as coverage too.
 *
 * Deterministic for a seed: every choice comes from seedrandom sub-seeds of it, and the corpus
 * evolves only by what the runs found; wall time (--time) only decides how many runs happen.
 * Runs execute in the caller (no worker threads: each run depends on the corpus before it).
 * The result has the random engine's shape, so reports, shrinking and counterexample files work
 * unchanged; a violation's runSeed is the seed its run gave model.init.
 */
import type { EnabledEntry, Model, ModelEvent } from '../../model/kernel/model.ts';
import { createRng, subSeed, type Rng } from '../../model/kernel/rng.ts';
import type { Judge } from '../judge.ts';
import { SEARCH_LIMITS } from '../limits.ts';
import { runModel, type RunResult, type StateChooser } from '../run.ts';
import { RunLoop } from '../runLoop.ts';
import type { RandomSearchOptions, RandomSearchResult, RandomViolation } from './random.ts';
import { randomRunSeed } from './random.ts';
import { SwarmMix } from './swarm.ts';
import { CoverageMap, type CoverageSummary } from './coverageMap.ts';

export type GuidedSearchOptions = RandomSearchOptions;

export interface GuidedSearchResult<E extends ModelEvent> extends RandomSearchResult<E> {
  coverage: CoverageSummary;
}

/** How a run was made (for tests and tuning). */
export type GuidedRunKind = 'fresh' | 'extend' | 'splice' | 'insert-fault' | 'move-fault' | 'reorder' | 'delete';

/** A run that reached new coverage: enough to run it again and to mutate it. */
interface CorpusEntry<E> {
  initSeed: string;
  mixSeed: string;
  /** The events its fault phase executed. */
  events: E[];
}

/** What one run does: model.init's seed, a list to replay, where to insert a fault, the mix to extend with. */
interface Plan<E> {
  kind: GuidedRunKind;
  initSeed: string;
  mixSeed: string;
  list: E[];
  /** The fault-phase step at which a fault enabled there is chosen, or -1. */
  faultAt: number;
  /** Most events the random walk after the list may take before the fault phase ends. */
  walkMax: number;
}

/** Two events are the same when their fields are (events are flat JSON records, some with arrays of strings). */
function sameEvent(a: ModelEvent, b: ModelEvent): boolean {
  if (a.type !== b.type) return false;
  const ra = a as unknown as Record<string, unknown>;
  const rb = b as unknown as Record<string, unknown>;
  const keys = Object.keys(ra);
  if (keys.length !== Object.keys(rb).length) return false;
  for (const key of keys) {
    const va = ra[key];
    const vb = rb[key];
    if (va === vb) continue;
    if (typeof va !== 'object' || typeof vb !== 'object' || JSON.stringify(va) !== JSON.stringify(vb)) return false;
  }
  return true;
}

/** The enabled event equal to `wanted`, among entries (single events and runs of events), or null. */
function findEnabled<E extends ModelEvent>(entries: readonly EnabledEntry<E>[], wanted: E): E | null {
  for (const entry of entries) {
    if (!Array.isArray(entry)) {
      if (sameEvent(entry as E, wanted)) return entry as E;
      continue;
    }
    const run = entry as readonly E[];
    if (run.length === 0 || run[0].type !== wanted.type) continue;
    for (const event of run) if (sameEvent(event, wanted)) return event;
  }
  return null;
}

/** The enabled faults among entries. */
function enabledFaults<E extends ModelEvent>(model: Model<unknown, E, unknown>, entries: readonly EnabledEntry<E>[]): E[] {
  const faults: E[] = [];
  for (const entry of entries) {
    if (Array.isArray(entry)) {
      for (const event of entry as readonly E[]) if (model.isFault(event)) faults.push(event);
    } else if (model.isFault(entry as E)) faults.push(entry as E);
  }
  return faults;
}

/**
 * A fault-phase chooser that follows the plan's list, then walks with the swarm mix (over the
 * model's enabled entries when it has them, as the random engine does: a fresh run is its walk).
 */
function planChooser<S, E extends ModelEvent>(model: Model<S, E, unknown>, plan: Plan<E>, mix: SwarmMix<E>, rng: Rng): StateChooser<S, E> {
  let next = 0;
  let walked = 0;
  const entriesOf = model.enabledEntries ? model.enabledEntries.bind(model) : (state: S): EnabledEntry<E>[] => model.enabled(state);
  return {
    fromState(state, faultStep) {
      const entries = entriesOf(state);
      if (faultStep === plan.faultAt) {
        const faults = enabledFaults(model as Model<unknown, E, unknown>, entries);
        if (faults.length > 0) return rng.pick(faults);
      }
      while (next < plan.list.length) {
        const event = findEnabled(entries, plan.list[next++]);
        if (event !== null) return event;
      }
      if (walked++ >= plan.walkMax) return null;
      return mix.chooseEntry(entries, rng);
    },
  };
}

/** Indices of the fault events of `events`. */
function faultIndices<E extends ModelEvent>(model: Model<unknown, E, unknown>, events: readonly E[]): number[] {
  const indices: number[] = [];
  for (let i = 0; i < events.length; i++) if (model.isFault(events[i])) indices.push(i);
  return indices;
}

/** The share of runs that start fresh rather than from the corpus. */
const FRESH_SHARE = 0.2;
/** Reorder swaps events at most this far apart. */
const REORDER_DISTANCE_MAX = 4;
/** Delete leaves out at most this many consecutive events. */
const DELETE_SPAN_MAX = 4;

/** The share of rare-feature picks that return to the step reaching it and explore from there. */
const EXPLORE_SHARE = 0.8;
/** The share of mutations whose parent is drawn by a rare feature (the rest: any corpus entry). */
const RARE_SHARE = 0.7;
/** How far a walk from a rare feature may go before the faults end (a fraction of stepsMax past the last). */
const EXPLORE_WALKS_MAX: readonly number[] = [0, 4, 16, 64, Infinity];

/** The corpus and which entry first reached each feature (by the feature's index in the coverage map). */
interface Corpus<E> {
  entries: CorpusEntry<E>[];
  /** Per feature index: the corpus entry that first reached it, and at which step of its run. */
  ownerOf: number[];
  stepOf: number[];
  coverage: CoverageMap;
}

/**
 * A corpus entry to mutate, and a step of it worth returning to: mostly (RARE_SHARE) the entry that
 * first reached a rarely reached feature, with the step it reached it at (Go-Explore: return to a
 * rare state, then explore from there), else any entry (step -1).
 */
function pickParent<E>(corpus: Corpus<E>, rng: Rng): { parent: CorpusEntry<E>; step: number } {
  if (rng.chance(RARE_SHARE)) {
    const feature = corpus.coverage.rareFeature(rng.next());
    if (feature !== -1) return { parent: corpus.entries[corpus.ownerOf[feature]], step: corpus.stepOf[feature] };
  }
  return { parent: corpus.entries[rng.int(corpus.entries.length)], step: -1 };
}

/** Draws run i's plan: fresh, or a mutation of a corpus entry. */
function planRun<E extends ModelEvent>(model: Model<unknown, E, unknown>, seed: string, runIndex: number, corpusAll: Corpus<E>, stepsMax: number): Plan<E> {
  const runSeed = randomRunSeed(seed, runIndex);
  const fresh: Plan<E> = { kind: 'fresh', initSeed: runSeed, mixSeed: runSeed, list: [], faultAt: -1, walkMax: stepsMax };
  const rng = createRng(subSeed(runSeed, 'guided/plan'));
  const corpus = corpusAll.entries;
  if (corpus.length === 0 || rng.chance(FRESH_SHARE)) return fresh;
  const { parent, step } = pickParent(corpusAll, rng);
  const events = parent.events;
  const mixSeed = rng.chance(0.5) ? parent.mixSeed : subSeed(runSeed, 'guided/mix');
  const base = { initSeed: parent.initSeed, mixSeed, faultAt: -1, walkMax: stepsMax };
  // Back to the step where the entry reached a rare feature (or the end of its fault phase, when
  // it reached it later), then a new walk from there, or a fault there.
  if (step >= 0 && rng.chance(EXPLORE_SHARE)) {
    const at = Math.min(step, events.length);
    // A short walk from there (none: the faults end there, and the cluster heals and settles).
    const walkMax = rng.pick(EXPLORE_WALKS_MAX);
    return rng.chance(0.5) ? { ...base, kind: 'extend', list: events.slice(0, at), walkMax } : { ...base, kind: 'insert-fault', list: events.slice(0, at), faultAt: at, walkMax };
  }
  const cut = events.length === 0 ? 0 : rng.int(events.length + 1);
  switch (rng.int(6)) {
    case 0:
      return { ...base, kind: 'extend', list: events.slice(0, cut) };
    case 1: {
      const other = corpus[rng.int(corpus.length)];
      const from = other.events.length === 0 ? 0 : rng.int(other.events.length);
      return { ...base, kind: 'splice', list: [...events.slice(0, cut), ...other.events.slice(from)].slice(0, stepsMax) };
    }
    case 2:
      // The fault, then the rest of the entry (or, half the time, a new walk from there).
      return { ...base, kind: 'insert-fault', list: rng.chance(0.5) ? events.slice(0, stepsMax - 1) : events.slice(0, cut), faultAt: cut };
    case 3: {
      const faults = faultIndices(model, events);
      if (faults.length === 0) return { ...base, kind: 'insert-fault', list: events.slice(0, stepsMax - 1), faultAt: cut };
      const from = faults[rng.int(faults.length)];
      const list = events.slice();
      const [fault] = list.splice(from, 1);
      list.splice(rng.int(list.length + 1), 0, fault);
      return { ...base, kind: 'move-fault', list };
    }
    case 4: {
      const list = events.slice();
      if (list.length >= 2) {
        const i = rng.int(list.length - 1);
        const j = Math.min(list.length - 1, i + 1 + rng.int(REORDER_DISTANCE_MAX));
        [list[i], list[j]] = [list[j], list[i]];
      }
      return { ...base, kind: 'reorder', list };
    }
    default: {
      const list = events.slice();
      list.splice(cut, 1 + rng.int(DELETE_SPAN_MAX));
      return { ...base, kind: 'delete', list };
    }
  }
}

/** Runs one plan, handing every step's state to a fresh coverage observer. */
function runPlan<S, E extends ModelEvent, C>(
  model: Model<S, E, C>,
  config: C,
  judge: Judge<S>,
  plan: Plan<E>,
  options: { stepsMax: number; limits?: RandomSearchOptions['limits'] },
  features: Map<string, number>,
): RunResult<E> {
  const mix = new SwarmMix<E>(plan.mixSeed, (event) => model.isFault(event));
  const rng = createRng(plan.kind === 'fresh' ? subSeed(plan.initSeed, 'choices') : subSeed(plan.mixSeed, `guided/choices:${plan.kind}:${plan.list.length}:${plan.faultAt}`));
  // Steps executed when each feature was first reached in this run.
  let steps = 0;
  const add = (feature: string): void => {
    if (!features.has(feature)) features.set(feature, steps);
  };
  const onStep = model.coverage
    ? (initial: S) => {
        const observer = model.coverage!(initial);
        return (state: S, event: E) => {
          steps++;
          observer.observe(state, event, add);
        };
      }
    : undefined;
  const spec = { model, config, seed: plan.initSeed, judge, stepsMax: options.stepsMax, limits: options.limits, onStep };
  return runModel(spec, planChooser(model as Model<S, E, unknown>, plan, mix, rng));
}

export function guidedSearch<S, E extends ModelEvent, C>(model: Model<S, E, C>, config: C, judge: Judge<S>, options: GuidedSearchOptions): GuidedSearchResult<E> {
  const loop = new RunLoop(options);
  const violations: RandomViolation<E>[] = [];
  const coverage = new CoverageMap();
  const corpus: Corpus<E> = { entries: [], ownerOf: [], stepOf: [], coverage };
  const corpusRng = createRng(subSeed(options.seed, 'guided/corpus'));
  let internalError: RandomSearchResult<E>['internalError'] = null;

  for (let runIndex = 0; !loop.done(); runIndex++) {
    const plan = planRun(model as Model<unknown, E, unknown>, options.seed, runIndex, corpus, options.stepsMax);
    const features = new Map<string, number>();
    const run = runPlan(model, config, judge, plan, options, features);
    loop.counted(run.events.length);
    if (run.internalError !== null) {
      internalError = { ...run.internalError, runSeed: plan.initSeed };
      break;
    }
    // What a run found counts as coverage too: an allowed finding is a near miss of others.
    for (const finding of run.findings) {
      const feature = `finding:${finding.property}:${finding.guaranteed ? 'guaranteed' : 'allowed'}`;
      if (!features.has(feature)) features.set(feature, run.findingSteps[finding.property] ?? run.events.length);
    }
    const known = coverage.size;
    if (coverage.addRun(runIndex, features.keys()) > 0) {
      const entries = corpus.entries;
      const at = entries.length < SEARCH_LIMITS.guidedCorpusMax ? entries.length : corpusRng.int(entries.length);
      entries[at] = { initSeed: plan.initSeed, mixSeed: plan.mixSeed, events: run.faultEvents };
      for (const [feature, step] of features) {
        const f = coverage.indexOf(feature);
        if (f < known) continue;
        corpus.ownerOf[f] = at;
        corpus.stepOf[f] = step;
      }
    }
    if (loop.keeps(run.findings)) {
      violations.push({ runIndex, runSeed: plan.initSeed, run });
      if (loop.enough()) break;
    }
  }
  const status = loop.status({ violations: violations.length, internalError });
  return { status, runs: loop.runs, events: loop.events, violations, internalError, coverage: coverage.summary(loop.runs) };
}
