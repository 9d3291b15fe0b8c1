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
 * leaves every ISR unless it is the last member (with KIP-966 ELR on, even the last: into the ELR);
 * a partition whose leader is fenced with no live ISR member goes offline (leader -1); a broker
 * that registers a new incarnation has its old one fenced first; AlterPartition is a
 * compare-and-set on the partition epoch and the leader epoch. Every partition change goes through
 * partitionChange.ts (Kafka's PartitionChangeBuilder): the ELR, elections, the last known leader.
 */
import { assert } from '../kernel/assert.ts';
import { CONTROLLER, brokerNode } from '../network/nodes.ts';
import type { BrokerRegistrationWire, KafkaError, Rpc } from '../network/rpc.ts';
import { controllerView, metaToWire, send } from './access.ts';
import { changePartition, elrEnabled } from './partitionChange.ts';
import { setTimer } from './timers.ts';
import { replicasOf } from './replicaAssignment.ts';
import { maybeScheduleUncleanCheck } from './alterConfig.ts';
import type { ClusterState, PartitionMeta } from './types.ts';
import { touchAll, touchPartition } from './touched.ts';

type Req<T extends Rpc['type']> = Extract<Rpc, { type: T }>;

function eligible(state: ClusterState, brokerId: number): boolean {
  const view = controllerView(state, brokerId);
  return view.registered && !view.fenced;
}

/** The broker registrations as the metadata carries them to brokers. */
export function registrationsToWire(state: ClusterState): BrokerRegistrationWire[] {
  return state.controller.brokers.map((view) => ({ brokerId: view.brokerId, brokerEpoch: view.registered ? view.brokerEpoch : -1, fenced: view.fenced }));
}

/**
 * Publishes the current partition states, broker registrations and topic configs to every
 * registered broker. Every controller change goes through here (a write event): QuorumController
 * then schedules its unclean-election check if some partition has no leader (alterConfig.ts).
 */
export function publish(state: ClusterState): void {
  state.controller.metadataOffset++;
  const partitions = state.controller.partitions.map(metaToWire);
  const brokers = registrationsToWire(state);
  const topicConfig = { ...state.controller.topicConfig };
  for (const view of state.controller.brokers) {
    if (!view.registered) continue;
    send(state, CONTROLLER, brokerNode(view.brokerId), { type: 'MetadataUpdate', metadataOffset: state.controller.metadataOffset, partitions, brokers, topicConfig });
  }
  maybeScheduleUncleanCheck(state);
}

/**
 * Takes a broker out of every ISR it is in (ReplicationControlManager.generateLeaderAndIsrUpdates
 * with brokerToRemove, or brokerWithUncleanShutdown, which also takes it out of every ELR):
 * leaderships move, and without ELR the last ISR member stays.
 */
function removeFromIsrs(state: ClusterState, brokerId: number, uncleanShutdown: boolean): void {
  const acceptable = (id: number): boolean => id !== brokerId && eligible(state, id);
  for (const meta of state.controller.partitions) {
    if (!meta.isr.includes(brokerId) && !(uncleanShutdown && meta.elr.includes(brokerId))) continue;
    changePartition(state, meta, { targetIsr: meta.isr.filter((id) => id !== brokerId), acceptable, uncleanShutdown: uncleanShutdown ? brokerId : -1 });
  }
}

/**
 * Fences a broker (session expiry, a new incarnation, a controlled shutdown): it leaves every ISR,
 * into the ELR where the ISR falls below min ISR with ELR on, and its leaderships move.
 */
export function fenceBroker(state: ClusterState, brokerId: number): void {
  controllerView(state, brokerId).fenced = true;
  removeFromIsrs(state, brokerId, false);
  publish(state);
}

/**
 * Elects a leader for a partition that has none, under the configs in force at the controller now
 * (partitionChange.ts: an ISR member, an Eligible Leader Replica, the last known leader, or, with
 * unclean.leader.election.enable in force, any live replica). Returns whether it changed; the
 * caller publishes.
 */
export function electIfOffline(state: ClusterState, meta: PartitionMeta): boolean {
  if (meta.leader !== -1) return false;
  return changePartition(state, meta, { targetIsr: meta.isr, acceptable: (id) => eligible(state, id), uncleanShutdown: -1 });
}

/** Unfences a broker; partitions without a leader elect one (ReplicationControlManager.handleBrokerUnfenced). */
function unfenceBroker(state: ClusterState, brokerId: number): void {
  controllerView(state, brokerId).fenced = false;
  for (const meta of state.controller.partitions) electIfOffline(state, meta);
  publish(state);
}

/**
 * A BrokerRegistration. A new incarnation has its old one fenced first (the model's shortcut for
 * Kafka's DuplicateBrokerRegistrationException until the old session expires). With ELR on, a
 * registration whose PreviousBrokerEpoch is not the epoch the controller holds for the broker is an
 * unclean shutdown (KIP-966 Part 1; ClusterControlManager.registerBroker, KAFKA-15586 and
 * KAFKA-18635): the broker leaves every ISR and ELR (handleBrokerUncleanShutdown), since its log
 * may have lost records that it held when it left the ISR.
 */
export function handleRegistration(state: ClusterState, req: Req<'BrokerRegistration'>): void {
  const view = controllerView(state, req.brokerId);
  if (req.incarnation < view.incarnation) return; // a stale process's request
  if (!view.registered || req.incarnation > view.incarnation) {
    if (view.registered && !view.fenced) fenceBroker(state, req.brokerId);
    if (view.registered && elrEnabled(state) && req.previousBrokerEpoch !== view.brokerEpoch) removeFromIsrs(state, req.brokerId, true);
    view.registered = true;
    view.incarnation = req.incarnation;
    touchAll(state);
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
    brokers: registrationsToWire(state),
    topicConfig: { ...state.controller.topicConfig },
  });
}

