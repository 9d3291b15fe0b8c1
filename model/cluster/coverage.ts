/**
 * The cluster model's abstract coverage map (Model.coverage), for coverage-guided search: what a
 * run reached that matters to Kafka's replication, in a bounded set of small string features.
 *
 * Per partition (the partition's id is left out: partitions are alike, and a state reached on
 * any of them counts), an abstract state:
 *   - leader-epoch changes since the start (bucketed: 0..5, 6+);
 *   - ISR size against min.insync.replicas ('0' empty, '<', '=', '>'), and the ELR's size;
 *   - whether the controller names a leader;
 *   - each replica's log end offset against the leader's high watermark (below, equal, above;
 *     upper case when it also lacks a record some leader had committed), as a sorted multiset
 *     (offline replicas marked);
 *   - how many replicas' logs diverge from the leader's (same offset, another epoch);
 *   - how many ISR members lack a record some leader had committed, and whether the leader does.
 * Each partition state is a feature, and so is each change of it (old -> new), the way AFL
 * counts edges: a run that walks the same states in a new order is new.
 * Events of a step: truncations by cause (the event that made a replica's log shorter) and size,
 * elections (clean, unclean, last known leader) with the ISR they happened under, brokers fenced
 * by the controller, and every error a message sent in the step carries (producer error codes,
 * FENCED_LEADER_EPOCH, ...), a fetch answered with a diverging epoch. Per producer: requests in
 * flight, batches being retried, a pending epoch bump. Globally: how many brokers are running,
 * crashed, paused, stopped.
 */
import type { CoverageObserver } from '../kernel/model.ts';
import { bucket, forEachSent, relation, sentErrorFeature } from '../kernel/coverageSupport.ts';
import type { ClusterEvent } from './events.ts';
import type { ClusterState, PartitionMeta, ReplicaState } from './types.ts';

/** Leader-epoch changes counted apart; more fall in one bucket. */
const EPOCH_CHANGES_TOP = 6;
/** Records a truncation removed, counted apart; more fall in one bucket. */
const TRUNCATED_TOP = 3;
/** Producer requests in flight counted apart. */
const IN_FLIGHT_TOP = 3;

/** Which kind of step cut a log short. */
function truncationCause(event: ClusterEvent): string {
  if (event.type === 'deliver') return event.from === 'controller' ? 'metadata' : 'fetch';
  if (event.type === 'crash') return `crash-${event.kind}`;
  return event.type;
}

function replicaOf(state: ClusterState, brokerId: number, partition: number): ReplicaState | null {
  return state.brokers[brokerId - 1]?.replicas[partition] ?? null;
}

/** Whether `replica`'s log and `leader`'s disagree at the last offset both hold. */
function diverges(replica: ReplicaState, leader: ReplicaState): boolean {
  const common = Math.min(replica.log.length, leader.log.length);
  return common > 0 && replica.log[common - 1].epoch !== leader.log[common - 1].epoch;
}

/** Log-end marks, in the order a partition feature lists them (sorted, as characters). */
const MARKS = ['?', 'A', 'B', 'E', 'a', 'b', 'e', 'x'] as const;
const MARK_INDEX: Record<string, number> = Object.fromEntries(MARKS.map((m, i) => [m, i]));
/** Counts below this fit one digit of a signature (replication factor and brokers stay within 7). */
const DIGIT = 8;
const ISR_RELATIONS = ['0', '<', '=', '>'];

/**
 * One partition's abstract state as numbers (see the file comment): equal signatures give equal
 * features, so a feature's string is built only when a signature changes.
 */
interface PartitionSignature {
  epochChanges: number;
  isr: number;
  elr: number;
  leader: boolean;
  /** Replicas per mark, by MARK_INDEX. */
  marks: number[];
  diverged: number;
  isrLacking: number;
  leaderLacking: boolean;
}

