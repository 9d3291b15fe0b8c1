/**
 * State of the consumer-group model. Plain data: JSON-serialisable, no Maps or Sets, arrays in
 * id order, so iteration never depends on hash or key order.
 *
 * A group's coordinator is the broker leading the group's `__consumer_offsets` partition
 * (offsetsTopic.ts). Its in-memory state (members, rebalances in progress) lives with that broker;
 * what it has written to the partition (group metadata at each completed SyncGroup or when a group
 * empties, and every accepted offset commit) is `store`, which survives a move of the leadership.
 * See coordinator.ts and coordinatorMove.ts for what that simplifies.
 */
import type { AlterationRecord, GroupTopicConfig } from '../dynamicConfig.ts';
import type { KmcConfig } from '../config.ts';
import type { Assignor } from '../assignors/types.ts';
import type { ConsumerState } from '../clients/consumerTypes.ts';
import type { Subscription } from './rpc.ts';
import type { WireState } from './wire.ts';
import type { PartitionLog } from './partitionLog.ts';
import type { LagSample, PollOp, PositionOp, FetchErrorOp } from './pollHistory.ts';
import type { TopicsState } from './topics.ts';

/** The one topic every group subscribes to. */
export const TOPIC = 'topic';

/** ClassicGroupState, minus Dead (groups are never deleted here). */
export type ClassicGroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable';

/** A request the coordinator holds until the rebalance phase completes (Kafka's purgatory). */
export interface HeldRequest {
  requestId: string;
  /** The client node to answer. */
  from: string;
}

export interface GroupMember {
  memberId: string;
  /** group.instance.id of a static member (KIP-345); null for a dynamic member. */
  groupInstanceId: string | null;
  clientId: string;
  protocols: string[];
  subscription: Subscription;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  /** A JoinGroup waiting for the join phase to complete. */
  awaitingJoin: HeldRequest | null;
  /** A SyncGroup waiting for the leader's assignment. */
  awaitingSync: HeldRequest | null;
  /** The partitions of the current generation (after the leader's SyncGroup). */
  assignment: number[];
}

export interface ClassicGroup {
  groupId: string;
  state: ClassicGroupState;
  generation: number;
  /** The selected protocol: the assignor the leader runs. */
  protocol: string | null;
  leader: string | null;
  /** In join order (Kafka keeps members in a LinkedHashMap). */
  members: GroupMember[];
  /** True until the first join phase after the group became Empty ends (group.initial.rebalance.delay.ms). */
  initialDelayPending: boolean;
  /**
   * KIP-394: member ids handed out with MEMBER_ID_REQUIRED whose JoinGroup has not come back yet
   * (ClassicGroup.pendingJoinMembers), in the order given. The join phase waits for them.
   */
  pendingMembers: string[];
  /**
   * KAFKA-12890: members of the current generation that have not sent SyncGroup yet
   * (ClassicGroup.pendingSyncMembers), in member order; removed when the pending-sync timer fires.
   */
  pendingSyncMembers: string[];
}

/** What `__consumer_offsets` holds for a group: its metadata as last written. */
export interface PersistedGroup {
  groupId: string;
  generation: number;
  protocol: string | null;
  leader: string | null;
  members: { memberId: string; groupInstanceId: string | null; clientId: string; protocols: string[]; subscription: Subscription; sessionTimeoutMs: number; rebalanceTimeoutMs: number; assignment: number[] }[];
}

export interface OffsetsStore {
  /** In group order. */
  groups: PersistedGroup[];
  /** Per group (in group order), the committed offset of each partition (-1: none). */
  committed: { groupId: string; offsets: number[] }[];
}

export interface CoordinatorState {
  /**
   * The groups loaded in the memory of their coordinators, in group order: each lives at the
   * broker leading its __consumer_offsets partition (coordinatorOf). A group whose partition has
   * no leader (every replica down) is loaded nowhere. One list rather than one per broker: a group
   * is loaded at exactly one broker at a time, so the per-broker view is a filter.
   */
  groups: ClassicGroup[];
}

