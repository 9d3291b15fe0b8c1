/**
 * The follower side of replication: fetching from the leader and truncating a divergent tail,
 * by the rule `model.truncation` selects (reference/replication.md §1.3, §3, §3.5):
 * - high-watermark: truncate to the own high watermark on becoming a follower (before KIP-101);
 * - kip-101: ask the leader (OffsetsForLeaderEpoch) for the end of the follower's last epoch;
 *   the leader answers with the start of the next larger epoch; fall back to the HW if unknown;
 * - kip-279: the leader answers the largest epoch <= the asked one and its end offset; the follower
 *   truncates to the smaller of that and its own end of that epoch, asking again (rounds) when it
 *   does not know the epoch;
 * - diverging-epoch (today): no request; each fetch carries lastFetchedEpoch and the leader
 *   returns a diverging epoch when the follower's log diverges (KIP-320/KIP-595 era).
 * `model.fencing` adds KIP-320 epoch fencing: fetches and epoch queries carry the current leader
 * epoch and are rejected by a leader in another epoch; responses from another epoch are ignored.
 */
import { assert } from '../kernel/assert.ts';
import { LIMITS } from '../limits.ts';
import { brokerNode } from '../network/nodes.ts';
import type { Rpc, WireRecord } from '../network/rpc.ts';
import { brokerAt, nextId, send } from './access.ts';
import { appendEntry, batchStartOf, endOffsetForEpoch, epochOrderStrict, lastEpoch, logEndOffset, truncateTo } from './log.ts';
import { setTimer, clearTimer } from './timers.ts';
import type { ClusterState, ReplicaState } from './types.ts';
import { touchPartition } from './touched.ts';

type Res<T extends Rpc['type']> = Extract<Rpc, { type: T }>;

/** The fetch session: responses to an older session are ignored. */
function fetchSession(replica: ReplicaState): string {
  return `${replica.leaderEpoch}`;
}

export function maybeFlush(state: ClusterState, replica: ReplicaState): void {
  if (replica.log.length - replica.flushedCount >= state.config['flush.messages']) replica.flushedCount = replica.log.length;
}

export function sendFetch(state: ClusterState, brokerId: number, replica: ReplicaState): void {
  if (replica.role !== 'follower' || replica.leaderId === -1 || replica.fetchInFlight || replica.truncationPending || replica.fetchFailed) return;
  replica.fetchInFlight = true;
  replica.fetchBackoff = false;
  clearTimer(state, 'replica-fetch-backoff', brokerNode(brokerId), String(replica.partition));
  send(state, brokerNode(brokerId), brokerNode(replica.leaderId), {
    type: 'Fetch',
    fetchId: `${fetchSession(replica)}:${nextId(state, 'fetch')}`,
    replicaId: brokerId,
    replicaEpoch: brokerAt(state, brokerId).brokerEpoch,
    partition: replica.partition,
    fetchOffset: logEndOffset(replica),
    lastFetchedEpoch: lastEpoch(replica),
    currentLeaderEpoch: replica.leaderEpoch,
  });
}

function backoff(state: ClusterState, brokerId: number, replica: ReplicaState): void {
  replica.fetchBackoff = true;
  setTimer(state, 'replica-fetch-backoff', brokerNode(brokerId), String(replica.partition), state.config['replica.fetch.wait.max.ms']);
}

/**
 * Truncates a follower's log. Under epochOrderStrict every target is a batch boundary (truncateTo
 * asserts it). Under the legacy rules a diverged follower can be sent to an offset inside a batch
 * of its own (its HW, or the leader's answer, falls where it holds other batches): Kafka's
 * LogSegment.truncateTo then removes the whole batch holding the offset, as it cuts at that
 * batch's position, while the log end is set to the target (LocalLog.truncateTo), leaving offsets
 * with no record below it. The model's log cannot hold such a gap: it ends at the batch start.
 */
function truncateFollower(state: ClusterState, replica: ReplicaState, offset: number): void {
  const inside = offset < replica.log.length && !epochOrderStrict(state.config);
  truncateTo(replica, inside ? batchStartOf(replica.log, offset) : offset);
  touchPartition(state, replica.partition);
}

/** Called when the follower learns a new leader epoch: truncation per the configured rule. */
export function startFollowing(state: ClusterState, brokerId: number, replica: ReplicaState): void {
  replica.fetchInFlight = false;
  replica.truncationPending = false;
  // A new leader epoch re-adds the partition to a fetcher (ReplicaFetcherManager.addFetcherForPartitions).
  replica.fetchFailed = false;
  replica.fetchBackoff = false;
  clearTimer(state, 'replica-fetch-backoff', brokerNode(brokerId), String(replica.partition));
  if (replica.leaderId === -1) return;
  const rule = state.config['model.truncation'];
  if (rule === 'high-watermark') {
    truncateFollower(state, replica, replica.highWatermark);
  } else if ((rule === 'kip-101' || rule === 'kip-279') && replica.log.length > 0) {
    sendEpochQuery(state, brokerId, replica, lastEpoch(replica));
    return;
  }
  sendFetch(state, brokerId, replica);
}

