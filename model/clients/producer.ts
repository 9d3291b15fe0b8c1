/**
 * The producer (Java client shape). KafkaProducer.send chooses a partition (partitionChoice.ts) and
 * appends the record to that partition's deque in the accumulator (accumulator.ts), where batches
 * are formed at append. The Sender drains a partition's first batch once it is full or has
 * lingered linger.ms since it was opened, one batch per Produce request to the partition leader, at
 * most max.in.flight.requests.per.connection requests per broker. A retriable error or a timeout
 * puts the batch back whole, after retry.backoff.ms (which is how retries reorder with several
 * requests in flight without idempotence), within `retries` and delivery.timeout.ms. Expiry takes
 * whole batches, counted from their creation, queued or in flight (RecordAccumulator.expiredBatches,
 * Sender.getExpiredInflightBatches); an answer that arrives for an expired batch completes nothing.
 * Idempotence (epochs, sequences, KIP-360 bumps) is transactionManager.ts. Every send's outcome goes
 * to the history: ok (with the offset, or none when the client never learns it), fail (definitely
 * not written) or info (may have been written).
 *
 * Faults it claims to survive: lost requests and responses, disconnects, leader changes.
 */
import { assert } from '../kernel/assert.ts';
import { LIMITS } from '../limits.ts';
import { brokerNode, brokerIdOf, producerNode } from '../network/nodes.ts';
import { dropConnection } from '../network/network.ts';
import type { KafkaError, Rpc } from '../network/rpc.ts';
import { nextId, send } from '../cluster/access.ts';
import { clearTimer, setTimer } from '../cluster/timers.ts';
import type { ClusterState } from '../cluster/types.ts';
import type { SendOp } from '../history.ts';
import type { ProducerBatch, ProducerState } from './producerTypes.ts';
import { append, hasReachedDeliveryTimeout, readyAtMs, reenqueue, takeExpiredBatches } from './accumulator.ts';
import { afterAppend, choosePartition, updateLoadStats } from './partitionChoice.ts';
import { recordSizeBytes } from './recordSize.ts';
import {
  assignSequence,
  bumpEpochIfRequired,
  canRetryIdempotent,
  createSequences,
  handleCompletedBatch,
  handleFailedBatch,
  markSequenceUnresolved,
  maybeResolveSequences,
  shouldStopDrain,
} from './transactionManager.ts';
import { workloadKey } from './workloadKey.ts';
import { retryBackoffMs } from './retryBackoff.ts';
import { touchPartition } from '../cluster/touched.ts';

type Res<T extends Rpc['type']> = Extract<Rpc, { type: T }>;

/** Produce errors whose Java exception is a RetriableException. */
const RETRIABLE: readonly KafkaError[] = ['NOT_LEADER_OR_FOLLOWER', 'NOT_ENOUGH_REPLICAS', 'NOT_ENOUGH_REPLICAS_AFTER_APPEND', 'REQUEST_TIMED_OUT', 'NETWORK_EXCEPTION', 'FENCED_LEADER_EPOCH', 'UNKNOWN_LEADER_EPOCH'];
/** Errors after which the batch may have been appended. */
const MAYBE_WRITTEN: readonly KafkaError[] = ['NOT_ENOUGH_REPLICAS_AFTER_APPEND', 'REQUEST_TIMED_OUT', 'NETWORK_EXCEPTION'];
const EXPIRED = 'delivery.timeout.ms expired';

export function createProducer(index: number, workloadSize: number, partitionCount: number, brokerCount: number, idempotent: boolean, seed: string, partitionerName: string): ProducerState {
  return {
    clientId: producerNode(index),
    workloadNext: 0,
    workloadSize,
    queues: Array.from({ length: partitionCount }, () => []),
    batchNext: 1,
    inFlight: [],
    leaders: Array.from({ length: partitionCount }, () => ({ leader: -1, leaderEpoch: -1 })),
    metadataInFlight: false,
    metadataStale: true,
    bootstrapIndex: index - 1,
    // InitProducerId is not modelled: an idempotent producer starts with its id, at epoch 0.
    producerId: idempotent ? index * 1000 : -1,
    producerEpoch: idempotent ? 0 : -1,
    sequences: Array.from({ length: partitionCount }, createSequences),
    epochBumpRequired: false,
    partitionsToRewrite: [],
    partitioner: {
      seed,
      draws: 0,
      stickyPartition: -1,
      producedBytes: 0,
      counter: partitionerName.startsWith('kafkajs') ? -1 : 0,
      loadStats: null,
      dequeExists: Array.from({ length: partitionCount }, () => false),
      leaderReadyMs: Array.from({ length: brokerCount }, () => 0),
      leaderDrainMs: Array.from({ length: brokerCount }, () => 0),
    },
  };
}

