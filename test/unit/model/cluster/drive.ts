/**
 * Drives the real cluster model through hand-picked event sequences. Every event is taken from
 * `clusterModel.enabled(state)`: a wanted event that is not enabled fails the test with the list
 * of what was enabled and the last steps taken, so a broken sequence says why it broke.
 */
import { clusterModel } from '../../../../model/cluster/index.ts';
import type { ClusterEvent, ClusterState } from '../../../../model/cluster/index.ts';
import type { ReplicaState } from '../../../../model/cluster/types.ts';
import { resolveConfig } from '../../../../model/config.ts';
import type { Rpc } from '../../../../model/network/rpc.ts';

/** One executed step: the event and its describe() line, as a trace shows it. */
export interface Step {
  event: ClusterEvent;
  line: string;
  timeMs: number;
}

const TRACES = new WeakMap<ClusterState, Step[]>();

/** Timeouts short enough that ISR changes and fencing happen within a few dozen events. */
export const FAST = {
  'broker.heartbeat.interval.ms': 1000,
  'broker.session.timeout.ms': 3000,
  'replica.lag.time.max.ms': 2000,
  'replica.fetch.wait.max.ms': 500,
  'request.timeout.ms': 3000,
};

/** A fresh cluster from config overrides (over the defaults). Faults are off unless asked for. */
export function newCluster(overrides: Record<string, unknown> = {}): ClusterState {
  // These tests drive one record per request at the moment it is sent, and non-idempotent sends
  // unless they ask otherwise: the producer defaults (linger.ms=5, idempotence on) are set back.
  const config = resolveConfig({ 'model.faults': 'none', 'linger.ms': 0, 'enable.idempotence': false }, overrides);
  const state = clusterModel.init(config, 'unit');
  TRACES.set(state, []);
  return state;
}

/** Every step applied through this helper to `state`, in order. */
export function traceOf(state: ClusterState): Step[] {
  let trace = TRACES.get(state);
  if (!trace) {
    trace = [];
    TRACES.set(state, trace);
  }
  return trace;
}

/** The trace as describe() lines. */
export function linesOf(state: ClusterState): string[] {
  return traceOf(state).map((s) => s.line);
}

function report(state: ClusterState, what: string): string {
  const enabled = clusterModel.enabled(state).map((e) => `  - ${clusterModel.describe(e, state)}   ${JSON.stringify(e)}`);
  const last = traceOf(state).slice(-15).map((s) => `  ${String(s.timeMs).padStart(6)}ms  ${s.line}`);
  return [`wanted: ${what} (t=${state.nowMs}ms)`, 'enabled:', ...enabled, 'last steps:', ...last].join('\n');
}

/** Applies one event (which must be enabled) and records it in the trace. */
export function applyEvent(state: ClusterState, event: ClusterEvent): Step {
  const line = clusterModel.describe(event, state);
  clusterModel.step(state, event);
  const step = { event, line, timeMs: state.nowMs };
  traceOf(state).push(step);
  return step;
}

/** Applies the first enabled event matching `predicate`; fails with the enabled list if none does. */
export function apply(state: ClusterState, predicate: (event: ClusterEvent) => boolean, what: string): Step {
  const event = clusterModel.enabled(state).find(predicate);
  if (!event) throw new Error(report(state, what));
  return applyEvent(state, event);
}

/** Applies exactly this event, which must be among the enabled ones. */
export function applyExact(state: ClusterState, wanted: ClusterEvent): Step {
  const key = JSON.stringify(wanted);
  return apply(state, (e) => JSON.stringify(e) === key, key);
}

/** The oldest message in flight on from -> to (null when none). */
export function head(state: ClusterState, from: string, to: string): Rpc | null {
  const connection = state.network.connections.find((c) => c.from === from && c.to === to);
  return connection && connection.inFlight.length > 0 ? connection.inFlight[0].body : null;
}

/** Every message body in flight on from -> to, oldest first. */
export function inFlight(state: ClusterState, from: string, to: string): Rpc[] {
  const connection = state.network.connections.find((c) => c.from === from && c.to === to);
  return connection ? connection.inFlight.map((m) => m.body) : [];
}

/** Delivers the oldest message on from -> to and returns its body. */
export function deliverNext(state: ClusterState, from: string, to: string): Rpc {
  const body = head(state, from, to);
  apply(state, (e) => e.type === 'deliver' && e.from === from && e.to === to, `deliver ${from} -> ${to}`);
  if (body === null) throw new Error('unreachable: delivered an empty connection');
  return body;
}

/** Fires the enabled timer whose id equals or starts with `kindOrIdPrefix` ("broker-session:controller:2"). */
export function fireTimer(state: ClusterState, kindOrIdPrefix: string): Step {
  return apply(state, (e) => e.type === 'timer' && (e.id === kindOrIdPrefix || e.id.startsWith(kindOrIdPrefix)), `timer ${kindOrIdPrefix}`);
}

export type Chooser = (events: ClusterEvent[], state: ClusterState) => ClusterEvent | undefined;

