/**
 * enabled(state): every event that can happen next, in a deterministic order: deliveries (by
 * connection key), workload sends, due timers (the earliest due time among live owners), recovery
 * events (restart, resume, heal, OS flush), faults within the run's fault mix and budget, and the
 * final read once the cluster has settled.
 */
import { linkKey } from '../network/network.ts';
import { CONTROLLER, brokerIdOf, brokerNode } from '../network/nodes.ts';
import { canAddPartition, isElectable } from './controller.ts';
import { isClusterDynamicKey } from './alterConfig.ts';
import type { ClusterEvent } from './events.ts';
import type { EnabledEntry } from '../kernel/model.ts';
import { FAULT_KINDS, type FaultKind } from '../config.ts';
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
 * A network cut the fault mix allows (a 'partition' event), with the directed links it cuts
 * (network linkKey): it is in force, and not offered again, once every one of them is cut.
 */
interface Cut {
  event: ClusterEvent;
  links: string[];
}

/**
 * Fault events that depend only on the config, built once per config and shared (events are
 * immutable data): per broker crash/pause/shutdown, per node isolation, per link cut.
 */
interface StaticFaults {
  crashKill: ClusterEvent[];
  crashPower: ClusterEvent[];
  shutdown: ClusterEvent[];
  pause: ClusterEvent[];
  restart: ClusterEvent[];
  resume: ClusterEvent[];
  flush: ClusterEvent[];
  elect: ClusterEvent[][][];
  /** One event per alteration of a cluster key in model.alter.configs, in the order given. */
  alterConfig: Extract<ClusterEvent, { type: 'alter-config' }>[];
  /** Which fault kinds model.faults names. */
  kinds: Record<FaultKind, boolean>;
  /**
   * Every network cut the fault mix allows, in enabled() order: isolations of each node, two-way
   * splits of the controller and brokers into two groups of two or more, two-way cuts of one link,
   * one-way cuts between server nodes.
   */
  cuts: Cut[];
  /** Their events: all of them are enabled while no link is cut, one run of 'partition' events. */
  cutEvents: ClusterEvent[];
  /**
   * The last set of cut links (network.blocked) seen, as a Set, and the cut events still enabled
   * under it: a run's cut links change only on a cut or a heal, so most steps ask again under it.
   */
  cutsUnder: { blocked: string[]; links: ReadonlySet<string>; events: ClusterEvent[] };
}

const STATIC_FAULTS = new WeakMap<object, StaticFaults>();

/** A cut of every link from each node of `a` to each node of `b` (and back, unless one-way). */
function cutOf(a: string[], b: string[], oneWay: boolean): Cut {
  const links: string[] = [];
  for (const x of a) {
    for (const y of b) {
      links.push(linkKey(x, y));
      if (!oneWay) links.push(linkKey(y, x));
    }
  }
  return { event: { type: 'partition', a, b, oneWay }, links };
}

/** The config staticFaults answered last, and its answer: most calls ask again for the same config. */
let lastConfig: object | null = null;
let lastFaults: StaticFaults | null = null;

function staticFaults(state: ClusterState): StaticFaults {
  if (state.config === lastConfig) return lastFaults!;
  const cached = STATIC_FAULTS.get(state.config) ?? buildStaticFaults(state);
  lastConfig = state.config;
  lastFaults = cached;
  return cached;
}

