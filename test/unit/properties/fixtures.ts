/**
 * Minimal hand-built inputs for property tests: a fresh cluster state (every broker running and
 * registered, broker 1 leading every partition in leader epoch 1, full ISR, empty logs) and
 * history ops. Only what the properties read is filled; the rest is cast.
 */
import { resolveConfig } from '../../../model/config.ts';
import type { KmcConfig } from '../../../model/config.ts';
import type { BrokerState, ClusterState, LogEntry, PartitionMeta, ReplicaState } from '../../../model/cluster/types.ts';
import type { ReaderState } from '../../../model/clients/readerTypes.ts';
import type { HistoryOp, ReadOp, SendOp } from '../../../model/history.ts';

/**
 * A durable config: the defaults plus min.insync.replicas=2, with idempotence off (the tests
 * switch it on where they judge it), so the idempotence-dependent guarantees are visible.
 */
export function safeConfig(overrides: Record<string, unknown> = {}): KmcConfig {
  return resolveConfig({ 'min.insync.replicas': 2, 'enable.idempotence': false }, overrides);
}

/** Log entries from "epoch:value" words: entries('1:v1 1:v2 2:v3'). */
export function entries(spec: string): LogEntry[] {
  if (spec.trim() === '') return [];
  return spec
    .trim()
    .split(/\s+/)
    .map((word) => {
      const [epoch, value] = word.split(':');
      return { epoch: Number(epoch), value, producerId: -1, producerEpoch: -1, sequence: -1 };
    });
}

function freshReplica(partition: number, brokerId: number, brokerIds: number[]): ReplicaState {
  return {
    partition,
    log: [],
    flushedCount: 0,
    highWatermark: 0,
    leaderEpoch: 1,
    role: brokerId === 1 ? 'leader' : 'follower',
    leaderId: 1,
    epochCache: [],
    isr: brokerIds.slice(),
    isrChange: null,
    partitionEpoch: 1,
    followers: [],
    pendingProduces: [],
    fetchInFlight: false,
    truncationPending: false,
    fetchBackoff: false,
    fetchFailed: false,
  };
}

export function clusterState(options: { brokers?: number; partitions?: number; config?: KmcConfig } = {}): ClusterState {
  const brokerCount = options.brokers ?? 3;
  const partitionCount = options.partitions ?? 1;
  const brokerIds = Array.from({ length: brokerCount }, (_, i) => i + 1);
  const partitionIds = Array.from({ length: partitionCount }, (_, p) => p);
  const metas = (): PartitionMeta[] =>
    partitionIds.map((p) => ({ partition: p, replicas: brokerIds.slice(), leader: 1, leaderEpoch: 1, isr: brokerIds.slice(), partitionEpoch: 1, elr: [], lastKnownElr: [] }));
  const config = options.config ?? safeConfig();
  const brokers: BrokerState[] = brokerIds.map((id) => ({
    id,
    status: 'running',
    incarnation: 1,
    brokerEpoch: id,
    fenced: false,
    registrationInFlight: false,
    heartbeatInFlight: false,
    metadataOffset: 0,
    metadata: metas(),
    registrations: brokerIds.map((b) => ({ brokerId: b, brokerEpoch: b, fenced: false })),
    cleanShutdownBrokerEpoch: -1,
    topicConfig: topicConfigOf(config),
    replicas: partitionIds.map((p) => freshReplica(p, id, brokerIds)),
  }));
  return {
    config,
    nowMs: 0,
    stepCount: 0,
    network: { connections: [], blocked: [] },
    timers: [],
    controller: {
      metadataOffset: 0,
      brokerEpochNext: brokerCount + 1,
      brokers: brokerIds.map((id) => ({ brokerId: id, registered: true, incarnation: 1, brokerEpoch: id, fenced: false, lastHeartbeatMs: 0 })),
      partitions: metas(),
      topicConfig: topicConfigOf(config),
    },
    brokers,
    producers: [],
    reader: {} as ReaderState,
    history: { ops: [] },
    ghost: { leaderHighWatermark: partitionIds.map(() => ({ epoch: 1, highWatermark: 0 })), elections: [], lostOnCrash: [], alterations: [], minIsrWrites: {} },
    faultCounts: {},
    idNext: 0,
  };
}