/**
 * One partition of `__consumer_offsets` (only those some group maps to are kept). Replicas and
 * leader election as the controller does with a clean ISR: the leader is the first replica, in
 * assignment order, that is live and in the ISR (PartitionLeaderElectionAlgorithms.
 * offlinePartitionLeaderElection, unclean election off).
 */
export interface OffsetsPartition {
  partition: number;
  /** Assignment order; the first is the preferred leader. */
  replicas: number[];
  /** In replica order. A crashed broker leaves it, except the last member (Kafka keeps it). */
  isr: number[];
  /** -1: offline (no live replica in the ISR): its groups get COORDINATOR_NOT_AVAILABLE. */
  leader: number;
  /** Bumped at every leadership change. */
  leaderEpoch: number;
  /** The groups mapping to this partition, in group order. */
  groups: string[];
}

export type GroupTimerKind =
  /** Consumer: send a Heartbeat (and check the poll timer, max.poll.interval.ms). */
  | 'heartbeat'
  /** Consumer: auto-commit (enable.auto.commit). */
  | 'auto-commit'
  /** Coordinator: a member's session expires (session.timeout.ms without a heartbeat). */
  | 'session'
  /** Coordinator: the join phase ends (rebalance timeout: the members' largest max.poll.interval.ms). */
  | 'rebalance'
  /** Coordinator: the first join phase of an empty group ends (group.initial.rebalance.delay.ms). */
  | 'initial-rebalance'
  /** Consumer: look the coordinator up again after a failed FindCoordinator (retry.backoff.ms). */
  | 'coordinator-lookup'
  /** Producer: append one record to every partition (model.group.produce.interval.ms). */
  | 'produce'
  /** Broker: the retention check (log.retention.check.interval.ms). */
  | 'log-retention'
  /** Coordinator: members that did not send SyncGroup within the rebalance timeout are removed (KAFKA-12890). */
  | 'pending-sync'
  /** Consumer: refresh its cluster metadata (metadata.max.age.ms); armed only when partitions can be added. */
  | 'metadata';

export interface GroupTimer {
  /** "<kind>:<node>:<target>". */
  id: string;
  kind: GroupTimerKind;
  node: string;
  dueMs: number;
  /** A group id, or "<group>/<memberId>" for a session (of a member, or of a pending member id). */
  target: string;
}

/** An offset commit the coordinator accepted, as it stood when accepted (ghost). */
export interface CommitRecord {
  step: number;
  timeMs: number;
  group: string;
  memberId: string;
  clientId: string;
  /** The generation the request carried. */
  generation: number;
  /** The group's generation and state, and whether the member belonged to it, at acceptance. */
  groupGeneration: number;
  groupState: ClassicGroupState | 'none';
  memberKnown: boolean;
  offsets: { partition: number; offset: number; previous: number }[];
  coordinator: number;
}

/** A leader's SyncGroup assignment, as the coordinator received it (ghost). */
export interface AssignmentRecord {
  step: number;
  timeMs: number;
  group: string;
  generation: number;
  protocol: string;
  rebalanceProtocol: 'eager' | 'cooperative';
  leader: string;
  /** The members of the generation, with the partitions they claimed in JoinGroup. */
  members: { memberId: string; clientId: string; topics: string[]; ownedPartitions: number[] }[];
  assignments: { memberId: string; partitions: number[] }[];
  partitionCount: number;
  /** The topic of each partition 0..partitionCount-1 (see topics.ts: partitions are global indices). */
  partitionTopics: string[];
}

/**
 * Auxiliary ("ghost") variables: facts recorded only so properties can judge them. The model
 * never reads them for a decision.
 */
export interface GroupGhost {
  commits: CommitRecord[];
  assignments: AssignmentRecord[];
  /** Virtual time the last fault ended (a heal, restart, resume, or an instantaneous fault). */
  faultEndMs: number;
  /** Per group (in group order): first time since faultEndMs it was quiescent and stable, or -1. */
  convergedMs: number[];
  /** Per group: the longest time from faultEndMs to convergence seen so far, and when. */
  convergenceWorst: { group: string; waitedMs: number; fromMs: number; toMs: number }[];
  /**
   * Lag per group-partition over time: at each accepted commit, retention check and the final
   * read, a run of equal samples of a group-partition cut at GROUP_LIMITS.lagSamplesRepeatedMax.
   */
  lag: LagSample[];
  /** Per group-partition sampled: its last sample (an index into `lag`) and how many equal samples end there. */
  lagRuns: { group: string; partition: number; sampleIndex: number; length: number }[];
  /** Every alter-config the admin made, in order. */
  alterations: AlterationRecord[];
}

