/**
 * The final drain reader (Jepsen's final phase): once faults heal and the cluster settles, it
 * reads every partition from offset 0 up to the high watermark through the partition leader,
 * and records each partition's read in the history.
 */
import { assert } from '../kernel/assert.ts';
import { LIMITS } from '../limits.ts';
import { READER, brokerNode, brokerIdOf } from '../network/nodes.ts';
import type { Rpc } from '../network/rpc.ts';
import { nextId, send } from '../cluster/access.ts';
import { setTimer } from '../cluster/timers.ts';
import type { ClusterState } from '../cluster/types.ts';
import type { ReaderState } from './readerTypes.ts';
import { retryBackoffMs } from './retryBackoff.ts';

type Res<T extends Rpc['type']> = Extract<Rpc, { type: T }>;

export function createReader(partitionCount: number): ReaderState {
  return {
    clientId: READER,
    phase: 'idle',
    partition: 0,
    offsetNext: 0,
    records: [],
    leaders: Array.from({ length: partitionCount }, () => ({ leader: -1, leaderEpoch: -1 })),
    requestInFlight: null,
    metadataInFlight: false,
    bootstrapIndex: 0,
    attempts: 0,
  };
}

export function startFinalRead(state: ClusterState): void {
  const reader = state.reader;
  assert(reader.phase === 'idle', 'the final read has already started');
  reader.phase = 'reading';
  reader.partition = 0;
  reader.offsetNext = 0;
  reader.records = [];
  requestMetadata(state);
}

function requestMetadata(state: ClusterState): void {
  const reader = state.reader;
  const brokerId = (reader.bootstrapIndex % state.brokers.length) + 1;
  reader.bootstrapIndex++;
  reader.metadataInFlight = true;
  const requestId = nextId(state, 'reader-metadata');
  reader.requestInFlight = requestId;
  send(state, READER, brokerNode(brokerId), { type: 'Metadata', requestId });
}

function fetchNext(state: ClusterState): void {
  const reader = state.reader;
  const leader = reader.leaders[reader.partition].leader;
  if (leader === -1) return retry(state);
  const requestId = nextId(state, 'reader-fetch');
  reader.requestInFlight = requestId;
  send(state, READER, brokerNode(leader), { type: 'ConsumerFetch', requestId, partition: reader.partition, fetchOffset: reader.offsetNext });
}

function retry(state: ClusterState): void {
  const reader = state.reader;
  reader.attempts++;
  assert(reader.attempts <= LIMITS.readerAttemptsMax, () => `the final read of partition ${reader.partition} failed ${LIMITS.readerAttemptsMax} times; the cluster did not settle`);
  reader.requestInFlight = null;
  setTimer(state, 'client-metadata-backoff', READER, 'metadata', retryBackoffMs(state.config));
}

export function onReaderTimer(state: ClusterState): void {
  if (state.reader.phase === 'reading' && state.reader.requestInFlight === null) requestMetadata(state);
}

export function handleReaderMetadata(state: ClusterState, res: Res<'MetadataResponse'>): void {
  const reader = state.reader;
  if (reader.requestInFlight !== res.requestId) return;
  reader.metadataInFlight = false;
  reader.requestInFlight = null;
  for (const p of res.partitions) reader.leaders[p.partition] = { leader: p.leader, leaderEpoch: p.leaderEpoch };
  fetchNext(state);
}

export function handleReaderFetch(state: ClusterState, from: string, res: Res<'ConsumerFetchResponse'>): void {
  const reader = state.reader;
  if (reader.requestInFlight !== res.requestId) return;
  reader.requestInFlight = null;
  if (res.error !== 'NONE') return retry(state);
  for (const record of res.records) {
    assert(record.offset === reader.offsetNext, () => `final read of p${reader.partition}: expected offset ${reader.offsetNext}, got ${record.offset}`);
    reader.records.push({ offset: record.offset, value: record.value, leaderEpoch: record.epoch });
    reader.offsetNext++;
  }
  if (reader.offsetNext < res.highWatermark) return fetchNext(state);
  state.history.ops.push({
    type: 'read',
    id: nextId(state, 'read'),
    process: READER,
    partition: reader.partition,
    offsetStart: 0,
    highWatermark: res.highWatermark,
    records: reader.records,
    final: true,
    timeMs: state.nowMs,
    broker: brokerIdOf(from),
    leaderEpoch: res.leaderEpoch,
  });
  reader.records = [];
  reader.offsetNext = 0;
  reader.attempts = 0;
  reader.partition++;
  if (reader.partition >= reader.leaders.length) {
    reader.phase = 'done';
    return;
  }
  fetchNext(state);
}

export function onReaderDisconnect(state: ClusterState): void {
  if (state.reader.phase === 'reading' && state.reader.requestInFlight !== null) retry(state);
}