function topicConfigOf(config: KmcConfig): BrokerState['topicConfig'] {
  return { 'min.insync.replicas': config['min.insync.replicas'], 'unclean.leader.election.enable': config['unclean.leader.election.enable'] };
}

/** The replica of `partition` on broker `brokerId`. */
export function replicaOf(state: ClusterState, brokerId: number, partition = 0): ReplicaState {
  return state.brokers[brokerId - 1].replicas[partition]!;
}

/** Sets a replica's log (entries() spec) and high watermark. */
export function setLog(state: ClusterState, brokerId: number, log: string, highWatermark: number, partition = 0): ReplicaState {
  const replica = replicaOf(state, brokerId, partition);
  replica.log = entries(log);
  replica.highWatermark = highWatermark;
  return replica;
}

/** Sets the same log and high watermark on every broker. */
export function setAllLogs(state: ClusterState, log: string, highWatermark: number, partition = 0): void {
  for (const broker of state.brokers) setLog(state, broker.id, log, highWatermark, partition);
}

interface SendOptions {
  partition?: number;
  acks?: 0 | 1 | -1;
  attempts?: number;
  id?: string;
  process?: string;
  key?: string | null;
  partitionCount?: number;
  sendIndex?: number;
}

function send(value: string, outcome: SendOp['outcome'], options: SendOptions): SendOp {
  return {
    type: 'send',
    id: options.id ?? `send-${value.replace(/^v/, '')}`,
    process: options.process ?? 'producer-1',
    value,
    key: options.key ?? null,
    partition: options.partition ?? 0,
    partitionCount: options.partitionCount ?? 1,
    acks: options.acks ?? -1,
    sendIndex: options.sendIndex ?? Number(value.replace(/^v/, '')) - 1,
    attempts: options.attempts ?? 1,
    invokeTimeMs: 0,
    outcome,
  };
}

/** A send acknowledged ok at `offset` (null: unknown, as with acks=0). Id "send-3" for "v3". */
export function sendOk(value: string, offset: number | null, options: SendOptions = {}): SendOp {
  return send(value, { type: 'ok', offset, timeMs: 10 }, options);
}

export function sendFail(value: string, options: SendOptions = {}): SendOp {
  return send(value, { type: 'fail', error: 'NOT_ENOUGH_REPLICAS', timeMs: 10 }, options);
}

export function sendInfo(value: string, options: SendOptions = {}): SendOp {
  return send(value, { type: 'info', error: 'REQUEST_TIMED_OUT', timeMs: 10 }, options);
}

interface ReadOptions {
  partition?: number;
  offsetStart?: number;
  final?: boolean;
  broker?: number;
  leaderEpoch?: number;
  /** Default: one past the last record. */
  highWatermark?: number;
  id?: string;
  process?: string;
}

/**
 * A read whose records are `values` at consecutive offsets from offsetStart ("-" skips an
 * offset), each in the read's leader epoch unless written "epoch:value".
 */
export function read(values: string, options: ReadOptions = {}): ReadOp {
  const partition = options.partition ?? 0;
  const offsetStart = options.offsetStart ?? 0;
  const leaderEpoch = options.leaderEpoch ?? 1;
  const final = options.final ?? true;
  const words = values.trim() === '' ? [] : values.trim().split(/\s+/);
  const records: ReadOp['records'] = [];
  words.forEach((word, i) => {
    if (word === '-') return;
    const [epoch, value] = word.includes(':') ? [Number(word.split(':')[0]), word.split(':')[1]] : [leaderEpoch, word];
    records.push({ offset: offsetStart + i, value, leaderEpoch: epoch });
  });
  return {
    type: 'read',
    id: options.id ?? (final ? `read-final-${partition}` : `read-${partition}-${offsetStart}`),
    process: options.process ?? (final ? 'reader' : 'consumer-1'),
    partition,
    offsetStart,
    highWatermark: options.highWatermark ?? offsetStart + words.length,
    records,
    final,
    timeMs: 100,
    broker: options.broker ?? 1,
    leaderEpoch,
  };
}

export function history(...ops: HistoryOp[]): { ops: HistoryOp[] } {
  return { ops };
}
