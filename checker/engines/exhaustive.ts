/**
 * The exhaustive engine: breadth-first search over model.enabled with fingerprint
 * deduplication, bounded by depthMax and statesMax. Every new state is judged (afterStep); a
 * state with a finding is not expanded. With completeEachState (the default), every new state
 * is also completed on a clone — heal, settle, final read, judge.atEnd, as in run.ts — so
 * history properties are checked at every reachable point, each distinct state once.
 *
 * Because the search is breadth-first, the first violation of a property has the shortest
 * possible prefix: a state invariant's trace is a shortest path to a violating state; a history
 * property's trace is a shortest prefix plus its deterministic completion.
 *
 * Only the frontier holds states; every discovered state keeps its fingerprint and a parent
 * link (parent index + event), from which a violating path is rebuilt and re-described.
 */
import type { Model, ModelEvent } from '../../model/kernel/model.ts';
import type { TraceStep } from '../../model/kernel/trace.ts';
import type { RunStatus } from '../api.ts';
import type { Finding, Judge } from '../judge.ts';
import { SEARCH_LIMITS } from '../limits.ts';
import { eventKey } from '../eventKey.ts';
import { toInternalError, type InternalError } from '../internalError.ts';
import { completeRun, Execution, type RunResult } from '../run.ts';
import { searchStatus, stopAtFirst, type SearchOptions } from '../search.ts';
import { startWallBudget, throttle } from '../wallClock.ts';

export interface ExhaustiveOptions extends SearchOptions {
  /** The seed given to model.init. */
  seed: string;
  depthMax: number;
  statesMax: number;
  /** Run the deterministic completion (and judge.atEnd) from every new state. Default true. */
  completeEachState?: boolean;
}

export interface ExhaustiveViolation<E extends ModelEvent> {
  /** Depth of the state whose judgement (or completion) found it. */
  depth: number;
  /** True when found by the completion from that state, false when by its invariants. */
  byCompletion: boolean;
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
  /** Approximate memory kept per distinct state: fingerprint plus parent link. */
  bytesPerState: number;
  /** Most states held in the frontier at once. */
  frontierPeak: number;
  durationMs: number;
  violations: ExhaustiveViolation<E>[];
  internalError: (InternalError & { events: E[] }) | null;
}

/** Rough per-entry overhead of a Set string entry and two array slots, in bytes. */
const ENTRY_OVERHEAD_BYTES = 64;
/** How often (in new states) the wall-clock budget and the abort signal are looked at. */
const BUDGET_CHECK_EVERY_STATES = 256;

interface FrontierItem<S> {
  state: S;
  node: number;
  depth: number;
}

/** Re-executes a path from the initial state to describe each event (before it happens). */
function describePath<S, E extends ModelEvent, C>(model: Model<S, E, C>, config: C, seed: string, events: readonly E[]): TraceStep<E>[] {
  const state = model.init(config, seed);
  return events.map((event, i) => {
    const description = model.describe(event, state);
    model.step(state, event);
    return { index: i + 1, timeMs: model.nowMs(state), event, description };
  });
}

export function exhaustiveSearch<S, E extends ModelEvent, C>(model: Model<S, E, C>, config: C, judge: Judge<S>, options: ExhaustiveOptions): ExhaustiveResult<E> {
  const stopWhen = options.stopWhen ?? stopAtFirst;
  const completeEachState = options.completeEachState ?? true;
  const budget = startWallBudget(options.timeMs);
  const progressDue = throttle(SEARCH_LIMITS.progressIntervalMs);
  const found = new Set<string>();
  const violations: ExhaustiveViolation<E>[] = [];
  const visited = new Set<string>();
  /** Parent links: node i was reached from parents[i] by events[i] (the root: -1, null). */
  const parents: number[] = [];
  const events: (E | null)[] = [];
  let frontier: (FrontierItem<S> | undefined)[] = [];
  let head = 0;
  let transitions = 0;
  let depthReached = 0;
  let frontierPeak = 0;
  let retainedBytes = 0;
  let complete = true;
  let interrupted = false;
  let budgetExhausted = false;
  let stopped = false;
  let internalError: ExhaustiveResult<E>['internalError'] = null;

  const pathTo = (node: number): E[] => {
    const path: E[] = [];
    for (let n = node; n > 0; n = parents[n]) path.push(events[n]!);
    return path.reverse();
  };

  const record = (node: number, depth: number, findings: Finding[], completion: Execution<S, E> | null): void => {
    if (!findings.some((f) => !found.has(f.property))) return;
    for (const f of findings) found.add(f.property);
    const prefix = pathTo(node);
    const trace = describePath(model, config, options.seed, prefix);
    for (const step of completion?.trace ?? []) trace.push({ ...step, index: trace.length + 1 });
    violations.push({
      depth,
      byCompletion: completion !== null,
      run: { seed: options.seed, trace, faultEvents: prefix, findings, findingStep: trace.length, phase: completion?.phase ?? 'fault', internalError: null },
    });
    if (stopWhen(found)) stopped = true;
  };

  let current: { node: number; event: E | null; completion: Execution<S, E> | null } = { node: 0, event: null, completion: null };
  try {
    const root = model.init(config, options.seed);
    const rootFingerprint = model.fingerprint(root);
    visited.add(rootFingerprint);
    parents.push(-1);
    events.push(null);
    retainedBytes += rootFingerprint.length * 2 + ENTRY_OVERHEAD_BYTES;
    frontier.push({ state: root, node: 0, depth: 0 });

    search: while (head < frontier.length) {
      const item = frontier[head]!;
      frontier[head++] = undefined;
      if (head > 4096 && head * 2 > frontier.length) {
        frontier = frontier.slice(head);
        head = 0;
      }
      const enabled = model.enabled(item.state);
      for (let i = 0; i < enabled.length; i++) {
        const event = enabled[i];
        current = { node: item.node, event, completion: null };
        const next = i === enabled.length - 1 ? item.state : model.clone(item.state);
        model.step(next, event);
        transitions++;
        const fingerprint = model.fingerprint(next);
        if (visited.has(fingerprint)) continue;
        if (visited.size >= options.statesMax) {
          budgetExhausted = true;
          break search;
        }
        visited.add(fingerprint);
        const node = parents.length;
        parents.push(item.node);
        events.push(event);
        retainedBytes += (fingerprint.length + eventKey(event).length) * 2 + ENTRY_OVERHEAD_BYTES;
        const depth = item.depth + 1;
        depthReached = Math.max(depthReached, depth);
        current = { node, event: null, completion: null };

        const findings = judge.afterStep(next);
        if (findings.length > 0) {
          record(node, depth, findings, null);
          if (stopped) break search;
          continue;
        }
        if (completeEachState) {
          const completion = new Execution(model as Model<S, E, unknown>, judge, model.clone(next));
          current = { node, event: null, completion };
          const completionFindings = completeRun(completion, options.limits);
          if (completionFindings.length > 0) record(node, depth, completionFindings, completion);
          if (stopped) break search;
          current = { node, event: null, completion: null };
        }
        if (depth < options.depthMax) {
          frontier.push({ state: next, node, depth });
          frontierPeak = Math.max(frontierPeak, frontier.length - head);
        } else if (model.enabled(next).length > 0) {
          complete = false;
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
    const prefix = pathTo(current.node);
    const tail = current.event !== null ? [current.event] : (current.completion?.trace.map((s) => s.event) ?? []);
    const stepWithin = current.completion ? current.completion.errorStep() : current.event !== null ? 1 : 0;
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
    durationMs,
    violations,
    internalError,
  };
}