function buildStaticFaults(state: ClusterState): StaticFaults {
  const brokerIds = state.brokers.map((b) => b.id);
  const nodes = [CONTROLLER, ...brokerIds.map(brokerNode), ...state.producers.map((p) => p.clientId)];
  const serverNodes = nodes.filter((n) => n === CONTROLLER || brokerIdOf(n) > 0);
  const kinds = Object.fromEntries(FAULT_KINDS.map((kind) => [kind, state.config['model.faults'].includes(kind)])) as Record<FaultKind, boolean>;
  const cuts: Cut[] = [];
  if (kinds.isolate) for (const node of nodes) cuts.push(cutOf([node], nodes.filter((n) => n !== node), false));
  if (kinds.split) {
    const servers = serverNodes.length;
    for (let mask = 1; mask < 1 << servers; mask++) {
      const a = serverNodes.filter((_, i) => (mask >> i) & 1);
      const b = serverNodes.filter((_, i) => !((mask >> i) & 1));
      // Each split once: groups of two or more, the first group the smaller (holding node 0 on a tie).
      if (a.length < 2 || b.length < 2 || a.length > b.length || (a.length === b.length && !(mask & 1))) continue;
      cuts.push(cutOf(a, b, false));
    }
  }
  if (kinds.link) {
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        if (brokerIdOf(nodes[i]) < 0 && brokerIdOf(nodes[j]) < 0) continue; // clients talk only to brokers
        cuts.push(cutOf([nodes[i]], [nodes[j]], false));
      }
    }
  }
  if (kinds['one-way']) for (const a of serverNodes) for (const b of serverNodes) if (a !== b) cuts.push(cutOf([a], [b], true));
  const cutEvents = cuts.map((cut) => cut.event);
  const built: StaticFaults = {
    crashKill: brokerIds.map((broker) => ({ type: 'crash', broker, kind: 'kill' })),
    crashPower: brokerIds.map((broker) => ({ type: 'crash', broker, kind: 'power' })),
    shutdown: brokerIds.map((broker) => ({ type: 'shutdown', broker })),
    pause: brokerIds.map((broker) => ({ type: 'pause', broker })),
    restart: brokerIds.map((broker) => ({ type: 'restart', broker })),
    resume: brokerIds.map((broker) => ({ type: 'resume', broker })),
    flush: brokerIds.map((broker) => ({ type: 'flush', broker })),
    elect: state.controller.partitions.map((meta) => brokerIds.map((broker) => [{ type: 'elect', partition: meta.partition, broker }])),
    alterConfig: state.config['model.alter.configs'].flatMap((a) => (isClusterDynamicKey(a.key) ? [{ type: 'alter-config' as const, key: a.key, value: a.value }] : [])),
    kinds,
    cuts,
    cutEvents,
    cutsUnder: { blocked: [], links: new Set(), events: cutEvents },
  };
  STATIC_FAULTS.set(state.config, built);
  return built;
}

/** The delivery of the connection's oldest message, or null when it holds none or cannot deliver now. */
function deliverEvent(state: ClusterState, cut: ReadonlySet<string> | null, connection: ClusterState['network']['connections'][number]): ClusterEvent | null {
  if (connection.inFlight.length === 0) return null;
  // The connection's key is its link's (network linkKey).
  if (cut !== null && cut.has(connection.key)) return null;
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
  const entries = enabledEntries(state);
  const events: ClusterEvent[] = [];
  for (const entry of entries) {
    if (Array.isArray(entry)) for (const event of entry) events.push(event);
    else events.push(entry as ClusterEvent);
  }
  return events;
}

/**
 * enabledEvents(state), with the network cuts left as one prebuilt run while every one of them is
 * enabled (no link cut yet): the random engine weighs them without copying them (Model.enabledEntries).
 */
