/**
 * enabled(state): every event that can happen next, in a deterministic order: deliveries (by
 * connection key), workload sends, due timers (the earliest due time among live owners), recovery
 * events (restart, resume, heal, OS flush), faults within the run's fault mix and budget, and the
 * final read once the cluster has settled.
 */
import { isBlocked } from '../network/network.ts';
import { CONTROLLER, brokerIdOf, brokerNode } from '../network/nodes.ts';
import { canAddPartition, isElectable } from './controller.ts';
import { isClusterDynamicKey } from './alterConfig.ts';
import type { ClusterEvent } from './events.ts';
import { isSettled } from './settled.ts';
import type { BrokerState, ClusterState } from './types.ts';

function canReceive(state: ClusterState, node: string): boolean {
  if (node.charCodeAt(0) !== 98 /* 'b' */) return true;
  return state.brokers[brokerIdOf(node) - 1].status === 'running';
}

/** Brokers down: crashed, stopped, or restarted but not yet registered again. */
export function downCount(state: ClusterState): number {
  let count = 0;
  for (const broker of state.brokers) if (broker.status === 'crashed' || broker.status === 'stopped' || broker.brokerEpoch === -1) count++;
  return count;
}

/**
 * Fault events that depend only on the config, built once per config and shared (events are
 * immutable data): per broker crash/pause/shutdown, per node isolation, per link cut.
 */
interface StaticFaults {
  nodes: string[];
  crashKill: ClusterEvent[];
  crashPower: ClusterEvent[];
  shutdown: ClusterEvent[];
  pause: ClusterEvent[];
  isolate: { node: string; others: string[]; event: ClusterEvent }[];
  /** Two-way splits of the controller and brokers into two groups of two or more. */
  split: { a: string[]; b: string[]; event: ClusterEvent }[];
  link: { a: string; b: string; event: ClusterEvent }[];
  oneWay: { a: string; b: string; event: ClusterEvent }[];
  restart: ClusterEvent[];
  resume: ClusterEvent[];
  flush: ClusterEvent[];
  elect: ClusterEvent[][][];
  /** One event per alteration of a cluster key in model.alter.configs, in the order given. */
  alterConfig: Extract<ClusterEvent, { type: 'alter-config' }>[];
}

const STATIC_FAULTS = new WeakMap<object, StaticFaults>();

function staticFaults(state: ClusterState): StaticFaults {
  const cached = STATIC_FAULTS.get(state.config);
  if (cached) return cached;
  const brokerIds = state.brokers.map((b) => b.id);
  const nodes = [CONTROLLER, ...brokerIds.map(brokerNode), ...state.producers.map((p) => p.clientId)];
  const serverNodes = nodes.filter((n) => n === CONTROLLER || brokerIdOf(n) > 0);
  const link: StaticFaults['link'] = [];
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++) {
      const a = nodes[i];
      const b = nodes[j];
      if (brokerIdOf(a) < 0 && brokerIdOf(b) < 0) continue; // clients talk only to brokers
      link.push({ a, b, event: { type: 'partition', a: [a], b: [b], oneWay: false } });
    }
  }
  const oneWay: StaticFaults['oneWay'] = [];
  for (const a of serverNodes) for (const b of serverNodes) if (a !== b) oneWay.push({ a, b, event: { type: 'partition', a: [a], b: [b], oneWay: true } });
  const split: StaticFaults['split'] = [];
  const servers = serverNodes.length;
  for (let mask = 1; mask < 1 << servers; mask++) {
    const a = serverNodes.filter((_, i) => (mask >> i) & 1);
    const b = serverNodes.filter((_, i) => !((mask >> i) & 1));
    // Each split once: groups of two or more, the first group the smaller (holding node 0 on a tie).
    if (a.length < 2 || b.length < 2 || a.length > b.length || (a.length === b.length && !(mask & 1))) continue;
    split.push({ a, b, event: { type: 'partition', a, b, oneWay: false } });
  }
  const built: StaticFaults = {
    nodes,
    crashKill: brokerIds.map((broker) => ({ type: 'crash', broker, kind: 'kill' })),
    crashPower: brokerIds.map((broker) => ({ type: 'crash', broker, kind: 'power' })),
    shutdown: brokerIds.map((broker) => ({ type: 'shutdown', broker })),
    pause: brokerIds.map((broker) => ({ type: 'pause', broker })),
    isolate: nodes.map((node) => {
      const others = nodes.filter((n) => n !== node);
      return { node, others, event: { type: 'partition', a: [node], b: others, oneWay: false } };
    }),
    split,
    link,
    oneWay,
    restart: brokerIds.map((broker) => ({ type: 'restart', broker })),
    resume: brokerIds.map((broker) => ({ type: 'resume', broker })),
    flush: brokerIds.map((broker) => ({ type: 'flush', broker })),
    elect: state.controller.partitions.map((meta) => brokerIds.map((broker) => [{ type: 'elect', partition: meta.partition, broker }])),
    alterConfig: state.config['model.alter.configs'].flatMap((a) => (isClusterDynamicKey(a.key) ? [{ type: 'alter-config' as const, key: a.key, value: a.value }] : [])),
  };
  STATIC_FAULTS.set(state.config, built);
  return built;
}