function sendEpochQuery(state: ClusterState, brokerId: number, replica: ReplicaState, epoch: number): void {
  replica.truncationPending = true;
  send(state, brokerNode(brokerId), brokerNode(replica.leaderId), {
    type: 'OffsetForLeaderEpoch',
    requestId: `${fetchSession(replica)}:${nextId(state, 'epoch-query')}`,
    replicaId: brokerId,
    partition: replica.partition,
    leaderEpoch: epoch,
    currentLeaderEpoch: replica.leaderEpoch,
  });
}

function isCurrentSession(replica: ReplicaState | null, id: string): replica is ReplicaState {
  return replica !== null && replica.role === 'follower' && id.startsWith(`${fetchSession(replica)}:`);
}

export function handleEpochQueryResponse(state: ClusterState, brokerId: number, res: Res<'OffsetForLeaderEpochResponse'>): void {
  const replica = brokerAt(state, brokerId).replicas[res.partition] ?? null;
  if (!isCurrentSession(replica, res.requestId) || !replica.truncationPending) return;
  replica.truncationPending = false;
  if (res.error !== 'NONE') {
    // Retry the query after a backoff (the timer re-enters startFollowing's query path).
    replica.truncationPending = false;
    backoffQuery(state, brokerId, replica);
    return;
  }
  const rule = state.config['model.truncation'];
  if (rule === 'kip-101') {
    // KIP-101: truncate to the leader's answer; an undefined answer falls back to the HW.
    const target = res.endOffset < 0 ? replica.highWatermark : Math.min(res.endOffset, logEndOffset(replica));
    truncateFollower(state, replica, target);
  } else {
    // KIP-279: the largest common epoch.
    if (res.leaderEpoch < 0) {
      truncateFollower(state, replica, replica.highWatermark);
    } else {
      const own = endOffsetForEpoch(replica, res.leaderEpoch, state.config['model.fencing']);
      if (own.endOffset < 0) {
        // AbstractFetcherThread.getOffsetTruncationState: the leader's epoch is below every epoch
        // the follower tracks (2.0; from 2.1 only an empty cache): truncate to the leader's offset.
        truncateFollower(state, replica, Math.min(res.endOffset, logEndOffset(replica)));
      } else if (own.epoch === res.leaderEpoch) {
        truncateFollower(state, replica, Math.min(own.endOffset, res.endOffset));
      } else {
        // The follower does not know that epoch: truncate to the end of its largest epoch below
        // it (min(followerEndOffset, replicaEndOffset): the leader's end offset is for an epoch
        // the follower never had, AbstractFetcherThread 2.0+) and ask again about that epoch
        // (truncationCompleted = false). The asked epoch strictly decreases from round to round,
        // so the rounds end.
        truncateFollower(state, replica, Math.min(own.endOffset, logEndOffset(replica)));
        if (replica.log.length > 0 && own.epoch >= 0 && own.epoch < res.leaderEpoch) {
          sendEpochQuery(state, brokerId, replica, own.epoch);
          return;
        }
      }
    }
  }
  sendFetch(state, brokerId, replica);
}

function backoffQuery(state: ClusterState, brokerId: number, replica: ReplicaState): void {
  // The fetch-backoff timer doubles as the retry of the epoch query: on firing, startFollowing runs.
  replica.fetchBackoff = true;
  replica.truncationPending = true;
  setTimer(state, 'replica-fetch-backoff', brokerNode(brokerId), String(replica.partition), state.config['replica.fetch.wait.max.ms']);
}

/** The fetch backoff timer fired. */
export function onFetchBackoff(state: ClusterState, brokerId: number, partition: number): void {
  const replica = brokerAt(state, brokerId).replicas[partition] ?? null;
  if (replica === null || replica.role !== 'follower' || !replica.fetchBackoff) return;
  replica.fetchBackoff = false;
  if (replica.truncationPending) {
    replica.truncationPending = false;
    startFollowing(state, brokerId, replica);
    return;
  }
  sendFetch(state, brokerId, replica);
}