/** One record processed by a consumer (the history the processing properties judge). */
export interface ProcessOp {
  type: 'process';
  group: string;
  consumer: string;
  incarnation: number;
  memberId: string;
  generation: number;
  partition: number;
  offset: number;
  timeMs: number;
  step: number;
  /** Whether the consumer still owned the partition in the group's current generation. */
  ownedInGeneration: boolean;
}

/** A consumer crash: the records it had fetched, processed and not committed, for explanations. */
export interface CrashOp {
  type: 'crash';
  consumer: string;
  group: string;
  incarnation: number;
  timeMs: number;
  step: number;
  /** Records fetched but not processed when it died. */
  unprocessed: { partition: number; offset: number }[];
  /** Per owned partition: processed up to, committed (as it knew) up to. */
  partitions: { partition: number; processedNext: number; committed: number }[];
}

/** The final committed offsets, read once everything settled. */
export interface FinalOffsetsOp {
  type: 'final-offsets';
  group: string;
  offsets: number[];
  timeMs: number;
}

/**
 * A consumer fenced by FENCED_INSTANCE_ID (KIP-345): another process joined with its
 * group.instance.id, or (after a coordinator move) the group came back from __consumer_offsets
 * with the member id this process had before it restarted. The Java consumer throws
 * FencedInstanceIdException, a fatal error; the modelled application exits and is not restarted.
 */
export interface FencedOp {
  type: 'fenced';
  consumer: string;
  group: string;
  incarnation: number;
  groupInstanceId: string;
  memberId: string;
  /** The request the coordinator answered FENCED_INSTANCE_ID. */
  request: 'JoinGroup' | 'SyncGroup' | 'Heartbeat' | 'OffsetCommit';
  timeMs: number;
  step: number;
  /** Partitions it still owned when it learnt it was fenced. */
  owned: number[];
}

export type GroupHistoryOp = ProcessOp | CrashOp | FinalOffsetsOp | PollOp | PositionOp | FetchErrorOp | FencedOp;

export interface GroupModelState {
  config: KmcConfig;
  /**
   * Assignor plugins this run may name in partition.assignment.strategy (groupModelWith), or
   * absent. Like `config`, a dependency rather than data: shared by clones, never fingerprinted.
   */
  assignors?: readonly Assignor[];
  nowMs: number;
  stepCount: number;
  wire: WireState;
  timers: GroupTimer[];
  /** Broker ids 1..N. */
  brokerCount: number;
  /** Crashed brokers, sorted (broker-crash; heal events restart them). */
  brokersDown: number[];
  /** The __consumer_offsets partitions the groups map to, by partition. */
  offsetsTopic: OffsetsPartition[];
  /** Partitions of every topic, numbered globally in creation order (topics.ts); grows when partitions are added. */
  partitionCount: number;
  /** Topics, their partitions as global indices, and the workload's membership and admin events (topics.ts). */
  topics: TopicsState;
  /** Records the producer writes to each partition (offsets 0..recordCount-1). */
  recordCount: number;
  /** One log per partition, in partition order (partitionLog.ts). */
  logs: PartitionLog[];
  /** The topics' dynamic configs in force (retention), as alter-config leaves them. */
  topicConfig: GroupTopicConfig;
  groupIds: string[];
  coordinator: CoordinatorState;
  store: OffsetsStore;
  consumers: ConsumerState[];
  history: GroupHistoryOp[];
  ghost: GroupGhost;
  faultCounts: Record<string, number>;
  /** Counter for member ids, never reset (member ids stay unique across failovers). */
  memberIdNext: number;
  finalRead: 'idle' | 'done';
}
