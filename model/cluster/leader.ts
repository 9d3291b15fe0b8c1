/**
 * The leader side of replication: serving follower fetches (with truncation detection and epoch
 * fencing), deciding ISR shrinks and expansions (proposed to the controller in alterPartition.ts),
 * appending produces, and serving the final reader. The HW and the acks=all purgatory are in
 * highWatermark.ts.
 *
 * Facts followed: a follower joins the ISR once its log end reaches the HW and (with fencing, 2.1+)
 * the start of the leader's epoch; an ISR member leaves it once it is neither at the leader's log
 * end nor caught up within replica.lag.time.max.ms; no ISR change is proposed while one is
 * pending; a fetch is answered with the HW read before it updated the follower's state.
 */
import { assert } from '../kernel/assert.ts';
import { LIMITS } from '../limits.ts';
import { brokerNode } from '../network/nodes.ts';
import type { KafkaError, Rpc, WireRecord } from '../network/rpc.ts';
import { brokerAt, send } from './access.ts';
import { proposeIsr } from './alterPartition.ts';
import { minInsyncReplicasAt, recordMinIsrEnforced } from './alterConfig.ts';
import { isCaughtUp, recordFetch } from './followerFetchState.ts';
import { maybeAdvanceHighWatermark } from './highWatermark.ts';
import { checkSequence } from './producerStateCheck.ts';
import { appendEntry, batchEndOf, batchStartOf, endOffsetForEpoch, endOffsetForEpochKip101, epochOrderStrict, isBatchBoundary, logEndOffset } from './log.ts';
import type { ClusterState, FollowerView, ReplicaState } from './types.ts';
import { touchPartition } from './touched.ts';

type Req<T extends Rpc['type']> = Extract<Rpc, { type: T }>;

/**
 * The records a fetch from `fetchOffset` gets, as Kafka serves them: whole batches (LogSegment.read
 * starts at the batch holding the fetch offset; a follower appends what it gets as batches,
 * UnifiedLog.appendAsFollower), only batches that end by `offsetEnd` (the log end for a follower,
 * the HW for a consumer: the read stops at the position of the batch holding it), and up to
 * LIMITS.fetchRecordsMax records, the model's replica.fetch.max.bytes / fetch.max.bytes, except
 * that the first batch comes whole whatever its size (KIP-74: at least one batch).
 */
function recordsFrom(replica: ReplicaState, fetchOffset: number, offsetEnd: number): WireRecord[] {
  const log = replica.log;
  const out: WireRecord[] = [];
  if (fetchOffset >= offsetEnd) return out;
  let start = batchStartOf(log, fetchOffset);
  while (start < offsetEnd) {
    const end = batchEndOf(log, start);
    if (end > offsetEnd) break;
    if (out.length > 0 && out.length + (end - start) > LIMITS.fetchRecordsMax) break;
    for (let offset = start; offset < end; offset++) {
      const entry = log[offset];
      out.push({ offset, epoch: entry.epoch, value: entry.value, producerId: entry.producerId, producerEpoch: entry.producerEpoch, sequence: entry.sequence, batchStart: entry.batchStart });
    }
    start = end;
  }
  return out;
}

/** Fails every waiting produce (leadership lost): NOT_LEADER_OR_FOLLOWER. */
export function abortProduces(state: ClusterState, brokerId: number, replica: ReplicaState): void {
  for (const pending of replica.pendingProduces) {
    send(state, brokerNode(brokerId), pending.client, { type: 'ProduceResponse', requestId: pending.requestId, partition: replica.partition, error: 'NOT_LEADER_OR_FOLLOWER', baseOffset: -1 });
  }
  replica.pendingProduces = [];
}

/**
 * Partition.maybeExpandIsr: a follower outside the ISR joins once its log end reaches the HW and,
 * since 2.1 (KAFKA-7128, with KIP-320's fencing: model.fencing), the start offset of the leader's
 * epoch, so that it holds every record of earlier epochs the leader may yet commit; and only if it
 * may join at all (isReplicaIsrEligible). Nothing is proposed while an ISR change is pending.
 */
function maybeExpandIsr(state: ClusterState, brokerId: number, replica: ReplicaState, follower: FollowerView): void {
  if (replica.isrChange !== null || replica.isr.includes(follower.brokerId)) return;
  if (follower.logEndOffset < replica.highWatermark) return;
  if (state.config['model.fencing'] && follower.logEndOffset < leaderEpochStartOffset(replica)) return;
  if (!isReplicaIsrEligible(state, brokerId, follower)) return;
  proposeIsr(state, brokerId, replica, 'expand', replica.isr.concat([follower.brokerId]));
}