function partitionSignature(state: ClusterState, meta: PartitionMeta, epochChanges: number, committedMax: number, marks: number[]): PartitionSignature {
  const minIsr = state.controller.topicConfig['min.insync.replicas'];
  const isr = meta.isr.length === 0 ? 0 : 2 + Math.sign(meta.isr.length - minIsr);
  const leaderBroker = meta.leader === -1 ? null : state.brokers[meta.leader - 1];
  const leader = leaderBroker && leaderBroker.status === 'running' ? leaderBroker.replicas[meta.partition] : null;
  marks.fill(0);
  let diverged = 0;
  let isrLacking = 0;
  for (const brokerId of meta.replicas) {
    const broker = state.brokers[brokerId - 1];
    const replica = broker.replicas[meta.partition];
    if (replica !== null && replica.log.length < committedMax && meta.isr.includes(brokerId)) isrLacking++;
    if (replica === null || broker.status === 'crashed' || broker.status === 'stopped') {
      marks[MARK_INDEX.x]++;
      continue;
    }
    if (leader === null) {
      marks[MARK_INDEX['?']]++;
      continue;
    }
    // Upper case: the replica lacks a record some leader exposed as committed.
    const length = replica.log.length;
    const mark = length < leader.highWatermark ? 'b' : length === leader.highWatermark ? 'e' : 'a';
    marks[MARK_INDEX[length < committedMax ? mark.toUpperCase() : mark]]++;
    if (replica !== leader && diverges(replica, leader)) diverged++;
  }
  const leaderLacking = leader !== null && leader.log.length < committedMax;
  return { epochChanges: Math.min(epochChanges, EPOCH_CHANGES_TOP), isr, elr: meta.elr.length, leader: meta.leader !== -1, marks, diverged, isrLacking, leaderLacking };
}

/** The leadership half of a signature as one number. */
function leadershipKey(sig: PartitionSignature): number {
  return ((sig.epochChanges * 4 + sig.isr) * DIGIT + Math.min(sig.elr, DIGIT - 1)) * 2 + (sig.leader ? 1 : 0);
}

/** The logs half of a signature as one number. */
function logsKey(sig: PartitionSignature): number {
  let key = sig.isr;
  for (const count of sig.marks) key = key * DIGIT + Math.min(count, DIGIT - 1);
  return ((key * DIGIT + Math.min(sig.diverged, DIGIT - 1)) * DIGIT + Math.min(sig.isrLacking, DIGIT - 1)) * 2 + (sig.leaderLacking ? 1 : 0);
}

function leadershipFeature(sig: PartitionSignature): string {
  return `p:e${bucket(sig.epochChanges, EPOCH_CHANGES_TOP)}|isr${ISR_RELATIONS[sig.isr]}|elr${sig.elr}|${sig.leader ? 'leader' : 'noleader'}`;
}

function logsFeature(sig: PartitionSignature): string {
  let marks = '';
  for (let i = 0; i < MARKS.length; i++) marks += MARKS[i].repeat(sig.marks[i]);
  const isrLacking = sig.isrLacking > 0 ? `|isr-lacks-committed${sig.isrLacking}` : '';
  return `p:isr${ISR_RELATIONS[sig.isr]}|${marks}|div${sig.diverged}${isrLacking}${sig.leaderLacking ? '|leader-lacks-committed' : ''}`;
}

class ClusterCoverage implements CoverageObserver<ClusterState, ClusterEvent> {
  /** Per partition: its leader epoch at the start, and the highest high watermark any leader has had. */
  private readonly epochStart: number[];
  private readonly committedMax: number[];
  /** Per partition twice (leadership, logs): the signature and feature after the last step. */
  private readonly previousKey: number[] = [];
  private readonly previous: string[] = [];
  /** Per broker - 1, per partition: the replica's log length after the last step (-1: none). */
  private readonly logLength: number[][];
  private electionsSeen: number;
  private readonly sentSeen = new Map<string, number>();
  private brokersKey = -1;
  private readonly producerKeys: number[] = [];
  private readonly marks: number[] = MARKS.map(() => 0);

  constructor(state: ClusterState) {
    this.epochStart = state.controller.partitions.map((p) => p.leaderEpoch);
    this.committedMax = state.controller.partitions.map(() => 0);
    this.logLength = state.brokers.map((b) => b.replicas.map((r) => (r === null ? -1 : r.log.length)));
    this.electionsSeen = state.ghost.elections.length;
  }

  observe(state: ClusterState, event: ClusterEvent, add: (feature: string) => void): void {
    this.partitions(state, add);
    this.truncations(state, event, add);
    this.elections(state, add);
    forEachSent(state.network.connections, this.sentSeen, (body) => {
      const error = sentErrorFeature(body);
      if (error !== null) add(error);
      if (body.type === 'FetchResponse' && (body as { divergingEpoch?: unknown }).divergingEpoch) add('fetch:diverging-epoch');
    });
    this.brokers(state, add);
    this.producers(state, add);
  }

