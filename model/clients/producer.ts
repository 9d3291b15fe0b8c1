/**
 * The producer (Java client shape): KafkaProducer.send chooses a partition (partitionChoice.ts)
 * and puts the record in that partition's queue (the RecordAccumulator), where records form
 * batches of up to batch.size bytes. The sender sends a partition's first batch once it is full or
 * has waited linger.ms, one batch per Produce request to the partition leader, at most
 * max.in.flight.requests.per.connection requests per broker. A retriable error or a timeout puts
 * the batch back at the front of its queue, whole, after retry.backoff.ms (which is how retries
 * reorder with several requests in flight), within `retries` and delivery.timeout.ms. Every send's
 * outcome goes to the history: ok (with offset), fail (definitely not written) or info (may have
 * been written).
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
import type { ProducerRecord, ProducerState } from './producerTypes.ts';
import { afterAppend, choosePartition, openBatchBytes, updateLoadStats } from './partitionChoice.ts';
import { RECORD_BATCH_HEADER_BYTES, recordSizeBytes } from './recordSize.ts';
import { workloadKey } from './workloadKey.ts';

type Res<T extends Rpc['type']> = Extract<Rpc, { type: T }>;

/** Retriable produce errors (Java: RetriableException subclasses). */
const RETRIABLE: readonly KafkaError[] = ['OUT_OF_ORDER_SEQUENCE_NUMBER', 'NOT_LEADER_OR_FOLLOWER', 'NOT_ENOUGH_REPLICAS', 'NOT_ENOUGH_REPLICAS_AFTER_APPEND', 'REQUEST_TIMED_OUT', 'NETWORK_EXCEPTION', 'FENCED_LEADER_EPOCH', 'UNKNOWN_LEADER_EPOCH'];
/** Errors after which the record may have been appended. */
const MAYBE_WRITTEN: readonly KafkaError[] = ['NOT_ENOUGH_REPLICAS_AFTER_APPEND', 'REQUEST_TIMED_OUT', 'NETWORK_EXCEPTION'];

