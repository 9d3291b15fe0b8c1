/**
 * The exhaustive engine: breadth-first search over model.enabled with fingerprint
 * deduplication, bounded by depthMax and statesMax. Every new state is judged (afterStep). A
 * state with a guaranteed finding (a bug under this config) is not expanded; findings Kafka does
 * not guarantee against are recorded and the search goes on through that state, as a run goes
 * on past them (run.ts), so the history properties they lead to are still found.
 *
 * With completeEachState (the default), new states are also completed on a clone — heal,
 * settle, final read, judge.atEnd, as in run.ts — so history properties are checked at every
 * reachable point, each distinct state once. A completion is costly (tens of steps), so when
 * the model says when its workload is done (model.workloadDone), only states where it is done
 * are completed: an earlier state's completion would mostly replay the rest of the workload.
 *
 * Because the search is breadth-first, the first violation of a property has the shortest
 * possible prefix: a state invariant's trace is a shortest path to a violating state; a history
 * property's trace is a shortest prefix plus its deterministic completion. Each property keeps
 * its first (shortest) violation; the search goes on until stopWhen says so.
 *
 * Only the frontier holds states; every discovered state keeps its fingerprint and a parent
 * link (parent index + an index into a table of distinct events), from which a violating path
 * is rebuilt and re-executed, described. The frontier holds at most
 * SEARCH_LIMITS.frontierStatesHeldMax states whole; past that, an entry keeps only its node, and
 * its state is rebuilt from the initial state along its path when it is expanded.
 *
 * With `reduction` (and a model with a footprint), partial-order reduction by sleep sets
 * (Godefroid 1996, with state matching): an event explored at a state, or asleep there, stays
 * asleep in a successor reached by an event independent of it (disjoint footprints), because the
 * other order reaches the same states. Sleep sets prune transitions, not states: every state
 * within the bounds is still visited, at the same depth, so the search sees the same states for
 * less work (fewer clones, steps and fingerprints). A state met again with a smaller sleep set
 * than it was expanded with is expanded again for the events it slept on. Because the argument
 * needs the other order's intermediate states expanded, with reduction a state with a guaranteed
 * finding is expanded too (without it, such a state is a leaf).
 */
import type { Model, ModelEvent } from '../../model/kernel/model.ts';
import type { RunStatus } from '../api.ts';
import type { Finding, Judge } from '../judge.ts';
import { SEARCH_LIMITS } from '../limits.ts';
import { toInternalError, type InternalError } from '../internalError.ts';
import { completeRun, Execution, resultOf, type RunResult } from '../run.ts';
import { FoundProperties, searchStatus, stopAtFirst, type SearchOptions } from '../search.ts';
import { startWallBudget, throttle } from '../wallClock.ts';

export interface ExhaustiveOptions extends SearchOptions {
  /** The seed given to model.init. */
  seed: string;
  depthMax: number;
  statesMax: number;
  /**
   * Run the deterministic completion (and judge.atEnd) from new states: every one, or, when the
   * model has workloadDone, those where the workload is done. Default true.
   */
  completeEachState?: boolean;
  /** Partial-order reduction by sleep sets, when the model has a footprint. Default false. */
  reduction?: boolean;
  /** Frontier states held whole (default SEARCH_LIMITS.frontierStatesHeldMax); the rest are rebuilt. */
  frontierStatesHeldMax?: number;
}

/** What partial-order reduction did. */
export interface ReductionStats {
  method: 'sleep-sets';
  /** Enabled events not applied because they were asleep (their successors are reached another way). */
  transitionsPruned: number;
  /** States expanded again because they were met with a smaller sleep set. */
  statesReexpanded: number;
}

export interface ExhaustiveViolation<E extends ModelEvent> {
  /** Depth of the state whose judgement (or completion) found it. */
  depth: number;
  /** True when found by the completion from that state, false when by its invariants. */
  byCompletion: boolean;
  /** The properties first found here (the run may show others, found earlier). */
  properties: string[];
  /** The path to the state (and its completion), re-executed and described. */
  run: RunResult<E>;
}