/**
 * Partition.isReplicaIsrEligible, as the leader's metadata cache knows the follower's registration
 * (KRaft, 3.3+; ZooKeeper-era leaders asked whether the broker was alive): not fenced, and, with
 * KIP-903 (model.isr.broker.epoch, 3.5+), the broker epoch of its last fetch is its current
 * registration's (isBrokerEpochIsrEligible): fetch state from a process that has since restarted,
 * and maybe lost records, does not count.
 */
function isReplicaIsrEligible(state: ClusterState, brokerId: number, follower: FollowerView): boolean {
  const registration = brokerAt(state, brokerId).registrations[follower.brokerId - 1];
  if (registration === undefined || registration.brokerEpoch === -1 || registration.fenced) return false;
  return !state.config['model.isr.broker.epoch'] || follower.brokerEpoch === registration.brokerEpoch;
}

/** The offset at which the leader's current epoch began (Partition.leaderEpochStartOffsetOpt). */
function leaderEpochStartOffset(replica: ReplicaState): number {
  const cache = replica.epochCache;
  assert(cache.length > 0 && cache[cache.length - 1].epoch === replica.leaderEpoch, () => `leader p${replica.partition} has no epoch-cache entry for its epoch ${replica.leaderEpoch}`);
  return cache[cache.length - 1].startOffset;
}

/**
 * ISR expiration (replica.lag.time.max.ms; Partition.maybeShrinkIsr): drop the ISR members that
 * are not caught up (getOutOfSyncReplicas: not at the leader's log end, and not caught up within
 * the lag time). Nothing is proposed while an ISR change is pending.
 */
/** The leader's view of follower `brokerId`, or undefined. */
function followerOf(replica: ReplicaState, brokerId: number): FollowerView | undefined {
  for (const follower of replica.followers) if (follower.brokerId === brokerId) return follower;
  return undefined;
}

export function expireIsr(state: ClusterState, brokerId: number): void {
  const lagMs = state.config['replica.lag.time.max.ms'];
  for (const replica of brokerAt(state, brokerId).replicas) {
    if (replica === null || replica.role !== 'leader' || replica.isrChange !== null) continue;
    const leaderEnd = logEndOffset(replica);
    // Most expirations find every member caught up: nothing is built for them.
    let lagging: number[] | null = null;
    for (const id of replica.isr) {
      if (id === brokerId) continue;
      const follower = followerOf(replica, id);
      if (follower === undefined || !isCaughtUp(follower, leaderEnd, state.nowMs, lagMs)) (lagging ??= []).push(id);
    }
    if (lagging !== null) {
      const out = lagging;
      proposeIsr(state, brokerId, replica, 'shrink', replica.isr.filter((id) => !out.includes(id)));
    }
  }
}

/** A Fetch answered without records (an error, or a diverging epoch): what the replica, if any, shows now. */
function sendFetchResponse(state: ClusterState, brokerId: number, to: string, req: Req<'Fetch'>, replica: ReplicaState | null, error: KafkaError, divergingEpoch: Req<'FetchResponse'>['divergingEpoch'] = null): void {
  send(state, brokerNode(brokerId), to, {
    type: 'FetchResponse',
    fetchId: req.fetchId,
    partition: req.partition,
    error,
    leaderEpoch: replica ? replica.leaderEpoch : -1,
    highWatermark: replica ? replica.highWatermark : 0,
    logEndOffset: replica ? logEndOffset(replica) : 0,
    records: [],
    divergingEpoch,
  });
}

