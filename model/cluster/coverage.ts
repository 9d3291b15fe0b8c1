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
 *   - how many replicas' logs diverge from the leader's (same offset, another epoch).
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

/** The abstract state of one partition (see the file comment). */
export function partitionFeatures(state: ClusterState, meta: PartitionMeta, epochChanges: number, committedMax: number): [string, string] {
  const minIsr = state.controller.topicConfig['min.insync.replicas'];
  const isr = meta.isr.length === 0 ? '0' : relation(meta.isr.length, minIsr);
  const leaderBroker = meta.leader === -1 ? null : state.brokers[meta.leader - 1];
  const leader = leaderBroker && leaderBroker.status === 'running' ? leaderBroker.replicas[meta.partition] : null;
  const marks: string[] = [];
  let diverged = 0;
  for (const brokerId of meta.replicas) {
    const broker = state.brokers[brokerId - 1];
    const replica = broker.replicas[meta.partition];
    if (replica === null || broker.status === 'crashed' || broker.status === 'stopped') {
      marks.push('x');
      continue;
    }
    if (leader === null) {
      marks.push('?');
      continue;
    }
    // Upper case: the replica lacks a record some leader exposed as committed.
    const mark = replica.log.length < leader.highWatermark ? 'b' : replica.log.length === leader.highWatermark ? 'e' : 'a';
    marks.push(replica.log.length < committedMax ? mark.toUpperCase() : mark);
    if (replica !== leader && diverges(replica, leader)) diverged++;
  }
  marks.sort();
  const lost = leader !== null && leader.log.length < committedMax ? '|leader-lacks-committed' : '';
  return [
    `p:e${bucket(epochChanges, EPOCH_CHANGES_TOP)}|isr${isr}|elr${meta.elr.length}|${meta.leader === -1 ? 'noleader' : 'leader'}`,
    `p:isr${isr}|${marks.join('')}|div${diverged}${lost}`,
  ];
}

class ClusterCoverage implements CoverageObserver<ClusterState, ClusterEvent> {
  /** Per partition: its leader epoch at the start; per partition twice: its abstract states after the last step. */
  private readonly epochStart: number[];
  private readonly previous: string[] = [];
  /** Per partition: the highest high watermark any leader has had so far. */
  private readonly committedMax: number[];
  /** Per broker - 1, per partition: the replica's log length after the last step (-1: none). */
  private readonly logLength: number[][];
  private electionsSeen: number;
  private readonly sentSeen = new Map<string, number>();

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
    let fenced = 0;
    for (const view of state.controller.brokers) if (view.registered && view.fenced) fenced++;
    const status = { running: 0, crashed: 0, paused: 0, stopped: 0 };
    for (const broker of state.brokers) status[broker.status]++;
    add(`brokers:run${status.running}|crash${status.crashed}|pause${status.paused}|stop${status.stopped}|fenced${fenced}`);
    for (const producer of state.producers) {
      let retrying = 0;
      for (const queue of producer.queues) for (const batch of queue) if (batch.retry) retrying++;
      add(`producer:inflight${bucket(producer.inFlight.length, IN_FLIGHT_TOP)}|retry${retrying > 0 ? 1 : 0}|bump${producer.epochBumpRequired ? 1 : 0}`);
    }
  }

  private partitions(state: ClusterState, add: (feature: string) => void): void {
    const metas = state.controller.partitions;
    for (let p = 0; p < metas.length; p++) {
      const meta = metas[p];
      if (this.epochStart[p] === undefined) this.epochStart[p] = meta.leaderEpoch;
      const leader = meta.leader === -1 ? null : replicaOf(state, meta.leader, p);
      if (leader !== null && leader.role === 'leader' && leader.highWatermark > (this.committedMax[p] ?? 0)) this.committedMax[p] = leader.highWatermark;
      const [leadership, logs] = partitionFeatures(state, meta, meta.leaderEpoch - this.epochStart[p], this.committedMax[p] ?? 0);
      this.changed(2 * p, leadership, add);
      this.changed(2 * p + 1, logs, add);
    }
  }

  /** Adds `feature` and the change to it (old -> new) when slot `slot`'s abstract state changed. */
  private changed(slot: number, feature: string, add: (feature: string) => void): void {
    const previous = this.previous[slot] ?? '';
    if (feature === previous) return;
    add(feature);
    add(`${previous} -> ${feature}`);
    this.previous[slot] = feature;
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