/** The delivery of the connection's oldest message, or null when it holds none or cannot deliver now. */
function deliverEvent(state: ClusterState, connection: ClusterState['network']['connections'][number]): ClusterEvent | null {
  if (connection.inFlight.length === 0) return null;
  if (isBlocked(state.network, connection.from, connection.to)) return null;
  if (!canReceive(state, connection.to)) return null;
  return { type: 'deliver', from: connection.from, to: connection.to, id: connection.inFlight[0].id };
}

/** The recovery event of broker index i (restart when down, resume when paused), or null. */
function recoveryEvent(state: ClusterState, fixed: StaticFaults, i: number): ClusterEvent | null {
  const status = state.brokers[i].status;
  if (status === 'crashed' || status === 'stopped') return fixed.restart[i];
  if (status === 'paused') return fixed.resume[i];
  return null;
}

/** The OS write-back of broker index i when power losses are in the mix and it has unflushed records, or null. */
function flushEvent(state: ClusterState, fixed: StaticFaults, i: number): ClusterEvent | null {
  return state.brokers[i].status === 'running' && hasUnflushed(state.brokers[i]) ? fixed.flush[i] : null;
}

export function enabledEvents(state: ClusterState): ClusterEvent[] {
  const events: ClusterEvent[] = [];
  for (const connection of state.network.connections) {
    const event = deliverEvent(state, connection);
    if (event !== null) events.push(event);
  }
  for (const producer of state.producers) {
    if (producer.workloadNext < producer.workloadSize) events.push({ type: 'send', producer: producer.clientId });
  }
  // Timers are sorted by (dueMs, id): the first live owner's timer fixes the earliest due time.
  let dueMin = -1;
  for (const timer of state.timers) {
    if (dueMin !== -1 && timer.dueMs > dueMin) break;
    if (!canReceive(state, timer.node)) continue;
    dueMin = timer.dueMs;
    events.push({ type: 'timer', id: timer.id });
  }
  const faults = state.config['model.faults'];
  const fixed = staticFaults(state);
  for (let i = 0; i < state.brokers.length; i++) {
    const event = recoveryEvent(state, fixed, i);
    if (event !== null) events.push(event);
  }
  if (state.network.blocked.length > 0) events.push(HEAL);
  if (faults.includes('power')) {
    for (let i = 0; i < state.brokers.length; i++) {
      const event = flushEvent(state, fixed, i);
      if (event !== null) events.push(event);
    }
  }
  if (state.faultCounts.total < state.config['model.faults.max'] && faults.length > 0) pushFaults(state, events, fixed);
  if (state.reader.phase === 'idle' && isSettled(state)) events.push(FINAL_READ);
  return events;
}

/**
 * enabledEvents(state).find((e) => !isFault(e)), without listing every event: the same order
 * (deliveries, sends, timers, restarts and resumes, heal, OS write-backs, the final read) up to
 * the first one, and the faults, which come between the write-backs and the final read, skipped.
 * Settling and the final read ask it at every step.
 */
export function firstNonFaultEvent(state: ClusterState): ClusterEvent | null {
  for (const connection of state.network.connections) {
    const event = deliverEvent(state, connection);
    if (event !== null) return event;
  }
  for (const producer of state.producers) {
    if (producer.workloadNext < producer.workloadSize) return { type: 'send', producer: producer.clientId };
  }
  for (const timer of state.timers) if (canReceive(state, timer.node)) return { type: 'timer', id: timer.id };
  const fixed = staticFaults(state);
  for (let i = 0; i < state.brokers.length; i++) {
    const event = recoveryEvent(state, fixed, i);
    if (event !== null) return event;
  }
  if (state.network.blocked.length > 0) return HEAL;
  if (state.config['model.faults'].includes('power')) {
    for (let i = 0; i < state.brokers.length; i++) {
      const event = flushEvent(state, fixed, i);
      if (event !== null) return event;
    }
  }
  if (state.reader.phase === 'idle' && isSettled(state)) return FINAL_READ;
  return null;
}