/** The controller's answer to a heartbeat, with the current metadata when the broker is behind (`withMetadata`). */
function sendHeartbeatResponse(state: ClusterState, req: Req<'BrokerHeartbeat'>, error: KafkaError, withMetadata: boolean): void {
  send(state, CONTROLLER, brokerNode(req.brokerId), {
    type: 'BrokerHeartbeatResponse',
    brokerId: req.brokerId,
    brokerEpoch: req.brokerEpoch,
    error,
    fenced: controllerView(state, req.brokerId).fenced,
    metadataOffset: state.controller.metadataOffset,
    partitions: withMetadata ? state.controller.partitions.map(metaToWire) : null,
    brokers: withMetadata ? registrationsToWire(state) : null,
    topicConfig: withMetadata ? { ...state.controller.topicConfig } : null,
  });
}

export function handleHeartbeat(state: ClusterState, req: Req<'BrokerHeartbeat'>): void {
  const view = controllerView(state, req.brokerId);
  if (!view.registered || req.brokerEpoch !== view.brokerEpoch) {
    sendHeartbeatResponse(state, req, 'STALE_BROKER_EPOCH', false);
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
  sendHeartbeatResponse(state, req, 'NONE', req.metadataOffset < state.controller.metadataOffset);
}

export function handleSessionExpiry(state: ClusterState, brokerId: number): void {
  const view = controllerView(state, brokerId);
  if (!view.registered || view.fenced) return;
  if (state.nowMs - view.lastHeartbeatMs >= state.config['broker.session.timeout.ms']) fenceBroker(state, brokerId);
}

/**
 * An AlterPartition (ReplicationControlManager.alterPartition / validateAlterPartitionData). Every
 * member of the new ISR must be registered and unfenced (ineligibleReplicasForIsr), and with
 * KIP-903 (model.isr.broker.epoch) its broker epoch, when given, must be its registration's: a
 * replica restarted since the leader saw it fetch is refused (INELIGIBLE_REPLICA).
 */
export function handleAlterPartition(state: ClusterState, from: string, req: Req<'AlterPartition'>): void {
  const meta = state.controller.partitions[req.partition];
  assert(meta !== undefined, () => `AlterPartition for unknown partition ${req.partition}`);
  assert(req.isrBrokerEpochs.length === req.isr.length, () => `AlterPartition p${req.partition}: ${req.isr.length} members, ${req.isrBrokerEpochs.length} broker epochs`);
  const view = controllerView(state, req.brokerId);
  const epochChecked = state.config['model.isr.broker.epoch'];
  const ineligible = (id: number, i: number): boolean => !eligible(state, id) || (epochChecked && req.isrBrokerEpochs[i] !== -1 && req.isrBrokerEpochs[i] !== controllerView(state, id).brokerEpoch);
  let error: KafkaError = 'NONE';
  if (!view.registered || view.brokerEpoch !== req.brokerEpoch) error = 'STALE_BROKER_EPOCH';
  else if (meta.leader !== req.brokerId || meta.leaderEpoch !== req.leaderEpoch) error = 'FENCED_LEADER_EPOCH';
  else if (meta.partitionEpoch !== req.partitionEpoch) error = 'INVALID_UPDATE_VERSION';
  else if (!req.isr.includes(req.brokerId)) error = 'INELIGIBLE_REPLICA';
  else if (req.isr.some(ineligible)) error = 'INELIGIBLE_REPLICA';
  if (error === 'NONE') {
    if (changePartition(state, meta, { targetIsr: req.isr, acceptable: (id) => eligible(state, id), uncleanShutdown: -1 })) publish(state);
  }
  send(state, CONTROLLER, from, { type: 'AlterPartitionResponse', proposalId: req.proposalId, partition: req.partition, error, state: metaToWire(meta) });
}

/**
 * Whether the controller would create the next partition: ReplicationControlManager.createPartitions
 * refuses one whose replicas are all fenced or in controlled shutdown (INVALID_REPLICATION_FACTOR,
 * "All brokers are currently fenced or in controlled shutdown"), so the admin event is not offered
 * then.
 */
export function canAddPartition(state: ClusterState): boolean {
  const replicas = replicasOf(state.controller.partitions.length, state.brokers.length, state.config['replication.factor']);
  return replicas.some((id) => eligible(state, id));
}

/**
 * Admin adds one partition (CreatePartitions): replicas assigned like the first ones, the first
 * eligible replica leads in epoch 0 with the eligible replicas as ISR. Brokers create the replica
 * when the metadata reaches them; until then their slot for it is empty.
 */
export function addPartition(state: ClusterState): void {
  assert(canAddPartition(state), 'a partition added with every replica fenced (the controller refuses it)');
  const partition = state.controller.partitions.length;
  const replicas = replicasOf(partition, state.brokers.length, state.config['replication.factor']);
  const isr = replicas.filter((id) => eligible(state, id));
  const meta: PartitionMeta = { partition, replicas, leader: isr[0], leaderEpoch: 0, isr, partitionEpoch: 0, elr: [], lastKnownElr: [] };
  state.controller.partitions.push(meta);
  touchAll(state);
  for (const broker of state.brokers) broker.replicas.push(null);
  state.ghost.leaderHighWatermark.push({ epoch: 0, highWatermark: 0 });
  state.ghost.elections.push({ partition, leader: meta.leader, leaderEpoch: 0, clean: true, timeMs: state.nowMs });
  publish(state);
}

/**
 * Admin leader election (kafka-leader-election): move leadership to a live ISR member. A preferred
 * election (kafka-leader-election --election-type PREFERRED; KRaft ReplicationControlManager
 * electLeader with ElectionType.PREFERRED) elects only the first replica of the assignment, but an
 * operator reaches any live ISR member by reordering the replicas first (kafka-reassign-partitions
 * with the same replica set) and then electing the preferred one; the model takes both steps as one.
 */
export function electLeader(state: ClusterState, partition: number, brokerId: number): void {
  const meta = state.controller.partitions[partition];
  assert(meta.isr.includes(brokerId) && eligible(state, brokerId) && meta.leader !== brokerId, () => `broker ${brokerId} is not electable for partition ${partition}`);
  meta.leader = brokerId;
  meta.leaderEpoch++;
  touchPartition(state, partition);
  meta.partitionEpoch++;
  // The partition had a leader (it has an ISR member to elect), so no last known leader to forget.
  state.ghost.elections.push({ partition, leader: brokerId, leaderEpoch: meta.leaderEpoch, clean: true, timeMs: state.nowMs });
  publish(state);
}

export function isElectable(state: ClusterState, partition: number, brokerId: number): boolean {
  const meta = state.controller.partitions[partition];
  return meta.isr.includes(brokerId) && eligible(state, brokerId) && meta.leader !== brokerId;
}
