/**
 * The leader's ISR changes through the controller, as Partition and AlterPartitionManager make
 * them (Kafka 3.3+; trunk keeps the same rules). A proposal (PendingExpandIsr / PendingShrinkIsr)
 * stays pending until an answer to that very proposal or newer metadata for the partition ends
 * it, and while it is pending the leader proposes nothing else (Partition.canAddReplicaToIsr and
 * maybeShrinkIsr check partitionState.isInflight):
 * - the HW counts the maximal ISR: the committed ISR plus a member being added; a pending shrink
 *   keeps the committed, larger ISR (Partition.prepareIsrExpand / prepareIsrShrink, KIP-497);
 * - a dropped controller connection loses nothing: NodeToControllerRequestThread puts the same
 *   request back at the head of its queue and sends it again (AlterPartitionManager retries
 *   "indefinitely until a response is received");
 * - a top-level error (STALE_BROKER_EPOCH) leaves the request queued; AlterPartitionManager sends it
 *   again 50 ms later with the broker's current epoch;
 * - Partition.handleAlterPartitionError: INELIGIBLE_REPLICA (OPERATION_NOT_ATTEMPTED before
 *   AlterPartition v2) means the controller applied nothing, so the leader goes back to its last
 *   committed state; FENCED_LEADER_EPOCH, INVALID_UPDATE_VERSION (and INVALID_REQUEST,
 *   UNKNOWN_TOPIC_*, NEW_LEADER_ELECTED) leave it pending until new metadata arrives, since the
 *   leader cannot know whether an earlier copy of the request was applied;
 * - Partition.handleAlterPartitionUpdate: a success for another leader epoch, or for an older
 *   partition epoch than the leader knows, also leaves it pending; otherwise the returned ISR and
 *   partition epoch are committed;
 * - Partition.submitAlterPartition ignores the answer when the partition state is no longer the
 *   proposal it was sent for (new metadata, or a newer proposal, came first).
 * The model sends one request per partition (AlterPartitionManager batches partitions into one
 * request with one in flight per broker) and the controller answers STALE_BROKER_EPOCH per
 * partition (Kafka's is the request's top-level error); the leader treats it as top-level.
 */
import { assert } from '../kernel/assert.ts';
import { CONTROLLER, brokerNode } from '../network/nodes.ts';
import type { Rpc } from '../network/rpc.ts';
import { brokerAt, nextId, send } from './access.ts';
import { clearTimer, setTimer } from './timers.ts';
import type { ClusterState, PendingIsrChange, ReplicaState } from './types.ts';

type Res<T extends Rpc['type']> = Extract<Rpc, { type: T }>;

/** AlterPartitionManager resends a request that got a top-level error after this long. */
export const ALTER_PARTITION_RETRY_MS = 50;

/** The ISR the HW and acks=all count: Partition's maximalIsr. */
export function maximalIsr(replica: ReplicaState): number[] {
  const change = replica.isrChange;
  return change !== null && change.kind === 'expand' ? change.isr : replica.isr;
}

function sortedIds(ids: number[]): number[] {
  return ids.slice().sort((a, b) => a - b);
}

function sendProposal(state: ClusterState, brokerId: number, replica: ReplicaState, change: PendingIsrChange): void {
  change.status = 'in-flight';
  send(state, brokerNode(brokerId), CONTROLLER, {
    type: 'AlterPartition',
    proposalId: change.proposalId,
    brokerId,
    brokerEpoch: brokerAt(state, brokerId).brokerEpoch,
    partition: replica.partition,
    leaderEpoch: replica.leaderEpoch,
    partitionEpoch: replica.partitionEpoch,
    isr: change.isr,
    isrBrokerEpochs: change.brokerEpochs,
  });
}

/**
 * Partition.addBrokerEpochToIsr (KIP-903): the leader's own broker epoch, and for every other
 * member the epoch of its last fetch (-1 when none, which the controller does not check: a member
 * already in the ISR whose fetch this leader has not seen yet).
 */