function isIdempotent(producer: ProducerState): boolean {
  return producer.producerId >= 0;
}

export function producerOf(state: ClusterState, clientId: string): ProducerState {
  const producer = state.producers.find((p) => p.clientId === clientId);
  assert(producer !== undefined, () => `no producer ${clientId}`);
  return producer;
}

function sendOpOf(state: ClusterState, opId: string): SendOp {
  const op = state.history.ops.find((o) => o.id === opId);
  assert(op !== undefined && op.type === 'send', () => `no send op ${opId}`);
  return op;
}

/** The workload: KafkaProducer.send of the next unique value, appended to its partition's deque. */
export function sendNext(state: ClusterState, clientId: string): void {
  const producer = producerOf(state, clientId);
  assert(producer.workloadNext < producer.workloadSize, () => `${clientId} has sent its whole workload`);
  const index = state.producers.indexOf(producer);
  const sequenceInWorkload = producer.workloadNext++;
  const value = `v${index * producer.workloadSize + sequenceInWorkload + 1}`;
  const partitionCount = producer.queues.length;
  const key = workloadKey(state.config, sequenceInWorkload);
  const sizeBytes = recordSizeBytes(key === null ? -1 : key.length, value.length);
  const partition = choosePartition(state, producer, index, sequenceInWorkload, key, sizeBytes);
  assert(Number.isInteger(partition) && partition >= 0 && partition < partitionCount, () => `${clientId} chose partition ${partition} of ${partitionCount}`);
  const opId = nextId(state, 'send');
  assert(state.history.ops.length < LIMITS.historyOpsMax, 'history too long');
  state.history.ops.push({ type: 'send', id: opId, process: clientId, value, key, partition, partitionCount, acks: state.config.acks, sendIndex: sequenceInWorkload, attempts: 0, invokeTimeMs: state.nowMs, outcome: null });
  const appendedBytes = append(state, producer, partition, { opId, value, key, sizeBytes });
  producer.partitioner.dequeExists[partition] = true;
  afterAppend(state, producer, partition, key, appendedBytes);
  runSender(state, producer);
}

function requestMetadata(state: ClusterState, producer: ProducerState): void {
  if (producer.metadataInFlight) return;
  const brokerCount = state.brokers.length;
  const brokerId = (producer.bootstrapIndex % brokerCount) + 1;
  producer.bootstrapIndex++;
  const requestId = nextId(state, 'metadata');
  producer.metadataInFlight = true;
  producer.inFlight.push({ requestId, broker: brokerId, partition: -1, batch: null, batchExpired: false, sentMs: state.nowMs });
  send(state, producer.clientId, brokerNode(brokerId), { type: 'Metadata', requestId });
  setTimer(state, 'producer-request-timeout', producer.clientId, requestId, state.config['request.timeout.ms']);
}

/** Every send of the batch ends with `outcome(i)` for its i-th record. */
function completeBatch(state: ClusterState, batch: ProducerBatch, outcome: (i: number) => NonNullable<SendOp['outcome']>): void {
  batch.records.forEach((record, i) => {
    const op = sendOpOf(state, record.opId);
    assert(op.outcome === null, () => `send ${record.opId} completed twice`);
    op.outcome = outcome(i);
    touchPartition(state, op.partition);
    op.attempts = batch.attempts;
  });
}

/** Sender.failBatch: the sends end as fail (definitely not written) or info (an attempt may have been). */
function failBatch(state: ClusterState, batch: ProducerBatch, error: string): void {
  const outcome = batch.maybeWritten ? { type: 'info' as const, error, timeMs: state.nowMs } : { type: 'fail' as const, error, timeMs: state.nowMs };
  completeBatch(state, batch, () => outcome);
}

