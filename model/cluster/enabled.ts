/**
 * enabled(state): every event that can happen next, in a deterministic order: deliveries (by
 * connection key), workload sends, due timers (the earliest due time among live owners), recovery
 * events (restart, resume, heal, OS flush), faults within the run's fault mix and budget, and the
 * final read once the cluster has settled.
 */
import { isBlocked } from '../network/network.ts';
import { CONTROLLER, brokerIdOf, brokerNode } from '../network/nodes.ts';
import { isElectable } from './controller.ts';
import type { ClusterEvent } from './events.ts';
import { isSettled } from './settled.ts';
import type { BrokerState, ClusterState } from './types.ts';

function canReceive(state: ClusterState, node: string): boolean {
  const brokerId = brokerIdOf(node);
  return brokerId < 0 || state.brokers[brokerId - 1].status === 'running';
}

/** Brokers down: crashed, stopped, or restarted but not yet registered again. */
export function downCount(state: ClusterState): number {
  let count = 0;
  for (const broker of state.brokers) if (broker.status === 'crashed' || broker.status === 'stopped' || broker.brokerEpoch === -1) count++;
  return count;
}

function faultNodes(state: ClusterState): string[] {
  return [CONTROLLER, ...state.brokers.map((b) => brokerNode(b.id)), ...state.producers.map((p) => p.clientId)];
}

function hasUnflushed(broker: BrokerState): boolean {
  for (const replica of broker.replicas) if (replica && replica.flushedCount < replica.log.length) return true;
  return false;
}

export function enabledEvents(state: ClusterState): ClusterEvent[] {
  const events: ClusterEvent[] = [];
  for (const connection of state.network.connections) {
    if (connection.inFlight.length === 0) continue;
    if (isBlocked(state.network, connection.from, connection.to)) continue;
    if (!canReceive(state, connection.to)) continue;
    events.push({ type: 'deliver', from: connection.from, to: connection.to, id: connection.inFlight[0].id });
  }
  for (const producer of state.producers) {
    if (producer.workloadNext < producer.workloadSize) events.push({ type: 'send', producer: producer.clientId });
  }
  let dueMin = Infinity;
  for (const timer of state.timers) {
    if (timer.dueMs >= dueMin) continue;
    if (canReceive(state, timer.node)) dueMin = timer.dueMs;
  }
  if (dueMin !== Infinity) {
    for (const timer of state.timers) {
      if (timer.dueMs === dueMin && canReceive(state, timer.node)) events.push({ type: 'timer', id: timer.id });
    }
  }
  const faults = state.config['model.faults'];
  for (const broker of state.brokers) {
    if (broker.status === 'crashed' || broker.status === 'stopped') events.push({ type: 'restart', broker: broker.id });
    if (broker.status === 'paused') events.push({ type: 'resume', broker: broker.id });
  }
  if (state.network.blocked.length > 0) events.push({ type: 'heal' });
  if (faults.includes('power')) {
    for (const broker of state.brokers) if (broker.status === 'running' && hasUnflushed(broker)) events.push({ type: 'flush', broker: broker.id });
  }
  if (state.faultCounts.total < state.config['model.faults.max'] && faults.length > 0) pushFaults(state, events);
  if (state.reader.phase === 'idle' && isSettled(state)) events.push({ type: 'final-read' });
  return events;
}

function pushFaults(state: ClusterState, events: ClusterEvent[]): void {
  const faults = state.config['model.faults'];
  const crashAllowed = downCount(state) < state.config['model.crash.concurrent.max'];
  const running = state.brokers.filter((b) => b.status === 'running');
  if (crashAllowed) {
    for (const broker of running) {
      if (faults.includes('kill')) events.push({ type: 'crash', broker: broker.id, kind: 'kill' });
      if (faults.includes('power')) events.push({ type: 'crash', broker: broker.id, kind: 'power' });
      if (faults.includes('shutdown')) events.push({ type: 'shutdown', broker: broker.id });
    }
  }
  if (faults.includes('pause') && !state.brokers.some((b) => b.status === 'paused')) {
    for (const broker of running) events.push({ type: 'pause', broker: broker.id });
  }
  const nodes = faultNodes(state);
  if (faults.includes('isolate')) {
    for (const node of nodes) {
      const others = nodes.filter((n) => n !== node);
      if (others.every((o) => isBlocked(state.network, node, o) && isBlocked(state.network, o, node))) continue;
      events.push({ type: 'partition', a: [node], b: others, oneWay: false });
    }
  }
  const serverNodes = nodes.filter((n) => n === CONTROLLER || brokerIdOf(n) > 0);
  if (faults.includes('link')) {
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const a = nodes[i];
        const b = nodes[j];
        if (brokerIdOf(a) < 0 && brokerIdOf(b) < 0) continue; // clients talk only to brokers
        if (isBlocked(state.network, a, b) && isBlocked(state.network, b, a)) continue;
        events.push({ type: 'partition', a: [a], b: [b], oneWay: false });
      }
    }
  }
  if (faults.includes('one-way')) {
    for (const a of serverNodes) {
      for (const b of serverNodes) {
        if (a === b || isBlocked(state.network, a, b)) continue;
        events.push({ type: 'partition', a: [a], b: [b], oneWay: true });
      }
    }
  }
  if (faults.includes('drop')) {
    const pairs: string[] = [];
    for (const connection of state.network.connections) {
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
      for (const brokerId of meta.replicas) if (isElectable(state, meta.partition, brokerId)) events.push({ type: 'elect', partition: meta.partition, broker: brokerId });
    }
  }
}
