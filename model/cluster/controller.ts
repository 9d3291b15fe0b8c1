/**
 * The controller (KRaft quorum controller, modelled as one node that does not crash; it can be
 * partitioned away). It never fails over: where KRaft's quorum would elect another active
 * controller when the active one is cut off, this one goes on deciding alone, and fences every
 * broker whose heartbeats it cannot hear (describe.ts says so on the trace line of such a fencing).
 * It registers brokers, fences those whose session expires, elects leaders
 * (cleanly from the ISR, or uncleanly when enabled) and applies AlterPartition requests, and
 * publishes every change to the brokers as a metadata update.
 *
 * KRaft facts followed (reference/replication.md §2.3, Vanlightly's v3.5 model): a fenced broker
 * leaves every ISR unless it is the last member; a partition whose leader is fenced with no live
 * ISR member goes offline (leader -1) and keeps its last ISR member; a broker that registers a
 * new incarnation has its old one fenced first; AlterPartition is a compare-and-set on the
 * partition epoch and the leader epoch.
 */
import { assert } from '../kernel/assert.ts';
import { CONTROLLER, brokerNode } from '../network/nodes.ts';
import type { KafkaError, Rpc } from '../network/rpc.ts';
import { controllerView, metaToWire, send } from './access.ts';
import { setTimer } from './timers.ts';
import { replicasOf } from './replicaAssignment.ts';
import { maybeScheduleUncleanCheck } from './alterConfig.ts';
import type { ClusterState, PartitionMeta } from './types.ts';

type Req<T extends Rpc['type']> = Extract<Rpc, { type: T }>;

function eligible(state: ClusterState, brokerId: number): boolean {
  const view = controllerView(state, brokerId);
  return view.registered && !view.fenced;
}

/**
 * Publishes the current partition states and topic configs to every registered broker. Every
 * controller change goes through here (a write event): QuorumController then schedules its
 * unclean-election check if some partition has no leader (alterConfig.ts).
 */
export function publish(state: ClusterState): void {
  state.controller.metadataOffset++;
  const partitions = state.controller.partitions.map(metaToWire);
  const topicConfig = { ...state.controller.topicConfig };
  for (const view of state.controller.brokers) {
    if (!view.registered) continue;
    send(state, CONTROLLER, brokerNode(view.brokerId), { type: 'MetadataUpdate', metadataOffset: state.controller.metadataOffset, partitions, topicConfig });
  }
  maybeScheduleUncleanCheck(state);
}

function setLeader(state: ClusterState, meta: PartitionMeta, leader: number, clean: boolean): void {
  meta.leader = leader;
  meta.leaderEpoch++;
  meta.partitionEpoch++;
  if (leader !== -1) state.ghost.elections.push({ partition: meta.partition, leader, leaderEpoch: meta.leaderEpoch, clean, timeMs: state.nowMs });
}

/**
 * Elects a leader for an offline partition: an eligible ISR member, else (unclean) any eligible
 * replica, when unclean.leader.election.enable is in force at the controller now.
 */
export function electIfOffline(state: ClusterState, meta: PartitionMeta): boolean {
  if (meta.leader !== -1) return false;
  const clean = meta.replicas.find((id) => meta.isr.includes(id) && eligible(state, id));
  if (clean !== undefined) {
    setLeader(state, meta, clean, true);
    return true;
  }
  if (state.controller.topicConfig['unclean.leader.election.enable']) {
    const unclean = meta.replicas.find((id) => eligible(state, id));
    if (unclean !== undefined) {
      meta.isr = [unclean];
      setLeader(state, meta, unclean, false);
      return true;
    }
  }
  return false;
}

/** Fences a broker: out of every ISR (unless last), leaderships move. Returns true if anything changed. */
export function fenceBroker(state: ClusterState, brokerId: number): void {
  const view = controllerView(state, brokerId);
  view.fenced = true;
  for (const meta of state.controller.partitions) {
    let changed = false;
    if (meta.isr.includes(brokerId) && meta.isr.length > 1) {
      meta.isr = meta.isr.filter((id) => id !== brokerId);
      changed = true;
    }
    if (meta.leader === brokerId) {
      const next = meta.replicas.find((id) => id !== brokerId && meta.isr.includes(id) && eligible(state, id));
      if (next !== undefined) {
        setLeader(state, meta, next, true);
      } else {
        setLeader(state, meta, -1, true);
        electIfOffline(state, meta);
      }
      changed = true;
    } else if (changed) {
      meta.partitionEpoch++;
    }
  }
  publish(state);
}

function unfenceBroker(state: ClusterState, brokerId: number): void {
  const view = controllerView(state, brokerId);
  view.fenced = false;
  for (const meta of state.controller.partitions) electIfOffline(state, meta);
  publish(state);
}

export function handleRegistration(state: ClusterState, req: Req<'BrokerRegistration'>): void {
  const view = controllerView(state, req.brokerId);
  if (req.incarnation < view.incarnation) return; // a stale process's request
  if (!view.registered || req.incarnation > view.incarnation) {
    if (view.registered && !view.fenced) fenceBroker(state, req.brokerId);
    view.registered = true;
    view.incarnation = req.incarnation;
    view.brokerEpoch = state.controller.brokerEpochNext++;
    view.fenced = true;
    view.lastHeartbeatMs = state.nowMs;
    publish(state);
  }
  setTimer(state, 'broker-session', CONTROLLER, String(req.brokerId), state.config['broker.session.timeout.ms']);
  send(state, CONTROLLER, brokerNode(req.brokerId), {
    type: 'BrokerRegistrationResponse',
    brokerId: req.brokerId,
    incarnation: req.incarnation,
    brokerEpoch: view.brokerEpoch,
    metadataOffset: state.controller.metadataOffset,
    partitions: state.controller.partitions.map(metaToWire),
    topicConfig: { ...state.controller.topicConfig },
  });
}