/**
 * Expires whole batches past delivery.timeout.ms from their creation, queued
 * (RecordAccumulator.expiredBatches) or in flight (Sender.getExpiredInflightBatches: the request
 * stays out, and its answer completes nothing). An expired batch that had been re-enqueued leaves
 * its partition's sequences unresolved. Sets the timer for the next deadline.
 */
function expire(state: ClusterState, producer: ProducerState): void {
  const timeoutMs = state.config['delivery.timeout.ms'];
  const idempotent = isIdempotent(producer);
  for (const batch of takeExpiredBatches(state, producer)) {
    failBatch(state, batch, EXPIRED);
    if (idempotent && batch.retry) markSequenceUnresolved(producer, batch);
  }
  let deadlineNextMs = Infinity;
  for (const request of producer.inFlight) {
    const batch = request.batch;
    if (batch === null || request.batchExpired) continue;
    if (hasReachedDeliveryTimeout(state, batch)) {
      request.batchExpired = true;
      completeBatch(state, batch, () => ({ type: 'info', error: EXPIRED, timeMs: state.nowMs }));
      if (idempotent && batch.retry) markSequenceUnresolved(producer, batch);
    } else {
      deadlineNextMs = Math.min(deadlineNextMs, batch.createdMs + timeoutMs);
    }
  }
  for (const deque of producer.queues) if (deque.length > 0) deadlineNextMs = Math.min(deadlineNextMs, deque[0].createdMs + timeoutMs);
  if (deadlineNextMs === Infinity) clearTimer(state, 'producer-delivery-timeout', producer.clientId, 'delivery');
  else setTimer(state, 'producer-delivery-timeout', producer.clientId, 'delivery', deadlineNextMs - state.nowMs);
}

function produceRequestsTo(producer: ProducerState, brokerId: number): number {
  let count = 0;
  for (const request of producer.inFlight) if (request.broker === brokerId && request.partition >= 0) count++;
  return count;
}

/**
 * One run of the Sender (Sender.runOnce): expire, resolve sequences and bump the epoch if needed
 * (idempotence), then drain every partition's ready batches into requests.
 */
export function runSender(state: ClusterState, producer: ProducerState): void {
  expire(state, producer);
  const idempotent = isIdempotent(producer);
  if (idempotent) {
    maybeResolveSequences(producer);
    bumpEpochIfRequired(producer);
  }
  const maxInFlight = state.config['max.in.flight.requests.per.connection'];
  let earliestRetryMs = Infinity;
  let needMetadata = producer.metadataStale;
  let lingerDueMs = Infinity;
  for (let partition = 0; partition < producer.queues.length; partition++) {
    const deque = producer.queues[partition];
    while (deque.length > 0) {
      const head = deque[0];
      const readyMs = readyAtMs(state, deque);
      if (head.attempts > 0 && readyMs > state.nowMs) {
        earliestRetryMs = Math.min(earliestRetryMs, readyMs);
        break;
      }
      const leader = producer.leaders[partition].leader;
      if (leader === -1 || producer.metadataStale) {
        needMetadata = true;
        break;
      }
      if (readyMs > state.nowMs) {
        // Not full and not yet lingered: send once linger.ms has passed since the batch was opened.
        lingerDueMs = Math.min(lingerDueMs, readyMs);
        break;
      }
      // One request in flight guarantees order (Sender.guaranteeMessageOrder): a partition with a
      // request out is muted until that request is answered, whatever broker it went to.
      if (maxInFlight === 1 && producer.inFlight.some((r) => r.partition === partition)) break;
      producer.partitioner.leaderReadyMs[leader - 1] = state.nowMs; // NodeLatencyStats.readyTimeMs
      if (produceRequestsTo(producer, leader) >= maxInFlight) break;
      if (idempotent && shouldStopDrain(producer, partition, head)) break;
      deque.shift();
      producer.partitioner.leaderDrainMs[leader - 1] = state.nowMs; // NodeLatencyStats.drainTimeMs
      if (idempotent && head.baseSequence < 0) assignSequence(producer, head);
      head.attempts++;
      const acks = state.config.acks;
      const requestId = nextId(state, 'produce');
      send(state, producer.clientId, brokerNode(leader), {
        type: 'Produce',
        requestId,
        partition,
        acks,
        producerId: producer.producerId,
        producerEpoch: head.producerEpoch,
        baseSequence: head.baseSequence,
        records: head.records.map((record) => ({ value: record.value })),
      });
      if (acks === 0) {
        // acks=0: done once written to the socket; the client never learns the offsets.
        completeBatch(state, head, () => ({ type: 'ok', offset: null, timeMs: state.nowMs }));
        continue;
      }
      producer.inFlight.push({ requestId, broker: leader, partition, batch: head, batchExpired: false, sentMs: state.nowMs });
      setTimer(state, 'producer-request-timeout', producer.clientId, requestId, state.config['request.timeout.ms']);
    }
  }
  updateLoadStats(state, producer);
  if (lingerDueMs !== Infinity) setTimer(state, 'producer-linger', producer.clientId, 'linger', lingerDueMs - state.nowMs);
  if (needMetadata && producer.queues.some((q) => q.length > 0)) requestMetadata(state, producer);
  if (earliestRetryMs !== Infinity) setTimer(state, 'producer-retry-backoff', producer.clientId, 'retry', earliestRetryMs - state.nowMs);
}