export function enabledEntries(state: ClusterState): EnabledEntry<ClusterEvent>[] {
  const events: EnabledEntry<ClusterEvent>[] = [];
  const fixed = staticFaults(state);
  const cut = cutLinks(state, fixed);
  for (const connection of state.network.connections) {
    const event = deliverEvent(state, cut, connection);
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
  for (let i = 0; i < state.brokers.length; i++) {
    const event = recoveryEvent(state, fixed, i);
    if (event !== null) events.push(event);
  }
  if (state.network.blocked.length > 0) events.push(HEAL);
  if (fixed.kinds.power) {
    for (let i = 0; i < state.brokers.length; i++) {
      const event = flushEvent(state, fixed, i);
      if (event !== null) events.push(event);
    }
  }
  if (state.faultCounts.total < state.config['model.faults.max'] && state.config['model.faults'].length > 0) pushFaults(state, events, fixed);
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
  const fixed = staticFaults(state);
  const cut = cutLinks(state, fixed);
  for (const connection of state.network.connections) {
    const event = deliverEvent(state, cut, connection);
    if (event !== null) return event;
  }
  for (const producer of state.producers) {
    if (producer.workloadNext < producer.workloadSize) return { type: 'send', producer: producer.clientId };
  }
  for (const timer of state.timers) if (canReceive(state, timer.node)) return { type: 'timer', id: timer.id };
  for (let i = 0; i < state.brokers.length; i++) {
    const event = recoveryEvent(state, fixed, i);
    if (event !== null) return event;
  }
  if (state.network.blocked.length > 0) return HEAL;
  if (fixed.kinds.power) {
    for (let i = 0; i < state.brokers.length; i++) {
      const event = flushEvent(state, fixed, i);
      if (event !== null) return event;
    }
  }
  if (state.reader.phase === 'idle' && isSettled(state)) return FINAL_READ;
  return null;
}

function anyPaused(state: ClusterState): boolean {
  for (const broker of state.brokers) if (broker.status === 'paused') return true;
  return false;
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

function pushFaults(state: ClusterState, events: EnabledEntry<ClusterEvent>[], fixed: StaticFaults): void {
  const kinds = fixed.kinds;
  const network = state.network;
  if (downCount(state) < state.config['model.crash.concurrent.max']) {
    const crashes = (state.faultCounts.kill ?? 0) + (state.faultCounts.power ?? 0);
    const crashAllowed = crashes < state.config['model.crash.max'];
    const kill = crashAllowed && kinds.kill;
    const power = crashAllowed && kinds.power;
    const shutdown = kinds.shutdown;
    for (let i = 0; i < state.brokers.length; i++) {
      if (state.brokers[i].status !== 'running') continue;
      if (kill) events.push(fixed.crashKill[i]);
      if (power) events.push(fixed.crashPower[i]);
      if (shutdown) events.push(fixed.shutdown[i]);
    }
  }
  if (kinds.pause && !anyPaused(state)) {
    for (let i = 0; i < state.brokers.length; i++) if (state.brokers[i].status === 'running') events.push(fixed.pause[i]);
  }
  const cuts = enabledCuts(state, fixed);
  if (cuts.length > 0) events.push(cuts);
  if (kinds.drop) {
    // One drop per pair of nodes with a message in flight either way, the pair in name order.
    const dropsStart = events.length;
    for (const connection of network.connections) {
      if (connection.inFlight.length === 0) continue;
      const forward = connection.from < connection.to;
      const a = forward ? connection.from : connection.to;
      const b = forward ? connection.to : connection.from;
      if (!hasDrop(events, dropsStart, a, b)) events.push({ type: 'drop', a, b });
    }
  }
  if (kinds.elect) {
    for (const meta of state.controller.partitions) {
      for (let i = 0; i < state.brokers.length; i++) {
        const brokerId = state.brokers[i].id;
        // The leader and brokers outside the ISR are never electable: looked at first, as they are cheap to rule out.
        if (meta.leader === brokerId || !meta.isr.includes(brokerId)) continue;
        if (!meta.replicas.includes(brokerId) || !isElectable(state, meta.partition, brokerId)) continue;
        events.push(meta.partition < fixed.elect.length ? fixed.elect[meta.partition][i][0] : { type: 'elect', partition: meta.partition, broker: brokerId });
      }
    }
  }
  if (kinds['add-partition'] && state.controller.partitions.length < PARTITIONS_MAX && canAddPartition(state)) events.push(ADD_PARTITION);
  if (kinds['alter-config']) {
    // An alteration to the value already in force changes nothing: not offered.
    for (const event of fixed.alterConfig) if (state.controller.topicConfig[event.key] !== event.value) events.push(event);
  }
}

/** Whether events[start..] holds the drop of a and b. */
function hasDrop(events: readonly EnabledEntry<ClusterEvent>[], start: number, a: string, b: string): boolean {
  for (let i = start; i < events.length; i++) {
    const event = events[i] as ClusterEvent;
    if (event.type === 'drop' && event.a === a && event.b === b) return true;
  }
  return false;
}

/**
 * The network cuts the fault mix allows that are not in force already, in enabled() order: every
 * one while no link is cut. A shared array: never mutate it.
 */
function enabledCuts(state: ClusterState, fixed: StaticFaults): readonly ClusterEvent[] {
  const cut = cutLinks(state, fixed);
  return cut === null ? fixed.cutEvents : fixed.cutsUnder.events;
}

/**
 * The links cut now (network.blocked) as a Set, or null when none is; remembered with the cut
 * events still enabled under them (StaticFaults.cutsUnder) until the cut links change.
 */
function cutLinks(state: ClusterState, fixed: StaticFaults): ReadonlySet<string> | null {
  const blocked = state.network.blocked;
  if (blocked.length === 0) return null;
  if (sameKeys(fixed.cutsUnder.blocked, blocked)) return fixed.cutsUnder.links;
  const links = new Set(blocked);
  const events: ClusterEvent[] = [];
  for (const cut of fixed.cuts) if (!cut.links.every((link) => links.has(link))) events.push(cut.event);
  fixed.cutsUnder = { blocked: blocked.slice(), links, events };
  return links;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