function brokerEpochsOf(state: ClusterState, brokerId: number, replica: ReplicaState, isr: number[]): number[] {
  return isr.map((id) => (id === brokerId ? brokerAt(state, brokerId).brokerEpoch : (replica.followers.find((f) => f.brokerId === id)?.brokerEpoch ?? -1)));
}

/** Proposes a new ISR (the leader has none pending): Partition.prepareIsrExpand / prepareIsrShrink. */
export function proposeIsr(state: ClusterState, brokerId: number, replica: ReplicaState, kind: PendingIsrChange['kind'], isr: number[]): void {
  assert(replica.role === 'leader', () => `broker ${brokerId} p${replica.partition} proposes an ISR but does not lead`);
  assert(replica.isrChange === null, () => `broker ${brokerId} p${replica.partition} proposes an ISR while another change is pending`);
  const members = sortedIds(isr);
  const change: PendingIsrChange = { kind, isr: members, brokerEpochs: brokerEpochsOf(state, brokerId, replica, members), proposalId: nextId(state, 'isr-change'), status: 'in-flight' };
  replica.isrChange = change;
  sendProposal(state, brokerId, replica, change);
}

/**
 * Commits an ISR the controller has published or confirmed: back to CommittedPartitionState,
 * with nothing pending.
 */
export function commitIsr(state: ClusterState, brokerId: number, replica: ReplicaState, isr: number[], partitionEpoch: number): void {
  replica.isr = isr.slice();
  replica.partitionEpoch = partitionEpoch;
  dropIsrChange(state, brokerId, replica);
}

/** Forgets any pending proposal (leadership changed, or the change was committed or refused). */
export function dropIsrChange(state: ClusterState, brokerId: number, replica: ReplicaState): void {
  if (replica.isrChange === null) return;
  replica.isrChange = null;
  clearTimer(state, 'alter-partition-retry', brokerNode(brokerId), String(replica.partition));
}

/**
 * An AlterPartitionResponse. Returns true when the leader's committed ISR changed (the caller
 * recomputes the HW).
 */
export function handleAlterPartitionResponse(state: ClusterState, brokerId: number, res: Res<'AlterPartitionResponse'>): boolean {
  const replica = brokerAt(state, brokerId).replicas[res.partition] ?? null;
  if (replica === null || replica.role !== 'leader') return false;
  const change = replica.isrChange;
  // An answer to another proposal, or to one that is not awaiting an answer: stale.
  if (change === null || change.proposalId !== res.proposalId || change.status !== 'in-flight') return false;
  switch (res.error) {
    case 'NONE':
      if (res.state.leaderEpoch !== replica.leaderEpoch || res.state.partitionEpoch < replica.partitionEpoch) {
        change.status = 'awaiting-metadata';
        return false;
      }
      commitIsr(state, brokerId, replica, res.state.isr, res.state.partitionEpoch);
      return true;
    case 'INELIGIBLE_REPLICA':
      // Nothing was applied: back to the last committed state (the ISR it still holds).
      dropIsrChange(state, brokerId, replica);
      return true;
    case 'STALE_BROKER_EPOCH':
      change.status = 'retry-backoff';
      setTimer(state, 'alter-partition-retry', brokerNode(brokerId), String(replica.partition), ALTER_PARTITION_RETRY_MS);
      return false;
    default:
      change.status = 'awaiting-metadata';
      return false;
  }
}

/** The retry timer of a proposal that got a top-level error: send it again. */
export function onAlterPartitionRetry(state: ClusterState, brokerId: number, partition: number): void {
  const replica = brokerAt(state, brokerId).replicas[partition] ?? null;
  if (replica === null || replica.role !== 'leader' || replica.isrChange === null || replica.isrChange.status !== 'retry-backoff') return;
  sendProposal(state, brokerId, replica, replica.isrChange);
}

/** The controller connection dropped: every request it carried is sent again, unchanged. */
export function onControllerDisconnect(state: ClusterState, brokerId: number): void {
  for (const replica of brokerAt(state, brokerId).replicas) {
    if (replica === null || replica.role !== 'leader' || replica.isrChange === null || replica.isrChange.status !== 'in-flight') continue;
    sendProposal(state, brokerId, replica, replica.isrChange);
  }
}