/**
 * Sender.canRetry: not past delivery.timeout.ms, retries left, and a retriable error (for an
 * idempotent producer, TransactionManager.canRetry).
 */
function canRetry(state: ClusterState, producer: ProducerState, batch: ProducerBatch, error: KafkaError): boolean {
  if (hasReachedDeliveryTimeout(state, batch) || batch.attempts > state.config.retries) return false;
  const retriable = RETRIABLE.includes(error);
  return isIdempotent(producer) ? canRetryIdempotent(producer, batch, error, retriable) : retriable;
}

/**
 * Sender.completeBatch for an error: retry the batch whole, or (DUPLICATE_SEQUENCE_NUMBER) complete
 * it as a success whose offsets the client never learns, or fail it.
 */
function completeWithError(state: ClusterState, producer: ProducerState, batch: ProducerBatch, error: KafkaError): void {
  if (MAYBE_WRITTEN.includes(error)) batch.maybeWritten = true;
  if (canRetry(state, producer, batch, error)) {
    reenqueue(state, producer, batch);
    return;
  }
  if (error === 'DUPLICATE_SEQUENCE_NUMBER') {
    // The broker has the batch but no longer its offsets: success without an offset.
    handleCompletedBatch(producer, batch);
    completeBatch(state, batch, () => ({ type: 'ok', offset: null, timeMs: state.nowMs }));
    return;
  }
  failBatch(state, batch, error);
  // Sequences are adjusted only while retries were left: else the batch may have been accepted.
  if (isIdempotent(producer)) handleFailedBatch(producer, batch, error, batch.attempts <= state.config.retries);
}

function takeRequest(producer: ProducerState, requestId: string) {
  const index = producer.inFlight.findIndex((r) => r.requestId === requestId);
  if (index < 0) return null;
  const [request] = producer.inFlight.splice(index, 1);
  return request;
}

export function handleProduceResponse(state: ClusterState, clientId: string, res: Res<'ProduceResponse'>): void {
  const producer = producerOf(state, clientId);
  // The Sender expires batches on each run, before it polls for answers.
  expire(state, producer);
  const request = takeRequest(producer, res.requestId);
  if (request === null) return; // answered after its timeout: the client has moved on
  clearTimer(state, 'producer-request-timeout', clientId, res.requestId);
  const batch = request.batch;
  assert(batch !== null, () => `${clientId}: ProduceResponse for metadata request ${res.requestId}`);
  if (request.batchExpired) {
    // The sends were already reported; an acknowledgement still tells the TransactionManager
    // (Sender.completeBatch calls handleCompletedBatch before the completed future ignores it).
    if (isIdempotent(producer) && (res.error === 'NONE' || res.error === 'DUPLICATE_SEQUENCE_NUMBER')) handleCompletedBatch(producer, batch);
  } else if (res.error === 'NONE') {
    if (isIdempotent(producer)) handleCompletedBatch(producer, batch);
    completeBatch(state, batch, (i) => ({ type: 'ok', offset: res.baseOffset + i, timeMs: state.nowMs }));
  } else {
    completeWithError(state, producer, batch, res.error);
  }
  if (res.error === 'NOT_LEADER_OR_FOLLOWER' || res.error === 'FENCED_LEADER_EPOCH' || res.error === 'UNKNOWN_LEADER_EPOCH') producer.metadataStale = true;
  runSender(state, producer);
}