const RECOVERY: readonly string[] = ['restart', 'resume', 'heal', 'flush'];

/** No faults, no recovery events, no final read: deliveries first, then sends, then the earliest timers. */
export const chooseFirstNonFault: Chooser = (events) =>
  events.find((e) => !clusterModel.isFault(e) && !RECOVERY.includes(e.type) && e.type !== 'final-read');

/** As chooseFirstNonFault, but the workload does not send either. */
export const chooseQuiet: Chooser = (events, state) => chooseFirstNonFault(events.filter((e) => e.type !== 'send'), state);

/** `base`, skipping the events `skip` rejects (e.g. holding one connection's messages). */
export function avoiding(skip: (event: ClusterEvent, state: ClusterState) => boolean, base: Chooser = chooseFirstNonFault): Chooser {
  return (events, state) => base(events.filter((e) => !skip(e, state)), state);
}

/** Skips deliveries on from -> to (optionally only when the head message has type `rpcType`). */
export function holding(from: string, to: string, rpcType?: Rpc['type']): (event: ClusterEvent, state: ClusterState) => boolean {
  return (event, state) => event.type === 'deliver' && event.from === from && event.to === to && (rpcType === undefined || head(state, from, to)?.type === rpcType);
}

/**
 * Steps with `choose` until `predicate` holds; returns the steps taken. Fails with the enabled
 * list if the chooser finds nothing, or after `stepsMax` steps.
 */
export function runUntil(state: ClusterState, predicate: (state: ClusterState) => boolean, choose: Chooser = chooseFirstNonFault, stepsMax = 2000): Step[] {
  const steps: Step[] = [];
  while (!predicate(state)) {
    if (steps.length >= stepsMax) throw new Error(report(state, `predicate within ${stepsMax} steps`));
    const event = choose(clusterModel.enabled(state), state);
    if (!event) throw new Error(report(state, 'an event the chooser accepts'));
    steps.push(applyEvent(state, event));
  }
  return steps;
}

/** Broker `brokerId`'s replica of `partition` (throws if it hosts none). */
export function replica(state: ClusterState, brokerId: number, partition = 0): ReplicaState {
  const found = state.brokers[brokerId - 1].replicas[partition];
  if (!found) throw new Error(`broker ${brokerId} hosts no replica of p${partition}`);
  return found;
}

/** A replica's log as "value@epoch" words, the way kafka-dump-log lists offsets in order. */
export function logOf(state: ClusterState, brokerId: number, partition = 0): string[] {
  return replica(state, brokerId, partition).log.map((e) => `${e.value}@${e.epoch}`);
}

/** The history's send ops, by value. */
export function sendOp(state: ClusterState, value: string) {
  const op = state.history.ops.find((o) => o.type === 'send' && o.value === value);
  if (!op || op.type !== 'send') throw new Error(`no send of ${value}`);
  return op;
}

/** True when the enabled list has an event of this type. */
export function isEnabled(state: ClusterState, predicate: (event: ClusterEvent) => boolean): boolean {
  return clusterModel.enabled(state).some(predicate);
}

/** Fails unless `wanted` appear in `lines` in this order (other lines may come between). */
export function expectInOrder(lines: string[], wanted: string[]): void {
  let from = 0;
  for (const line of wanted) {
    const index = lines.indexOf(line, from);
    if (index < 0) throw new Error(`expected "${line}" after line ${from} of:\n${lines.join('\n')}`);
    from = index + 1;
  }
}

/**
 * The race behind INELIGIBLE_REPLICA whatever the release: broker 3 leaves the ISR (cut off from
 * leader 1, which writes v1 with acks=1), then is fenced (cut off from the controller too), and the leader has not yet applied
 * the metadata that says so when the cut heals and broker 3's fetch catches up: the leader
 * proposes {1,2,3} on the strength of a registration it still believes unfenced. Returns with that
 * AlterPartition at the head of broker-1 → controller, the controller's answers to broker 1 not yet
 * delivered.
 */
export function fencedFollowerProposed(overrides: Record<string, unknown> = {}): ClusterState {
  const state = newCluster({ ...FAST, acks: 1, 'model.records': 1, 'model.faults': 'link', 'model.faults.max': 10, ...overrides });
  applyExact(state, { type: 'partition', a: ['broker-1'], b: ['broker-3'], oneWay: false });
  applyExact(state, { type: 'send', producer: 'producer-1' });
  runUntil(state, (s) => s.controller.partitions[0].isr.length === 2 && replica(s, 1).isr.length === 2 && replica(s, 1).isrChange === null, chooseQuiet);
  applyExact(state, { type: 'partition', a: ['controller'], b: ['broker-3'], oneWay: false });
  const holdLeaderMetadata = avoiding(holding('controller', 'broker-1'), chooseQuiet);
  runUntil(state, (s) => s.controller.brokers[2].fenced, chooseQuiet);
  applyExact(state, { type: 'heal' });
  runUntil(state, (s) => head(s, 'broker-1', 'controller')?.type === 'AlterPartition', holdLeaderMetadata);
  return state;
}