export function handleFetchResponse(state: ClusterState, brokerId: number, res: Res<'FetchResponse'>): void {
  const replica = brokerAt(state, brokerId).replicas[res.partition] ?? null;
  if (!isCurrentSession(replica, res.fetchId) || !replica.fetchInFlight) return;
  replica.fetchInFlight = false;
  const fencing = state.config['model.fencing'];
  if (fencing && res.error === 'NONE' && res.leaderEpoch !== replica.leaderEpoch) {
    backoff(state, brokerId, replica);
    return;
  }
  if (res.error === 'OFFSET_OUT_OF_RANGE') {
    // The follower is ahead of the leader (possible after unclean election or legacy truncation):
    // truncate to the leader's log end and fetch again.
    if (res.logEndOffset < logEndOffset(replica)) truncateFollower(state, replica, res.logEndOffset);
    sendFetch(state, brokerId, replica);
    return;
  }
  if (res.error !== 'NONE') {
    backoff(state, brokerId, replica);
    return;
  }
  if (res.divergingEpoch !== null) {
    const own = res.divergingEpoch.epoch < 0 ? { epoch: -1, endOffset: 0 } : endOffsetForEpoch(replica, res.divergingEpoch.epoch);
    // AbstractFetcherThread.getOffsetTruncationState (truncateOnFetchResponse, 2.8+): a follower
    // that does not know the leader's epoch truncates to the end of its largest epoch below it
    // and fetches again, whose lastFetchedEpoch then names that epoch; the leader's end offset is
    // for an epoch the follower never had, so it bounds nothing yet (it can fall inside a batch the
    // follower wrote in its own epoch).
    const unknownEpoch = own.epoch >= 0 && own.epoch !== res.divergingEpoch.epoch;
    const target = unknownEpoch
      ? Math.min(own.endOffset, logEndOffset(replica))
      : Math.min(own.endOffset < 0 ? 0 : own.endOffset, res.divergingEpoch.endOffset < 0 ? 0 : res.divergingEpoch.endOffset);
    truncateFollower(state, replica, target);
    sendFetch(state, brokerId, replica);
    return;
  }
  const before = logEndOffset(replica);
  const hwBefore = replica.highWatermark;
  if (res.records.length > 0 && res.records[0].offset < before) {
    // Only under the legacy rules (the leader asserts it otherwise): a follower whose log diverged
    // fetched from inside one of the leader's batches, and the answer starts at that batch, below
    // the follower's log end. UnifiedLog.appendAsFollower refuses it (UnexpectedAppendOffset-
    // Exception) and AbstractFetcherThread marks the partition failed: no more fetches until the
    // next leader epoch. (In 0.11–1.x the fetcher thread died instead, stopping every partition it
    // fetched from that leader; the model stops this one.)
    replica.fetchFailed = true;
    return;
  }
  appendBatches(state, brokerId, replica, res.records);
  maybeFlush(state, replica);
  const highWatermark = Math.min(res.highWatermark, logEndOffset(replica));
  if (highWatermark !== replica.highWatermark) {
    replica.highWatermark = highWatermark;
    touchPartition(state, replica.partition);
  }
  if (logEndOffset(replica) > before || replica.highWatermark !== hwBefore) sendFetch(state, brokerId, replica);
  else backoff(state, brokerId, replica);
}

/**
 * UnifiedLog.appendAsFollower: the leader's batches, whole and in order, at the log end. The
 * leader sends whole batches (leader.ts recordsFrom), so the follower's log end stays between
 * batches.
 */
function appendBatches(state: ClusterState, brokerId: number, replica: ReplicaState, records: readonly WireRecord[]): void {
  if (records.length === 0) return;
  assert(records[0].batchStart !== false, () => `broker ${brokerId} p${replica.partition}: a fetch answer starts inside a batch, at offset ${records[0].offset}`);
  const batchCount = records.filter((r) => r.batchStart !== false).length;
  assert(records.length <= LIMITS.fetchRecordsMax || batchCount === 1, () => `broker ${brokerId} p${replica.partition}: a fetch answer of ${records.length} records in ${batchCount} batches`);
  const strict = epochOrderStrict(state.config);
  touchPartition(state, replica.partition);
  for (const record of records) {
    assert(record.offset === logEndOffset(replica), () => `broker ${brokerId} p${replica.partition}: fetched offset ${record.offset} but log end is ${logEndOffset(replica)}`);
    appendEntry(replica, { epoch: record.epoch, value: record.value, producerId: record.producerId, producerEpoch: record.producerEpoch, sequence: record.sequence, batchStart: record.batchStart }, strict);
  }
}

/** The connection to the leader dropped: the in-flight fetch or query is lost; retry after a backoff. */
export function onLeaderDisconnect(state: ClusterState, brokerId: number, leaderId: number): void {
  const broker = brokerAt(state, brokerId);
  for (const replica of broker.replicas) {
    if (replica === null || replica.role !== 'follower' || replica.leaderId !== leaderId) continue;
    if (replica.fetchInFlight) {
      replica.fetchInFlight = false;
      backoff(state, brokerId, replica);
    } else if (replica.truncationPending && !replica.fetchBackoff) {
      backoffQuery(state, brokerId, replica);
    }
  }
}