export function createProducer(index: number, workloadSize: number, partitionCount: number, brokerCount: number, idempotent: boolean, seed: string, partitionerName: string): ProducerState {
  return {
    clientId: producerNode(index),
    workloadNext: 0,
    workloadSize,
    queues: Array.from({ length: partitionCount }, () => []),
    inFlight: [],
    leaders: Array.from({ length: partitionCount }, () => ({ leader: -1, leaderEpoch: -1 })),
    metadataInFlight: false,
    metadataStale: true,
    bootstrapIndex: index - 1,
    // InitProducerId is not modelled: an idempotent producer starts with its id.
    producerId: idempotent ? producerIdOf(index, 0) : -1,
    sequenceNext: Array.from({ length: partitionCount }, () => 0),
    sequenceAcked: Array.from({ length: partitionCount }, () => -1),
    producerEpoch: 0,
    epochBumpPending: false,
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

/** InitProducerId is not modelled: producer n's id for epoch e is a fixed function of both. */
function producerIdOf(index: number, epoch: number): number {
  return index * 1000 + epoch;
}

export function producerOf(state: ClusterState, clientId: string): ProducerState {
  const producer = state.producers.find((p) => p.clientId === clientId);
  assert(producer !== undefined, `no producer ${clientId}`);
  return producer;
}

function sendOpOf(state: ClusterState, opId: string): SendOp {
  const op = state.history.ops.find((o) => o.id === opId);
  assert(op !== undefined && op.type === 'send', `no send op ${opId}`);
  return op;
}

/** The workload: KafkaProducer.send of the next unique value. */
export function sendNext(state: ClusterState, clientId: string): void {
  const producer = producerOf(state, clientId);
  assert(producer.workloadNext < producer.workloadSize, `${clientId} has sent its whole workload`);
  const index = state.producers.indexOf(producer);
  const sequenceInWorkload = producer.workloadNext++;
  const value = `v${index * producer.workloadSize + sequenceInWorkload + 1}`;
  const partitionCount = producer.queues.length;
  const key = workloadKey(state.config, sequenceInWorkload);
  const sizeBytes = recordSizeBytes(key === null ? -1 : key.length, value.length);
  const partition = choosePartition(state, producer, index, sequenceInWorkload, key, sizeBytes);
  assert(Number.isInteger(partition) && partition >= 0 && partition < partitionCount, `${clientId} chose partition ${partition} of ${partitionCount}`);
  const opId = nextId(state, 'send');
  assert(state.history.ops.length < LIMITS.historyOpsMax, 'history too long');
  state.history.ops.push({ type: 'send', id: opId, process: clientId, value, key, partition, partitionCount, acks: state.config.acks, sendIndex: sequenceInWorkload, attempts: 0, invokeTimeMs: state.nowMs, outcome: null });
  // Idempotence: the sequence is fixed at first send, so every retry carries the same one.
  const sequence = producer.producerId >= 0 ? producer.sequenceNext[partition]++ : -1;
  const newBatch = openBatchBytes(state, producer, partition) === 0 || openBatchBytes(state, producer, partition) + sizeBytes > state.config['batch.size'];
  producer.queues[partition].push({ opId, value, key, partition, attempts: 0, maybeWritten: false, invokeTimeMs: state.nowMs, sequence, sequenceProducerId: producer.producerId, retryNotBeforeMs: state.nowMs, sizeBytes, batchId: null });
  producer.partitioner.dequeExists[partition] = true;
  afterAppend(state, producer, partition, key, newBatch ? RECORD_BATCH_HEADER_BYTES + sizeBytes : sizeBytes);
  drain(state, producer);
}

function requestMetadata(state: ClusterState, producer: ProducerState): void {
  if (producer.metadataInFlight) return;
  const brokerCount = state.brokers.length;
  const brokerId = (producer.bootstrapIndex % brokerCount) + 1;
  producer.bootstrapIndex++;
  const requestId = nextId(state, 'metadata');
  producer.metadataInFlight = true;
  producer.inFlight.push({ requestId, broker: brokerId, partition: -1, records: [], sentMs: state.nowMs });
  send(state, producer.clientId, brokerNode(brokerId), { type: 'Metadata', requestId });
  setTimer(state, 'producer-request-timeout', producer.clientId, requestId, state.config['request.timeout.ms']);
}

function complete(state: ClusterState, record: ProducerRecord, outcome: SendOp['outcome']): void {
  const op = sendOpOf(state, record.opId);
  assert(op.outcome === null, `send ${record.opId} completed twice`);
  op.outcome = outcome;
  op.attempts = record.attempts;
}

/**
 * Expires records past delivery.timeout.ms, queued or in flight (Java's Sender expires in-flight
 * batches too; a late response for them is ignored), and sets the timer for the next deadline.
 */
function expire(state: ClusterState, producer: ProducerState): void {
  const timeoutMs = state.config['delivery.timeout.ms'];
  const expired = (record: ProducerRecord): boolean => state.nowMs - record.invokeTimeMs >= timeoutMs;
  const error = 'delivery.timeout.ms expired';
  let deadlineNextMs = Infinity;
  for (const queue of producer.queues) {
    for (let i = queue.length - 1; i >= 0; i--) {
      const record = queue[i];
      if (expired(record)) {
        queue.splice(i, 1);
        complete(state, record, record.maybeWritten ? { type: 'info', error, timeMs: state.nowMs } : { type: 'fail', error, timeMs: state.nowMs });
      } else {
        deadlineNextMs = Math.min(deadlineNextMs, record.invokeTimeMs + timeoutMs);
      }
    }
  }
  for (const request of producer.inFlight) {
    const kept: ProducerRecord[] = [];
    for (const record of request.records) {
      if (expired(record)) complete(state, record, { type: 'info', error, timeMs: state.nowMs });
      else {
        kept.push(record);
        deadlineNextMs = Math.min(deadlineNextMs, record.invokeTimeMs + timeoutMs);
      }
    }
    request.records = kept;
  }
  if (deadlineNextMs === Infinity) clearTimer(state, 'producer-delivery-timeout', producer.clientId, 'delivery');
  else setTimer(state, 'producer-delivery-timeout', producer.clientId, 'delivery', deadlineNextMs - state.nowMs);
}

/**
 * The partition's first batch, if it is ready to send (RecordAccumulator.ready): a batch being
 * retried (sent again whole), a full batch, or one whose first record has waited linger.ms.
 * Null when the batch should linger.
 */
function takeBatch(state: ClusterState, queue: ProducerRecord[]): ProducerRecord[] | null {
  const head = queue[0];
  if (head.batchId !== null) {
    let end = 1;
    while (end < queue.length && queue[end].batchId === head.batchId) end++;
    return queue.slice(0, end);
  }
  const batchSize = state.config['batch.size'];
  let bytes = RECORD_BATCH_HEADER_BYTES + head.sizeBytes;
  let end = 1;
  while (end < queue.length && queue[end].batchId === null && bytes + queue[end].sizeBytes <= batchSize) bytes += queue[end++].sizeBytes;
  const full = end < queue.length || bytes >= batchSize;
  const lingered = state.nowMs - head.invokeTimeMs >= state.config['linger.ms'];
  return full || lingered ? queue.slice(0, end) : null;
}

/** The sender: turns queued records into requests. */
export function drain(state: ClusterState, producer: ProducerState): void {
  expire(state, producer);
  if (producer.epochBumpPending) {
    // Java bumps the idempotent epoch only once nothing is in flight, then renumbers what waits.
    if (producer.inFlight.some((r) => r.partition >= 0)) return;
    bumpEpoch(producer);
  }
  const maxInFlight = state.config['max.in.flight.requests.per.connection'];
  let earliestRetryMs = Infinity;
  let needMetadata = producer.metadataStale;
  let lingerDueMs = Infinity;
  for (let partition = 0; partition < producer.queues.length; partition++) {
    const queue = producer.queues[partition];
    while (queue.length > 0) {
      const head = queue[0];
      if (head.retryNotBeforeMs > state.nowMs) {
        earliestRetryMs = Math.min(earliestRetryMs, head.retryNotBeforeMs);
        break;
      }
      const leader = producer.leaders[partition].leader;
      if (leader === -1 || producer.metadataStale) {
        needMetadata = true;
        break;
      }
      const batch = takeBatch(state, queue);
      if (batch !== null) producer.partitioner.leaderReadyMs[leader - 1] = state.nowMs; // NodeLatencyStats.readyTimeMs
      if (batch === null) {
        // Not full and not yet lingered: send once linger.ms has passed since its first record.
        lingerDueMs = Math.min(lingerDueMs, head.invokeTimeMs + state.config['linger.ms']);
        break;
      }
      let inFlightToLeader = 0;
      for (const request of producer.inFlight) if (request.broker === leader && request.partition >= 0) inFlightToLeader++;
      if (inFlightToLeader >= maxInFlight) break;
      queue.splice(0, batch.length);
      producer.partitioner.leaderDrainMs[leader - 1] = state.nowMs; // NodeLatencyStats.drainTimeMs
      const acks = state.config.acks;
      const requestId = nextId(state, 'produce');
      const batchId = batch[0].batchId ?? requestId;
      for (const record of batch) {
        record.attempts++;
        record.batchId = batchId;
      }
      const producerId = batch[0].sequence >= 0 ? batch[0].sequenceProducerId : -1;
      send(state, producer.clientId, brokerNode(leader), {
        type: 'Produce',
        requestId,
        partition,
        acks,
        records: batch.map((record) => ({ value: record.value, producerId, sequence: record.sequence })),
      });
      if (acks === 0) {
        // acks=0: done once written to the socket; the client never learns the offsets.
        for (const record of batch) complete(state, record, { type: 'ok', offset: null, timeMs: state.nowMs });
        continue;
      }
      producer.inFlight.push({ requestId, broker: leader, partition, records: batch, sentMs: state.nowMs });
      setTimer(state, 'producer-request-timeout', producer.clientId, requestId, state.config['request.timeout.ms']);
    }
  }
  updateLoadStats(state, producer);
  if (lingerDueMs !== Infinity) setTimer(state, 'producer-linger', producer.clientId, 'linger', Math.max(0, lingerDueMs - state.nowMs));
  if (needMetadata && producer.queues.some((q) => q.length > 0)) requestMetadata(state, producer);
  if (earliestRetryMs !== Infinity) setTimer(state, 'producer-retry-backoff', producer.clientId, 'retry', earliestRetryMs - state.nowMs);
}

/**
 * KIP-360: a new epoch (here, a new producer id) with every partition's sequence back at 0;
 * records still waiting are renumbered in queue order.
 */
function bumpEpoch(producer: ProducerState): void {
  producer.epochBumpPending = false;
  producer.producerEpoch++;
  producer.producerId = producerIdOf(Number(producer.clientId.slice('producer-'.length)), producer.producerEpoch);
  for (let partition = 0; partition < producer.queues.length; partition++) {
    producer.sequenceNext[partition] = 0;
    producer.sequenceAcked[partition] = -1;
    for (const record of producer.queues[partition]) {
      record.sequence = producer.sequenceNext[partition]++;
      record.sequenceProducerId = producer.producerId;
    }
  }
}

/**
 * OUT_OF_ORDER_SEQUENCE_NUMBER is retriable only while an earlier sequence is still unresolved
 * (Java's TransactionManager.canRetry: the batch is not the next expected one). For the next
 * expected batch it means the broker lost acknowledged records: the batch fails and the producer
 * bumps its epoch (OutOfOrderSequenceException javadoc: an idempotent-only producer may go on).
 */
function outOfOrderIsFatal(producer: ProducerState, record: ProducerRecord): boolean {
  return record.sequenceProducerId !== producer.producerId || record.sequence === producer.sequenceAcked[record.partition] + 1;
}

/** A failed attempt: retry (back at the front of its queue) or complete as fail/info. */
function failAttempt(state: ClusterState, producer: ProducerState, record: ProducerRecord, error: KafkaError): void {
  if (MAYBE_WRITTEN.includes(error)) record.maybeWritten = true;
  if (error === 'OUT_OF_ORDER_SEQUENCE_NUMBER' && outOfOrderIsFatal(producer, record)) {
    producer.epochBumpPending = true;
    complete(state, record, record.maybeWritten ? { type: 'info', error, timeMs: state.nowMs } : { type: 'fail', error, timeMs: state.nowMs });
    return;
  }
  if (record.sequence >= 0 && record.sequenceProducerId !== producer.producerId) {
    // Sent under an epoch that has since been bumped: it joins the queue under the new epoch.
    record.sequence = producer.sequenceNext[record.partition]++;
    record.sequenceProducerId = producer.producerId;
  }
  const retriesLeft = record.attempts <= state.config.retries;
  const inTime = state.nowMs - record.invokeTimeMs < state.config['delivery.timeout.ms'];
  if (RETRIABLE.includes(error) && retriesLeft && inTime) {
    record.retryNotBeforeMs = state.nowMs + state.config['retry.backoff.ms'];
    const queue = producer.queues[record.partition];
    if (record.sequence >= 0) {
      // RecordAccumulator.reenqueue keeps an idempotent producer's batches in sequence order.
      let index = 0;
      while (index < queue.length && queue[index].sequence >= 0 && queue[index].sequence < record.sequence) index++;
      queue.splice(index, 0, record);
    } else {
      queue.unshift(record);
    }
    return;
  }
  complete(state, record, record.maybeWritten ? { type: 'info', error, timeMs: state.nowMs } : { type: 'fail', error, timeMs: state.nowMs });
}

function takeRequest(producer: ProducerState, requestId: string) {
  const index = producer.inFlight.findIndex((r) => r.requestId === requestId);
  if (index < 0) return null;
  const [request] = producer.inFlight.splice(index, 1);
  return request;
}

export function handleProduceResponse(state: ClusterState, clientId: string, res: Res<'ProduceResponse'>): void {
  const producer = producerOf(state, clientId);
  const request = takeRequest(producer, res.requestId);
  if (request === null) return; // answered after its timeout: the client has moved on
  clearTimer(state, 'producer-request-timeout', clientId, res.requestId);
  if (res.error === 'NONE') {
    request.records.forEach((record, i) => {
      complete(state, record, { type: 'ok', offset: res.baseOffset + i, timeMs: state.nowMs });
      if (record.sequence >= 0 && record.sequenceProducerId === producer.producerId && record.sequence > producer.sequenceAcked[record.partition]) {
        producer.sequenceAcked[record.partition] = record.sequence;
      }
    });
  } else {
    // Last record first: each goes back to the front of the queue, so the batch keeps its order.
    for (let i = request.records.length - 1; i >= 0; i--) failAttempt(state, producer, request.records[i], res.error);
  }
  if (res.error === 'NOT_LEADER_OR_FOLLOWER' || res.error === 'FENCED_LEADER_EPOCH' || res.error === 'UNKNOWN_LEADER_EPOCH') producer.metadataStale = true;
  drain(state, producer);
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
    producer.sequenceNext.push(0);
    producer.sequenceAcked.push(-1);
    producer.partitioner.dequeExists.push(false);
  }
  for (const p of res.partitions) producer.leaders[p.partition] = { leader: p.leader, leaderEpoch: p.leaderEpoch };
  // metadata.max.age.ms: refresh again later, while there is work left.
  if (producer.workloadNext < producer.workloadSize) setTimer(state, 'client-metadata-refresh', clientId, 'refresh', state.config['metadata.max.age.ms']);
  producer.metadataStale = false;
  if (res.partitions.length === 0 || res.partitions.some((p) => p.leader === -1)) {
    // Some partition has no known leader: ask again after a backoff.
    producer.metadataStale = true;
    setTimer(state, 'client-metadata-backoff', clientId, 'metadata', Math.max(1, state.config['retry.backoff.ms']));
    return;
  }
  drain(state, producer);
}

/** Every request in flight to `brokerId` fails: the connection is gone. */
function failConnection(state: ClusterState, producer: ProducerState, brokerId: number): void {
  const lost = producer.inFlight.filter((r) => r.broker === brokerId);
  producer.inFlight = producer.inFlight.filter((r) => r.broker !== brokerId);
  // Fail in reverse send order so unshift puts the oldest record back at the front.
  for (let i = lost.length - 1; i >= 0; i--) {
    const request = lost[i];
    clearTimer(state, 'producer-request-timeout', producer.clientId, request.requestId);
    if (request.partition < 0) producer.metadataInFlight = false;
    for (let j = request.records.length - 1; j >= 0; j--) failAttempt(state, producer, request.records[j], 'NETWORK_EXCEPTION');
  }
  producer.metadataStale = true;
  setTimer(state, 'client-metadata-backoff', producer.clientId, 'metadata', Math.max(1, state.config['retry.backoff.ms']));
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

/** Retry backoff or metadata backoff fired. */
export function onProducerTimer(state: ClusterState, clientId: string): void {
  drain(state, producerOf(state, clientId));
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