export interface ExhaustiveResult<E extends ModelEvent> {
  status: RunStatus;
  statesDistinct: number;
  /** Events applied during the search (completions not counted). */
  transitions: number;
  depthReached: number;
  /** True when the whole reachable space was explored: no depth or state bound cut it. */
  complete: boolean;
  statesPerSecond: number;
  /** Approximate memory kept per distinct state: fingerprint, parent link, its share of the event table. */
  bytesPerState: number;
  /** Most states held in the frontier at once. */
  frontierPeak: number;
  /** Frontier states rebuilt from the initial state along their path (past frontierStatesHeldMax). */
  statesRebuilt: number;
  /** States completed (heal, settle, final read, judge.atEnd). */
  completions: number;
  /** Partial-order reduction's work saved, or null when the search ran without it. */
  reduction: ReductionStats | null;
  durationMs: number;
  violations: ExhaustiveViolation<E>[];
  internalError: (InternalError & { events: E[] }) | null;
}

/** Rough overhead of a Set string entry and two array slots (or an event table entry), in bytes. */
const ENTRY_OVERHEAD_BYTES = 64;
/** How often (in new states) the wall-clock budget and the abort signal are looked at. */
const BUDGET_CHECK_EVERY_STATES = 256;

interface FrontierItem<S> {
  /** The state, or null when it is to be rebuilt from the initial state along its path. */
  state: S | null;
  node: number;
  depth: number;
  /** A re-expansion: only these events (indices in the event table); null: a first expansion. */
  only: number[] | null;
}

/** Expansion status of a discovered state (reduction only). */
const PENDING = 0;
const EXPANDED = 1;
const LEAF = 2;

function disjoint(a: readonly string[], b: readonly string[]): boolean {
  for (let i = 0; i < a.length; i++) if (b.includes(a[i])) return false;
  return true;
}

/** The members of `a` not in `b`. */
function minus(a: readonly number[], b: readonly number[]): number[] {
  return a.filter((x) => !b.includes(x));
}

/**
 * Re-executes the path to a state from the initial state, described, judging every step as a
 * run does; with `completion`, then completes it. Deterministic, so it shows what the search saw.
 */
function describedRun<S, E extends ModelEvent, C>(
  model: Model<S, E, C>,
  config: C,
  judge: Judge<S>,
  options: ExhaustiveOptions,
  path: readonly E[],
  completion: boolean,
): RunResult<E> {
  const exec = new Execution(model as Model<S, E, unknown>, judge, model.init(config, options.seed), { describe: true });
  for (const event of path) {
    exec.faultSteps++;
    exec.apply(event);
  }
  if (completion) completeRun(exec, options.limits);
  return resultOf(options.seed, exec, null);
}

