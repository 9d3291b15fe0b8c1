/**
 * A broker's life: registration and heartbeats to the controller (KRaft), and the process faults
 * - crash (kill: the page cache survives; power: the unflushed tail is lost), restart with log
 * recovery, pause/resume (a zombie that wakes with stale state), clean shutdown. Only a clean
 * shutdown leaves a clean shutdown file: for KIP-966 a kill is an unclean shutdown too, although
 * its log survives.
 */
import { assert } from '../kernel/assert.ts';
import { CONTROLLER, brokerNode } from '../network/nodes.ts';
import type { Rpc } from '../network/rpc.ts';
import { brokerAt, send } from './access.ts';
import { applyMetadata } from './brokerMetadata.ts';
import { isBatchBoundary, truncateTo } from './log.ts';
import { clearTimersOf, setTimer } from './timers.ts';
import type { ClusterState } from './types.ts';
import { createReplica } from './replicaState.ts';

export { createReplica };
import type { CrashKind } from './events.ts';
import { touchAll } from './touched.ts';

type Res<T extends Rpc['type']> = Extract<Rpc, { type: T }>;

/** Heartbeat timer: register if needed, else heartbeat (one request in flight at a time). */
export function onHeartbeatTimer(state: ClusterState, brokerId: number): void {
  const broker = brokerAt(state, brokerId);
  if (broker.brokerEpoch === -1) {
    if (!broker.registrationInFlight) {
      broker.registrationInFlight = true;
      send(state, brokerNode(brokerId), CONTROLLER, { type: 'BrokerRegistration', brokerId, incarnation: broker.incarnation, previousBrokerEpoch: broker.cleanShutdownBrokerEpoch });
    }
  } else if (!broker.heartbeatInFlight) {
    broker.heartbeatInFlight = true;
    send(state, brokerNode(brokerId), CONTROLLER, { type: 'BrokerHeartbeat', brokerId, brokerEpoch: broker.brokerEpoch, metadataOffset: broker.metadataOffset, wantShutDown: false });
  }
  setTimer(state, 'broker-heartbeat', brokerNode(brokerId), String(brokerId), state.config['broker.heartbeat.interval.ms']);
}

export function handleRegistrationResponse(state: ClusterState, brokerId: number, res: Res<'BrokerRegistrationResponse'>): void {
  const broker = brokerAt(state, brokerId);
  if (res.incarnation !== broker.incarnation) return;
  broker.registrationInFlight = false;
  broker.brokerEpoch = res.brokerEpoch;
  broker.fenced = true;
  applyMetadata(state, brokerId, res.metadataOffset, res.partitions, res.brokers, res.topicConfig);
  // Heartbeat right away so the controller can unfence this broker.
  onHeartbeatTimer(state, brokerId);
}

export function handleHeartbeatResponse(state: ClusterState, brokerId: number, res: Res<'BrokerHeartbeatResponse'>): void {
  const broker = brokerAt(state, brokerId);
  if (res.brokerEpoch !== broker.brokerEpoch) return;
  broker.heartbeatInFlight = false;
  if (res.error === 'STALE_BROKER_EPOCH') {
    // The controller no longer knows this registration: register again.
    broker.brokerEpoch = -1;
    broker.fenced = true;
    return;
  }
  broker.fenced = res.fenced;
  if (res.partitions) {
    assert(res.brokers !== null && res.topicConfig !== null, () => `broker ${brokerId}: a heartbeat response with partitions but no broker registrations or topic configs`);
    applyMetadata(state, brokerId, res.metadataOffset, res.partitions, res.brokers, res.topicConfig);
  }
}

export function onControllerDisconnectLifecycle(state: ClusterState, brokerId: number): void {
  const broker = brokerAt(state, brokerId);
  broker.registrationInFlight = false;
  broker.heartbeatInFlight = false;
}

/** Returns the number of records lost per partition (power loss). */
export function crashBroker(state: ClusterState, brokerId: number, kind: CrashKind): number {
  const broker = brokerAt(state, brokerId);
  broker.status = 'crashed';
  touchAll(state);
  // Either way an unclean shutdown: no clean shutdown file (KIP-966), so the next registration
  // carries no previous broker epoch.
  broker.cleanShutdownBrokerEpoch = -1;
  clearTimersOf(state, brokerNode(brokerId));
  let lost = 0;
  for (const replica of broker.replicas) {
    if (!replica) continue;
    if (kind === 'power') {
      // Flushes happen after whole appends (flush.messages counts after an append, the OS writes
      // back a whole log here), so the durable part ends between batches: log recovery
      // (LogSegment.recover) has no torn batch to drop.
      assert(isBatchBoundary(replica.log, replica.flushedCount), () => `broker ${brokerId} p${replica.partition}: flushed up to offset ${replica.flushedCount}, inside a batch`);
      const removed = truncateTo(replica, replica.flushedCount);
      if (removed > 0) state.ghost.lostOnCrash.push({ broker: brokerId, partition: replica.partition, recordCount: removed, timeMs: state.nowMs });
      lost += removed;
    } else {
      // The OS page cache survives a process kill and is written back.
      replica.flushedCount = replica.log.length;
    }
  }
  return lost;
}

/** A new process: log recovery, then registration with a new incarnation. */
export function restartBroker(state: ClusterState, brokerId: number): void {
  const broker = brokerAt(state, brokerId);
  broker.status = 'running';
  broker.incarnation++;
  touchAll(state);
  broker.brokerEpoch = -1;
  broker.fenced = true;
  broker.registrationInFlight = false;
  broker.heartbeatInFlight = false;
  broker.metadataOffset = -1;
  broker.metadata = [];
  broker.registrations = [];
  broker.replicas = broker.replicas.map((old) => {
    if (!old) return null;
    const recovered = createReplica(old.partition);
    recovered.log = old.log;
    recovered.flushedCount = old.log.length;
    recovered.epochCache = old.epochCache;
    // The HW checkpoint, bounded by the recovered log.
    recovered.highWatermark = Math.min(old.highWatermark, old.log.length);
    return recovered;
  });
  onHeartbeatTimer(state, brokerId);
  setTimer(state, 'isr-expiration', brokerNode(brokerId), String(brokerId), Math.max(1, Math.floor(state.config['replica.lag.time.max.ms'] / 2)));
}

/**
 * Clean shutdown: flush every log, ask the controller to move leadership (wantShutDown), write the
 * clean shutdown file with the broker epoch (KIP-966, CleanShutdownFileHandler), stop.
 */
export function shutdownBroker(state: ClusterState, brokerId: number): void {
  const broker = brokerAt(state, brokerId);
  for (const replica of broker.replicas) if (replica) replica.flushedCount = replica.log.length;
  broker.cleanShutdownBrokerEpoch = broker.brokerEpoch;
  if (broker.brokerEpoch !== -1) {
    send(state, brokerNode(brokerId), CONTROLLER, { type: 'BrokerHeartbeat', brokerId, brokerEpoch: broker.brokerEpoch, metadataOffset: broker.metadataOffset, wantShutDown: true });
  }
  broker.status = 'stopped';
  touchAll(state);
  clearTimersOf(state, brokerNode(brokerId));
}

export function flushBroker(state: ClusterState, brokerId: number): number {
  let flushed = 0;
  for (const replica of brokerAt(state, brokerId).replicas) {
    if (!replica) continue;
    flushed += replica.log.length - replica.flushedCount;
    replica.flushedCount = replica.log.length;
  }
  return flushed;
}