export function handleMetadataResponse(state: ClusterState, clientId: string, res: Res<'MetadataResponse'>): void {
  const producer = producerOf(state, clientId);
  const request = takeRequest(producer, res.requestId);
  if (request === null) return;
  clearTimer(state, 'producer-request-timeout', clientId, res.requestId);
  producer.metadataInFlight = false;
  // A larger partition count (partitions added): the producer's per-partition state grows.
  while (producer.queues.length < res.partitions.length) {
    producer.queues.push([]);
    producer.leaders.push({ leader: -1, leaderEpoch: -1 });
    producer.sequences.push(createSequences());
    producer.partitioner.dequeExists.push(false);
  }
  for (const p of res.partitions) producer.leaders[p.partition] = { leader: p.leader, leaderEpoch: p.leaderEpoch };
  // metadata.max.age.ms: refresh again later, while there is work left.
  if (producer.workloadNext < producer.workloadSize) setTimer(state, 'client-metadata-refresh', clientId, 'refresh', state.config['metadata.max.age.ms']);
  producer.metadataStale = false;
  if (res.partitions.length === 0 || res.partitions.some((p) => p.leader === -1)) {
    // Some partition has no known leader: ask again after a backoff.
    producer.metadataStale = true;
    setTimer(state, 'client-metadata-backoff', clientId, 'metadata', retryBackoffMs(state.config));
    return;
  }
  runSender(state, producer);
}

/** Every request in flight to `brokerId` fails: the connection is gone. */
function failConnection(state: ClusterState, producer: ProducerState, brokerId: number): void {
  expire(state, producer);
  const lost = producer.inFlight.filter((r) => r.broker === brokerId);
  producer.inFlight = producer.inFlight.filter((r) => r.broker !== brokerId);
  // Newest first, as NetworkClient hands them back, so re-enqueueing puts the oldest at the front.
  for (let i = lost.length - 1; i >= 0; i--) {
    const request = lost[i];
    clearTimer(state, 'producer-request-timeout', producer.clientId, request.requestId);
    if (request.batch === null) producer.metadataInFlight = false;
    else if (!request.batchExpired) completeWithError(state, producer, request.batch, 'NETWORK_EXCEPTION');
  }
  producer.metadataStale = true;
  setTimer(state, 'client-metadata-backoff', producer.clientId, 'metadata', retryBackoffMs(state.config));
}

/** request.timeout.ms expired: the Java client closes the connection and fails what was on it. */
export function onRequestTimeout(state: ClusterState, clientId: string, requestId: string): void {
  const producer = producerOf(state, clientId);
  const request = producer.inFlight.find((r) => r.requestId === requestId);
  if (!request) return;
  dropConnection(state.network, clientId, brokerNode(request.broker));
  failConnection(state, producer, request.broker);
}

export function onProducerDisconnect(state: ClusterState, clientId: string, peer: string): void {
  const brokerId = brokerIdOf(peer);
  if (brokerId < 0) return;
  const producer = producerOf(state, clientId);
  if (producer.inFlight.some((r) => r.broker === brokerId)) failConnection(state, producer, brokerId);
}

/** Retry backoff, linger, delivery timeout or metadata backoff fired: the Sender runs. */
export function onProducerTimer(state: ClusterState, clientId: string): void {
  runSender(state, producerOf(state, clientId));
}

/** metadata.max.age.ms elapsed: refresh the metadata (how a producer notices added partitions). */
export function onMetadataMaxAge(state: ClusterState, clientId: string): void {
  const producer = producerOf(state, clientId);
  if (producer.workloadNext < producer.workloadSize) requestMetadata(state, producer);
}

/** Nothing left to do: workload sent and every send completed. */
export function producerIdle(producer: ProducerState): boolean {
  return producer.workloadNext >= producer.workloadSize && producer.inFlight.length === 0 && producer.queues.every((q) => q.length === 0);
}