export function handleFetch(state: ClusterState, brokerId: number, from: string, req: Req<'Fetch'>): void {
  const replica = brokerAt(state, brokerId).replicas[req.partition] ?? null;
  if (replica === null || replica.role !== 'leader') return sendFetchResponse(state, brokerId, from, req, replica, 'NOT_LEADER_OR_FOLLOWER');
  if (state.config['model.fencing']) {
    if (req.currentLeaderEpoch < replica.leaderEpoch) return sendFetchResponse(state, brokerId, from, req, replica, 'FENCED_LEADER_EPOCH');
    if (req.currentLeaderEpoch > replica.leaderEpoch) return sendFetchResponse(state, brokerId, from, req, replica, 'UNKNOWN_LEADER_EPOCH');
  }
  if (state.config['model.truncation'] === 'diverging-epoch' && req.lastFetchedEpoch >= 0) {
    const end = endOffsetForEpoch(replica, req.lastFetchedEpoch);
    if (end.epoch < req.lastFetchedEpoch || end.endOffset < req.fetchOffset) {
      return sendFetchResponse(state, brokerId, from, req, replica, 'NONE', { epoch: end.epoch, endOffset: end.endOffset });
    }
  }
  // Partition.readRecords reads the HW and the log end before this fetch updates anything ("any
  // appends following the fetch do not prevent a follower from coming into sync"): the response
  // carries that HW, so a follower learns an HW its own fetch advanced one fetch later. Kafka has
  // done so since 0.11: ReplicaManager.readFromLocalLog read it the same way until 2.4 moved the
  // read into Partition.readRecords.
  const leaderEnd = logEndOffset(replica);
  const highWatermark = replica.highWatermark;
  if (req.fetchOffset > leaderEnd) return sendFetchResponse(state, brokerId, from, req, replica, 'OFFSET_OUT_OF_RANGE');
  const follower = followerOf(replica, req.replicaId);
  // Partition.followerReplicaOrThrow: a broker that is no replica of the partition.
  if (follower === undefined) return sendFetchResponse(state, brokerId, from, req, replica, state.config['model.fencing'] ? 'UNKNOWN_LEADER_EPOCH' : 'NOT_LEADER_OR_FOLLOWER');
  // A follower holds whole batches, and under epochOrderStrict its log is a prefix of this
  // leader's (the fetch passed fencing, and truncation cut it back to a shared epoch): its log end
  // falls between two of this leader's batches. Under the legacy rules a divergent follower may
  // ask from inside a batch; the answer then starts below its log end and it stops fetching.
  if (epochOrderStrict(state.config)) assert(isBatchBoundary(replica.log, req.fetchOffset), () => `broker ${req.replicaId} p${req.partition} fetches from offset ${req.fetchOffset}, inside a batch of leader ${brokerId}`);
  const records = recordsFrom(replica, req.fetchOffset, leaderEnd);
  // Partition.updateFollowerFetchState: the fetch state, an ISR expansion, and the HW only when
  // the follower's log end moved.
  const followerEndBefore = follower.logEndOffset;
  recordFetch(follower, req.fetchOffset, leaderEnd, req.currentLeaderEpoch, req.replicaEpoch, state.nowMs);
  maybeExpandIsr(state, brokerId, replica, follower);
  if (follower.logEndOffset !== followerEndBefore) maybeAdvanceHighWatermark(state, brokerId, replica);
  send(state, brokerNode(brokerId), from, { type: 'FetchResponse', fetchId: req.fetchId, partition: req.partition, error: 'NONE', leaderEpoch: replica.leaderEpoch, highWatermark, logEndOffset: leaderEnd, records, divergingEpoch: null });
}

export function handleEpochQuery(state: ClusterState, brokerId: number, from: string, req: Req<'OffsetForLeaderEpoch'>): void {
  const replica = brokerAt(state, brokerId).replicas[req.partition] ?? null;
  const reply = (error: KafkaError, leaderEpoch: number, endOffset: number): void =>
    send(state, brokerNode(brokerId), from, { type: 'OffsetForLeaderEpochResponse', requestId: req.requestId, partition: req.partition, error, leaderEpoch, endOffset });
  if (replica === null || replica.role !== 'leader') return reply('NOT_LEADER_OR_FOLLOWER', -1, -1);
  if (state.config['model.fencing']) {
    if (req.currentLeaderEpoch < replica.leaderEpoch) return reply('FENCED_LEADER_EPOCH', -1, -1);
    if (req.currentLeaderEpoch > replica.leaderEpoch) return reply('UNKNOWN_LEADER_EPOCH', -1, -1);
  }
  if (state.config['model.truncation'] === 'kip-101') return reply('NONE', req.leaderEpoch, endOffsetForEpochKip101(replica, req.leaderEpoch));
  // KIP-279: 2.0 answers an epoch below every cached one as undefined; 2.1+ (with KIP-320 fencing) with its first start offset.
  const end = endOffsetForEpoch(replica, req.leaderEpoch, state.config['model.fencing']);
  reply('NONE', end.epoch, end.endOffset);
}