function hasUnflushed(broker: BrokerState): boolean {
  for (const replica of broker.replicas) if (replica && replica.flushedCount < replica.log.length) return true;
  return false;
}

const HEAL: ClusterEvent = { type: 'heal' };
const ADD_PARTITION: ClusterEvent = { type: 'add-partition' };
/** Partitions a topic can grow to (the config's num.partitions bound). */
const PARTITIONS_MAX = 16;
const FINAL_READ: ClusterEvent = { type: 'final-read' };

function pushFaults(state: ClusterState, events: ClusterEvent[], fixed: StaticFaults): void {
  const faults = state.config['model.faults'];
  const network = state.network;
  const anyBlocked = network.blocked.length > 0;
  if (downCount(state) < state.config['model.crash.concurrent.max']) {
    const crashes = (state.faultCounts.kill ?? 0) + (state.faultCounts.power ?? 0);
    const crashAllowed = crashes < state.config['model.crash.max'];
    const kill = crashAllowed && faults.includes('kill');
    const power = crashAllowed && faults.includes('power');
    const shutdown = faults.includes('shutdown');
    for (let i = 0; i < state.brokers.length; i++) {
      if (state.brokers[i].status !== 'running') continue;
      if (kill) events.push(fixed.crashKill[i]);
      if (power) events.push(fixed.crashPower[i]);
      if (shutdown) events.push(fixed.shutdown[i]);
    }
  }
  if (faults.includes('pause') && !state.brokers.some((b) => b.status === 'paused')) {
    for (let i = 0; i < state.brokers.length; i++) if (state.brokers[i].status === 'running') events.push(fixed.pause[i]);
  }
  if (faults.includes('isolate')) {
    for (const { node, others, event } of fixed.isolate) {
      if (anyBlocked && others.every((o) => isBlocked(network, node, o) && isBlocked(network, o, node))) continue;
      events.push(event);
    }
  }
  if (faults.includes('split')) {
    for (const { a, b, event } of fixed.split) {
      if (anyBlocked && a.every((x) => b.every((y) => isBlocked(network, x, y) && isBlocked(network, y, x)))) continue;
      events.push(event);
    }
  }
  if (faults.includes('link')) {
    for (const { a, b, event } of fixed.link) {
      if (anyBlocked && isBlocked(network, a, b) && isBlocked(network, b, a)) continue;
      events.push(event);
    }
  }
  if (faults.includes('one-way')) {
    for (const { a, b, event } of fixed.oneWay) {
      if (anyBlocked && isBlocked(network, a, b)) continue;
      events.push(event);
    }
  }
  if (faults.includes('drop')) {
    const pairs: string[] = [];
    for (const connection of network.connections) {
      if (connection.inFlight.length === 0) continue;
      const [a, b] = connection.from < connection.to ? [connection.from, connection.to] : [connection.to, connection.from];
      const key = `${a}|${b}`;
      if (pairs.includes(key)) continue;
      pairs.push(key);
      events.push({ type: 'drop', a, b });
    }
  }
  if (faults.includes('elect')) {
    for (const meta of state.controller.partitions) {
      for (let i = 0; i < state.brokers.length; i++) {
        const brokerId = state.brokers[i].id;
        if (!meta.replicas.includes(brokerId) || !isElectable(state, meta.partition, brokerId)) continue;
        events.push(meta.partition < fixed.elect.length ? fixed.elect[meta.partition][i][0] : { type: 'elect', partition: meta.partition, broker: brokerId });
      }
    }
  }
  if (faults.includes('add-partition') && state.controller.partitions.length < PARTITIONS_MAX && canAddPartition(state)) events.push(ADD_PARTITION);
  if (faults.includes('alter-config')) {
    // An alteration to the value already in force changes nothing: not offered.
    for (const event of fixed.alterConfig) if (state.controller.topicConfig[event.key] !== event.value) events.push(event);
  }
}