  private brokers(state: ClusterState, add: (feature: string) => void): void {
    let fenced = 0;
    for (const view of state.controller.brokers) if (view.registered && view.fenced) fenced++;
    const status = { running: 0, crashed: 0, paused: 0, stopped: 0 };
    for (const broker of state.brokers) status[broker.status]++;
    const key = (((status.running * DIGIT + status.crashed) * DIGIT + status.paused) * DIGIT + status.stopped) * DIGIT + fenced;
    if (key === this.brokersKey) return;
    this.brokersKey = key;
    add(`brokers:run${status.running}|crash${status.crashed}|pause${status.paused}|stop${status.stopped}|fenced${fenced}`);
  }

  private producers(state: ClusterState, add: (feature: string) => void): void {
    const producers = state.producers;
    for (let i = 0; i < producers.length; i++) {
      const producer = producers[i];
      let retrying = 0;
      for (const queue of producer.queues) for (const batch of queue) if (batch.retry) retrying = 1;
      const inFlight = Math.min(producer.inFlight.length, IN_FLIGHT_TOP);
      const bump = producer.epochBumpRequired ? 1 : 0;
      const key = (inFlight * 2 + retrying) * 2 + bump;
      if (key === this.producerKeys[i]) continue;
      this.producerKeys[i] = key;
      add(`producer:inflight${bucket(inFlight, IN_FLIGHT_TOP)}|retry${retrying}|bump${bump}`);
    }
  }

  private partitions(state: ClusterState, add: (feature: string) => void): void {
    const metas = state.controller.partitions;
    for (let p = 0; p < metas.length; p++) {
      const meta = metas[p];
      if (this.epochStart[p] === undefined) this.epochStart[p] = meta.leaderEpoch;
      const leader = meta.leader === -1 ? null : replicaOf(state, meta.leader, p);
      if (leader !== null && leader.role === 'leader' && leader.highWatermark > (this.committedMax[p] ?? 0)) this.committedMax[p] = leader.highWatermark;
      const sig = partitionSignature(state, meta, meta.leaderEpoch - this.epochStart[p], this.committedMax[p] ?? 0, this.marks);
      this.changed(2 * p, leadershipKey(sig), () => leadershipFeature(sig), add);
      this.changed(2 * p + 1, logsKey(sig), () => logsFeature(sig), add);
    }
  }

  /** Adds the feature and the change to it (old -> new) when slot `slot`'s signature changed. */
  private changed(slot: number, key: number, feature: () => string, add: (feature: string) => void): void {
    if (this.previousKey[slot] === key) return;
    this.previousKey[slot] = key;
    const next = feature();
    add(next);
    add(`${this.previous[slot] ?? ''} -> ${next}`);
    this.previous[slot] = next;
  }

  private truncations(state: ClusterState, event: ClusterEvent, add: (feature: string) => void): void {
    for (let b = 0; b < state.brokers.length; b++) {
      const replicas = state.brokers[b].replicas;
      const lengths = (this.logLength[b] ??= []);
      for (let p = 0; p < replicas.length; p++) {
        const replica = replicas[p];
        const length = replica === null ? -1 : replica.log.length;
        const before = lengths[p] ?? -1;
        if (replica !== null && before > length) {
          const meta = state.controller.partitions[p];
          const leader = meta.leader === -1 ? null : replicaOf(state, meta.leader, p);
          const committed = leader !== null && length < leader.highWatermark ? 'below-hw' : 'above-hw';
          add(`truncate:${truncationCause(event)}:${bucket(before - length, TRUNCATED_TOP)}:${committed}`);
        }
        lengths[p] = length;
      }
    }
  }

  private elections(state: ClusterState, add: (feature: string) => void): void {
    const elections = state.ghost.elections;
    const minIsr = state.controller.topicConfig['min.insync.replicas'];
    for (; this.electionsSeen < elections.length; this.electionsSeen++) {
      const election = elections[this.electionsSeen];
      const kind = election.lastKnownLeader ? 'last-known-leader' : election.clean ? 'clean' : 'unclean';
      const isr = state.controller.partitions[election.partition]?.isr.length ?? 0;
      add(`elect:${kind}:isr${isr === 0 ? '0' : relation(isr, minIsr)}`);
    }
  }
}

/** A coverage observer for one run of the cluster model, from its initial state. */
export function clusterCoverage(state: ClusterState): CoverageObserver<ClusterState, ClusterEvent> {
  return new ClusterCoverage(state);
}