export function handleProduce(state: ClusterState, brokerId: number, from: string, req: Req<'Produce'>): void {
  const replica = brokerAt(state, brokerId).replicas[req.partition] ?? null;
  const reply = (error: KafkaError, baseOffset: number): void => {
    if (req.acks === 0) return; // acks=0: the broker never answers
    send(state, brokerNode(brokerId), from, { type: 'ProduceResponse', requestId: req.requestId, partition: req.partition, error, baseOffset });
  };
  if (replica === null || replica.role !== 'leader') return reply('NOT_LEADER_OR_FOLLOWER', -1);
  // The min.insync.replicas this leader has applied from metadata (a dynamic topic config).
  if (req.acks === -1 && replica.isr.length < minInsyncReplicasAt(state, brokerId)) return reply('NOT_ENOUGH_REPLICAS', -1);
  assert(req.records.length > 0, 'empty produce request');
  const idempotent = req.producerId >= 0;
  if (idempotent) assert(req.producerEpoch >= 0 && req.baseSequence >= 0, () => `idempotent batch of producer ${req.producerId} without epoch (${req.producerEpoch}) or sequence (${req.baseSequence})`);
  // UnifiedLog.analyzeAndValidateProducerState, after Partition.appendRecordsToLeader's min.insync.replicas check.
  const verdict = checkSequence(replica, { producerId: req.producerId, producerEpoch: req.producerEpoch, firstSeq: req.baseSequence, lastSeq: req.baseSequence + req.records.length - 1 });
  if (verdict.type === 'reject') return reply(verdict.error, -1);
  if (verdict.type === 'duplicate') {
    // A retry of a batch already in the log: answered with its offsets once its last record is
    // committed (DelayedProduce waits for the batch's last offset + 1).
    if (req.acks === -1 && verdict.lastOffset + 1 > replica.highWatermark) {
      replica.pendingProduces.push({ requestId: req.requestId, client: from, offsetRequired: verdict.lastOffset + 1, baseOffset: verdict.firstOffset });
      return;
    }
    if (req.acks === -1) recordMinIsrEnforced(state, brokerId, req.partition, verdict.firstOffset, verdict.lastOffset + 1, 'acknowledgement');
    return reply('NONE', verdict.firstOffset);
  }
  const baseOffset = logEndOffset(replica);
  touchPartition(state, req.partition);
  req.records.forEach((record, i) => {
    const sequence = idempotent ? req.baseSequence + i : -1;
    appendEntry(replica, { epoch: replica.leaderEpoch, value: record.value, producerId: req.producerId, producerEpoch: req.producerEpoch, sequence, batchStart: i === 0 }, state.config['model.fencing']);
  });
  // The leader's epoch cache already holds its epoch (assigned on becoming leader).
  assert(replica.epochCache.length > 0 && replica.epochCache[replica.epochCache.length - 1].epoch === replica.leaderEpoch, () => `leader epoch cache of broker ${brokerId} p${replica.partition} lacks epoch ${replica.leaderEpoch}`);
  if (replica.log.length - replica.flushedCount >= state.config['flush.messages']) replica.flushedCount = replica.log.length;
  recordMinIsrEnforced(state, brokerId, req.partition, baseOffset, logEndOffset(replica), 'append');
  if (req.acks === -1) replica.pendingProduces.push({ requestId: req.requestId, client: from, offsetRequired: logEndOffset(replica), baseOffset });
  // The leader recomputes the HW after every append (with an ISR of one it moves at once).
  maybeAdvanceHighWatermark(state, brokerId, replica);
  if (req.acks === 1) reply('NONE', baseOffset);
}

/** Consumer fetch (the final reader): records below the high watermark only. */
export function handleConsumerFetch(state: ClusterState, brokerId: number, from: string, req: Req<'ConsumerFetch'>): void {
  const replica = brokerAt(state, brokerId).replicas[req.partition] ?? null;
  if (replica === null || replica.role !== 'leader') {
    send(state, brokerNode(brokerId), from, { type: 'ConsumerFetchResponse', requestId: req.requestId, partition: req.partition, error: 'NOT_LEADER_OR_FOLLOWER', leaderEpoch: -1, highWatermark: -1, records: [] });
    return;
  }
  const hw = replica.highWatermark;
  const error: KafkaError = req.fetchOffset > hw ? 'OFFSET_OUT_OF_RANGE' : 'NONE';
  send(state, brokerNode(brokerId), from, {
    type: 'ConsumerFetchResponse',
    requestId: req.requestId,
    partition: req.partition,
    error,
    leaderEpoch: replica.leaderEpoch,
    highWatermark: hw,
    records: error === 'NONE' ? recordsFrom(replica, req.fetchOffset, hw) : [],
  });
}

/** Client metadata request: this broker's (possibly stale) view of partition leaders. */
export function handleClientMetadata(state: ClusterState, brokerId: number, from: string, req: Req<'Metadata'>): void {
  const broker = brokerAt(state, brokerId);
  send(state, brokerNode(brokerId), from, {
    type: 'MetadataResponse',
    requestId: req.requestId,
    partitions: broker.metadata.map((m) => ({ partition: m.partition, leader: m.leader, leaderEpoch: m.leaderEpoch })),
  });
}
