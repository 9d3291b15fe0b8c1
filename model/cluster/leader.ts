/**
 * The leader side of replication: serving follower fetches (with truncation detection and epoch
 * fencing), deciding ISR shrinks and expansions (proposed to the controller in alterPartition.ts),
 * appending produces, and serving the final reader. The HW and the acks=all purgatory are in
 * highWatermark.ts.
 *
 * Facts followed: with fencing a follower joins the ISR only once the leader's HW has reached the
 * start of its epoch (Kip320.tla rule 4); no ISR change is proposed while one is pending.
 */
import { assert } from '../kernel/assert.ts';
import { LIMITS } from '../limits.ts';
import { brokerNode } from '../network/nodes.ts';
import type { KafkaError, Rpc, WireRecord } from '../network/rpc.ts';
import { brokerAt, send } from './access.ts';
import { proposeIsr } from './alterPartition.ts';
import { maybeAdvanceHighWatermark } from './highWatermark.ts';
import { checkSequence } from './producerStateCheck.ts';
import { appendEntry, endOffsetForEpoch, endOffsetForEpochKip101, logEndOffset } from './log.ts';
import type { ClusterState, ReplicaState } from './types.ts';

type Req<T extends Rpc['type']> = Extract<Rpc, { type: T }>;

function recordsFrom(replica: ReplicaState, offsetStart: number, offsetEnd: number): WireRecord[] {
  const out: WireRecord[] = [];
  const end = Math.min(offsetEnd, offsetStart + LIMITS.fetchRecordsMax);
  for (let offset = offsetStart; offset < end; offset++) {
    const entry = replica.log[offset];
    out.push({ offset, epoch: entry.epoch, value: entry.value, producerId: entry.producerId, sequence: entry.sequence, batchStart: entry.batchStart });
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

function maybeExpandIsr(state: ClusterState, brokerId: number, replica: ReplicaState, followerId: number, followerEnd: number): void {
  if (replica.isrChange !== null || replica.isr.includes(followerId)) return;
  if (followerEnd < replica.highWatermark) return;
  if (state.config['model.fencing']) {
    const cache = replica.epochCache;
    const epochStart = cache.length ? cache[cache.length - 1].startOffset : 0;
    if (replica.highWatermark < epochStart) return;
  }
  proposeIsr(state, brokerId, replica, 'expand', replica.isr.concat([followerId]));
}

/** ISR expiration (replica.lag.time.max.ms): drop followers that have not caught up in time. */
export function expireIsr(state: ClusterState, brokerId: number): void {
  const lagMs = state.config['replica.lag.time.max.ms'];
  for (const replica of brokerAt(state, brokerId).replicas) {
    if (replica === null || replica.role !== 'leader' || replica.isrChange !== null) continue;
    const lagging = replica.isr.filter((id) => {
      if (id === brokerId) return false;
      const follower = replica.followers.find((f) => f.brokerId === id);
      return follower === undefined || state.nowMs - follower.lastCaughtUpTimeMs > lagMs;
    });
    if (lagging.length) proposeIsr(state, brokerId, replica, 'shrink', replica.isr.filter((id) => !lagging.includes(id)));
  }
}

export function handleFetch(state: ClusterState, brokerId: number, from: string, req: Req<'Fetch'>): void {
  const replica = brokerAt(state, brokerId).replicas[req.partition] ?? null;
  const reply = (error: KafkaError, extra: Partial<Req<'FetchResponse'>> = {}): void =>
    send(state, brokerNode(brokerId), from, {
      type: 'FetchResponse',
      fetchId: req.fetchId,
      partition: req.partition,
      error,
      leaderEpoch: replica ? replica.leaderEpoch : -1,
      highWatermark: replica ? replica.highWatermark : 0,
      logEndOffset: replica ? logEndOffset(replica) : 0,
      records: [],
      divergingEpoch: null,
      ...extra,
    });
  if (replica === null || replica.role !== 'leader') return reply('NOT_LEADER_OR_FOLLOWER');
  if (state.config['model.fencing']) {
    if (req.currentLeaderEpoch < replica.leaderEpoch) return reply('FENCED_LEADER_EPOCH');
    if (req.currentLeaderEpoch > replica.leaderEpoch) return reply('UNKNOWN_LEADER_EPOCH');
  }
  if (state.config['model.truncation'] === 'diverging-epoch' && req.lastFetchedEpoch >= 0) {
    const end = endOffsetForEpoch(replica, req.lastFetchedEpoch);
    if (end.epoch < req.lastFetchedEpoch || end.endOffset < req.fetchOffset) {
      return reply('NONE', { divergingEpoch: { epoch: end.epoch, endOffset: end.endOffset } });
    }
  }
  const leaderEnd = logEndOffset(replica);
  if (req.fetchOffset > leaderEnd) return reply('OFFSET_OUT_OF_RANGE');
  let follower = replica.followers.find((f) => f.brokerId === req.replicaId);
  if (follower === undefined) {
    follower = { brokerId: req.replicaId, logEndOffset: -1, lastCaughtUpTimeMs: -1, lastFetchLeaderEpoch: -1 };
    replica.followers.push(follower);
    replica.followers.sort((a, b) => a.brokerId - b.brokerId);
  }
  follower.logEndOffset = req.fetchOffset;
  follower.lastFetchLeaderEpoch = req.currentLeaderEpoch;
  if (req.fetchOffset >= leaderEnd) follower.lastCaughtUpTimeMs = state.nowMs;
  maybeExpandIsr(state, brokerId, replica, req.replicaId, req.fetchOffset);
  maybeAdvanceHighWatermark(state, brokerId, replica);
  reply('NONE', { records: recordsFrom(replica, req.fetchOffset, leaderEnd) });
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
  const end = endOffsetForEpoch(replica, req.leaderEpoch);
  reply('NONE', end.epoch, end.endOffset);
}

export function handleProduce(state: ClusterState, brokerId: number, from: string, req: Req<'Produce'>): void {
  const replica = brokerAt(state, brokerId).replicas[req.partition] ?? null;
  const reply = (error: KafkaError, baseOffset: number): void => {
    if (req.acks === 0) return; // acks=0: the broker never answers
    send(state, brokerNode(brokerId), from, { type: 'ProduceResponse', requestId: req.requestId, partition: req.partition, error, baseOffset });
  };
  if (replica === null || replica.role !== 'leader') return reply('NOT_LEADER_OR_FOLLOWER', -1);
  if (req.acks === -1 && replica.isr.length < state.config['min.insync.replicas']) return reply('NOT_ENOUGH_REPLICAS', -1);
  assert(req.records.length > 0, 'empty produce request');
  const first = req.records[0];
  const verdict = checkSequence(replica, first.producerId, first.sequence);
  if (verdict.type === 'reject') return reply(verdict.error, -1);
  if (verdict.type === 'duplicate') {
    // A retry of a batch already in the log: answer with its offset once it is committed.
    if (req.acks === -1 && verdict.offset >= replica.highWatermark) {
      replica.pendingProduces.push({ requestId: req.requestId, client: from, offsetRequired: verdict.offset + 1, baseOffset: verdict.offset });
      return;
    }
    return reply('NONE', verdict.offset);
  }
  const baseOffset = logEndOffset(replica);
  req.records.forEach((record, i) => {
    if (first.producerId >= 0) assert(record.sequence === first.sequence + i, `batch of producer ${first.producerId} has sequence ${record.sequence} at position ${i}`);
    appendEntry(replica, { epoch: replica.leaderEpoch, value: record.value, producerId: record.producerId, sequence: record.sequence, batchStart: i === 0 }, state.config['model.fencing']);
  });
  // The leader's epoch cache already holds its epoch (assigned on becoming leader).
  assert(replica.epochCache.length > 0 && replica.epochCache[replica.epochCache.length - 1].epoch === replica.leaderEpoch, `leader epoch cache of broker ${brokerId} p${replica.partition} lacks epoch ${replica.leaderEpoch}`);
  if (replica.log.length - replica.flushedCount >= state.config['flush.messages']) replica.flushedCount = replica.log.length;
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