export function handleHeartbeat(state: ClusterState, req: Req<'BrokerHeartbeat'>): void {
  const view = controllerView(state, req.brokerId);
  const reply = (error: KafkaError, partitions: boolean): void =>
    send(state, CONTROLLER, brokerNode(req.brokerId), {
      type: 'BrokerHeartbeatResponse',
      brokerId: req.brokerId,
      brokerEpoch: req.brokerEpoch,
      error,
      fenced: view.fenced,
      metadataOffset: state.controller.metadataOffset,
      partitions: partitions ? state.controller.partitions.map(metaToWire) : null,
      topicConfig: partitions ? { ...state.controller.topicConfig } : null,
    });
  if (!view.registered || req.brokerEpoch !== view.brokerEpoch) {
    reply('STALE_BROKER_EPOCH', false);
    return;
  }
  view.lastHeartbeatMs = state.nowMs;
  setTimer(state, 'broker-session', CONTROLLER, String(req.brokerId), state.config['broker.session.timeout.ms']);
  if (req.wantShutDown) {
    if (!view.fenced) fenceBroker(state, req.brokerId);
  } else if (view.fenced && req.metadataOffset >= state.controller.metadataOffset) {
    // KRaft unfences a broker once it has caught up with the metadata log.
    unfenceBroker(state, req.brokerId);
  }
  reply('NONE', req.metadataOffset < state.controller.metadataOffset);
}

export function handleSessionExpiry(state: ClusterState, brokerId: number): void {
  const view = controllerView(state, brokerId);
  if (!view.registered || view.fenced) return;
  if (state.nowMs - view.lastHeartbeatMs >= state.config['broker.session.timeout.ms']) fenceBroker(state, brokerId);
}

export function handleAlterPartition(state: ClusterState, from: string, req: Req<'AlterPartition'>): void {
  const meta = state.controller.partitions[req.partition];
  assert(meta !== undefined, `AlterPartition for unknown partition ${req.partition}`);
  const view = controllerView(state, req.brokerId);
  let error: KafkaError = 'NONE';
  if (!view.registered || view.brokerEpoch !== req.brokerEpoch) error = 'STALE_BROKER_EPOCH';
  else if (meta.leader !== req.brokerId || meta.leaderEpoch !== req.leaderEpoch) error = 'FENCED_LEADER_EPOCH';
  else if (meta.partitionEpoch !== req.partitionEpoch) error = 'INVALID_UPDATE_VERSION';
  else if (!req.isr.includes(req.brokerId)) error = 'INELIGIBLE_REPLICA';
  else if (req.isr.some((id) => !meta.isr.includes(id) && !eligible(state, id))) error = 'INELIGIBLE_REPLICA';
  if (error === 'NONE') {
    meta.isr = meta.replicas.filter((id) => req.isr.includes(id));
    meta.partitionEpoch++;
    publish(state);
  }
  send(state, CONTROLLER, from, { type: 'AlterPartitionResponse', proposalId: req.proposalId, partition: req.partition, error, state: metaToWire(meta) });
}

/**
 * Admin adds one partition (CreatePartitions): replicas assigned like the first ones, the first
 * eligible replica leads in epoch 0 with the eligible replicas as ISR (offline if none is
 * eligible). Brokers create the replica when the metadata reaches them; until then their slot
 * for it is empty.
 */
export function addPartition(state: ClusterState): void {
  const partition = state.controller.partitions.length;
  const replicas = replicasOf(partition, state.brokers.length, state.config['replication.factor']);
  const isr = replicas.filter((id) => eligible(state, id));
  const meta: PartitionMeta = { partition, replicas, leader: isr.length ? isr[0] : -1, leaderEpoch: 0, isr: isr.length ? isr : [replicas[0]], partitionEpoch: 0 };
  state.controller.partitions.push(meta);
  for (const broker of state.brokers) broker.replicas.push(null);
  state.ghost.leaderHighWatermark.push({ epoch: 0, highWatermark: 0 });
  if (meta.leader !== -1) state.ghost.elections.push({ partition, leader: meta.leader, leaderEpoch: 0, clean: true, timeMs: state.nowMs });
  publish(state);
}

/** Admin leader election (kafka-leader-election): move leadership to a live ISR member. */
export function electLeader(state: ClusterState, partition: number, brokerId: number): void {
  const meta = state.controller.partitions[partition];
  assert(meta.isr.includes(brokerId) && eligible(state, brokerId) && meta.leader !== brokerId, `broker ${brokerId} is not electable for partition ${partition}`);
  setLeader(state, meta, brokerId, true);
  publish(state);
}

export function isElectable(state: ClusterState, partition: number, brokerId: number): boolean {
  const meta = state.controller.partitions[partition];
  return meta.isr.includes(brokerId) && eligible(state, brokerId) && meta.leader !== brokerId;
}