export function exhaustiveSearch<S, E extends ModelEvent, C>(model: Model<S, E, C>, config: C, judge: Judge<S>, options: ExhaustiveOptions): ExhaustiveResult<E> {
  const stopWhen = options.stopWhen ?? stopAtFirst;
  const completeEachState = options.completeEachState ?? true;
  const workloadDone = model.workloadDone?.bind(model);
  const budget = startWallBudget(options.timeMs);
  const progressDue = throttle(SEARCH_LIMITS.progressIntervalMs);
  const found = new FoundProperties();
  const violations: ExhaustiveViolation<E>[] = [];
  const footprint = options.reduction ? model.footprint?.bind(model) : undefined;
  const reduction: ReductionStats | null = footprint ? { method: 'sleep-sets', transitionsPruned: 0, statesReexpanded: 0 } : null;
  /** Fingerprint -> node. */
  const visited = new Map<string, number>();
  /** Reduction only: per node, its sleep set (event table indices; undefined: empty) and expansion status. */
  const sleepOf: (number[] | undefined)[] = [];
  const statusOf: number[] = [];
  const depthOf: number[] = [];
  /** Parent links: node i was reached from parents[i] by eventTable[eventOf[i]] (the root: -1, -1). */
  const parents: number[] = [];
  const eventOf: number[] = [];
  /** Every distinct event seen on a link, once; eventIndex maps its JSON to its index. */
  const eventTable: E[] = [];
  const eventIndex = new Map<string, number>();
  let frontier: (FrontierItem<S> | undefined)[] = [];
  let head = 0;
  let transitions = 0;
  let completions = 0;
  let depthReached = 0;
  let frontierPeak = 0;
  const heldMax = options.frontierStatesHeldMax ?? SEARCH_LIMITS.frontierStatesHeldMax;
  /** Frontier entries holding their state whole. */
  let statesHeld = 0;
  let statesRebuilt = 0;
  /** A frontier entry: the state itself while few are held, else null (rebuilt when expanded). */
  const held = (state: S): S | null => {
    if (statesHeld >= heldMax) return null;
    statesHeld++;
    return state;
  };
  let retainedBytes = 0;
  let complete = true;
  let interrupted = false;
  let budgetExhausted = false;
  let stopped = false;
  let internalError: ExhaustiveResult<E>['internalError'] = null;

  const pathTo = (node: number): E[] => {
    const path: E[] = [];
    for (let n = node; n > 0; n = parents[n]) path.push(eventTable[eventOf[n]]);
    return path.reverse();
  };

  /** Reduction: table indices of events seen as objects before (prebuilt events are shared). */
  const internedObjects = new WeakMap<object, number>();
  const internEventObject = (event: E): number => {
    let index = internedObjects.get(event);
    if (index === undefined) {
      index = internEvent(event);
      internedObjects.set(event, index);
    }
    return index;
  };

  const internEvent = (event: E): number => {
    const json = JSON.stringify(event);
    let index = eventIndex.get(json);
    if (index === undefined) {
      index = eventTable.length;
      eventTable.push(event);
      eventIndex.set(json, index);
      retainedBytes += json.length * 2 + ENTRY_OVERHEAD_BYTES;
    }
    return index;
  };

  /** Keeps the first violation of each property not found before (or first found guaranteed). */
  const record = (node: number, depth: number, findings: readonly Finding[], byCompletion: boolean): void => {
    const fresh = findings.filter((f) => found.isNew(f));
    if (fresh.length === 0) return;
    for (const f of fresh) found.add(f);
    const run = describedRun(model, config, judge, options, pathTo(node), byCompletion);
    violations.push({ depth, byCompletion, properties: fresh.map((f) => f.property), run });
    if (stopWhen(found.names)) stopped = true;
  };

  // What was being done, should the model or a judge throw: the node, the event applied to it
  // (null once applied), the completion being run from it.
  let currentNode = 0;
  let currentEvent: E | null = null;
  let currentCompletion: Execution<S, E> | null = null;
  try {
    const root = model.init(config, options.seed);
    /** The initial state, kept to rebuild the frontier states not held (the root itself is expanded). */
    const initial = model.clone(root);
    const rebuild = (node: number): S => {
      const state = model.clone(initial);
      for (const event of pathTo(node)) model.step(state, event);
      statesRebuilt++;
      return state;
    };
    const rootFingerprint = model.fingerprint(root);
    visited.set(rootFingerprint, 0);
    parents.push(-1);
    eventOf.push(-1);
    retainedBytes += rootFingerprint.length * 2 + ENTRY_OVERHEAD_BYTES;
    if (reduction) {
      sleepOf.push(undefined);
      statusOf.push(PENDING);
      depthOf.push(0);
    }
    frontier.push({ state: held(root), node: 0, depth: 0, only: null });

    search: while (head < frontier.length) {
      const entry = frontier[head]!;
      frontier[head++] = undefined;
      if (entry.state !== null) statesHeld--;
      const item = { ...entry, state: entry.state ?? rebuild(entry.node) };
      if (head > 4096 && head * 2 > frontier.length) {
        frontier = frontier.slice(head);
        head = 0;
      }
      const enabled = model.enabled(item.state);
      // With reduction: each event's table index and footprint here, which of them to apply
      // (not asleep; on a re-expansion, only those asked), and the ones applied so far.
      let keys: number[] | null = null;
      let footprints: (readonly string[] | null)[] | null = null;
      let apply: boolean[] | null = null;
      let sleep: readonly number[] = [];
      const done: number[] = [];
      let last = enabled.length - 1;
      if (footprint) {
        currentNode = item.node;
        footprints = enabled.map((event) => footprint(item.state, event));
        // An event with no footprint is never asleep and never put to sleep: it needs no index.
        keys = enabled.map((event, i) => (footprints![i] === null ? -1 : internEventObject(event)));
        sleep = sleepOf[item.node] ?? [];
        const only = item.only;
        apply = keys.map((key) => (only === null ? key < 0 || !sleep.includes(key) : only.includes(key)));
        if (only === null) reduction!.transitionsPruned += apply.filter((a) => !a).length;
        statusOf[item.node] = EXPANDED;
        while (last >= 0 && !apply[last]) last--;
      }
      for (let i = 0; i < enabled.length; i++) {
        if (apply !== null && !apply[i]) continue;
        const event = enabled[i];
        currentNode = item.node;
        currentEvent = event;
        const next = i === last ? item.state : model.clone(item.state);
        model.step(next, event);
        transitions++;
        // The successor's sleep set: what slept here or was applied before, independent of this event.
        let childSleep: number[] | undefined;
        if (keys !== null && footprints !== null) {
          const mine = footprints[i];
          if (mine !== null) {
            for (let j = 0; j < enabled.length; j++) {
              if (j === i) continue;
              const theirs = footprints[j];
              if (theirs === null || !(done.includes(j) || sleep.includes(keys[j])) || !disjoint(mine, theirs)) continue;
              (childSleep ??= []).push(keys[j]);
            }
          }
          done.push(i);
        }
        const fingerprint = model.fingerprint(next);
        const seen = visited.get(fingerprint);
        if (seen !== undefined) {
          if (reduction) {
            // Asleep now only what slept on every way here; an expanded state wakes the rest.
            const before = sleepOf[seen] ?? [];
            const woken = minus(before, childSleep ?? []);
            if (woken.length > 0) {
              const kept = minus(before, woken);
              sleepOf[seen] = kept.length > 0 ? kept : undefined;
              if (statusOf[seen] === EXPANDED) {
                reduction.statesReexpanded++;
                frontier.push({ state: held(next), node: seen, depth: depthOf[seen], only: woken });
              }
            }
          }
          continue;
        }
        if (visited.size >= options.statesMax) {
          budgetExhausted = true;
          break search;
        }
        const node = parents.length;
        visited.set(fingerprint, node);
        parents.push(item.node);
        eventOf.push(internEvent(event));
        retainedBytes += fingerprint.length * 2 + ENTRY_OVERHEAD_BYTES;
        const depth = item.depth + 1;
        if (reduction) {
          sleepOf.push(childSleep);
          statusOf.push(LEAF);
          depthOf.push(depth);
          if (childSleep) retainedBytes += childSleep.length * 8;
        }
        if (depth > depthReached) depthReached = depth;
        currentNode = node;
        currentEvent = null;

        const findings = judge.afterStep(next);
        if (findings.length > 0) {
          record(node, depth, findings, false);
          if (stopped) break search;
          // A guaranteed finding is a bug under this config: nothing past it is worth exploring
          // (with reduction it is explored all the same; see the top of this file).
          if (!reduction && findings.some((f) => f.guaranteed)) continue;
        }
        const expand = depth < options.depthMax;
        if (!expand && complete && model.enabled(next).length > 0) complete = false;
        if (completeEachState && (workloadDone === undefined || workloadDone(next))) {
          // A state at the depth bound is not kept, so its completion may use it up.
          const completion = new Execution(model as Model<S, E, unknown>, judge, expand ? model.clone(next) : next);
          currentCompletion = completion;
          completeRun(completion, options.limits);
          completions++;
          if (completion.findings.length > 0) record(node, depth, completion.findings, true);
          if (stopped) break search;
          currentCompletion = null;
        }
        if (expand) {
          if (reduction) statusOf[node] = PENDING;
          frontier.push({ state: held(next), node, depth, only: null });
          if (frontier.length - head > frontierPeak) frontierPeak = frontier.length - head;
        }
        if (visited.size % BUDGET_CHECK_EVERY_STATES === 0) {
          if (options.signal?.aborted) {
            interrupted = true;
            break search;
          }
          if (budget.expired()) {
            budgetExhausted = true;
            break search;
          }
          if (options.onProgress && progressDue()) options.onProgress({ runsDone: visited.size, runsTotal: options.statesMax, events: transitions });
        }
      }
    }
  } catch (error) {
    const prefix = pathTo(currentNode);
    const tail = currentEvent !== null ? [currentEvent] : (currentCompletion?.events ?? []);
    const stepWithin = currentCompletion ? currentCompletion.errorStep() : currentEvent !== null ? 1 : 0;
    internalError = { ...toInternalError(error, prefix.length + stepWithin, options.seed), events: [...prefix, ...tail] };
  }
  if (budgetExhausted || interrupted || stopped || internalError) complete = false;

  const durationMs = budget.elapsedMs();
  const statesDistinct = visited.size;
  options.onProgress?.({ runsDone: statesDistinct, runsTotal: options.statesMax, events: transitions });
  return {
    status: searchStatus({ violations: violations.length, internalError, interrupted, budgetExhausted }),
    statesDistinct,
    transitions,
    depthReached,
    complete,
    statesPerSecond: Math.round((statesDistinct * 1000) / Math.max(1, durationMs)),
    bytesPerState: Math.round(retainedBytes / Math.max(1, statesDistinct)),
    frontierPeak,
    statesRebuilt,
    completions,
    reduction,
    durationMs,
    violations,
    internalError,
  };
}
