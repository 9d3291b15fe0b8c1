/**
 * State of the consumer-group model. Plain data: JSON-serialisable, no Maps or Sets, arrays in
 * id order, so iteration never depends on hash or key order.
 *
 * The coordinator's in-memory state (groups, members, rebalances in progress) lives with the one
 * broker that is coordinator; what it has written to `__consumer_offsets` (group metadata at each
 * completed SyncGroup or when a group empties, and every accepted offset commit) is `store`, which
 * survives a coordinator failover. See coordinator.ts for what that simplifies.
 */
import type { KmcConfig } from '../config.ts';
import type { ConsumerState } from '../clients/consumerTypes.ts';
import type { Subscription } from './rpc.ts';
import type { WireState } from './wire.ts';
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
}

/** What `__consumer_offsets` holds for a group: its metadata as last written. */
export interface PersistedGroup {
  groupId: string;
  generation: number;
  protocol: string | null;
  leader: string | null;
  members: { memberId: string; clientId: string; protocols: string[]; subscription: Subscription; sessionTimeoutMs: number; rebalanceTimeoutMs: number; assignment: number[] }[];
}

export interface OffsetsStore {
  /** In group order. */
  groups: PersistedGroup[];
  /** Per group (in group order), the committed offset of each partition (-1: none). */
  committed: { groupId: string; offsets: number[] }[];
}

export interface CoordinatorState {
  /** The broker leading `__consumer_offsets`: the coordinator of every group. */
  broker: number;
  /** Bumped at every failover. */
  epoch: number;
  /** In-memory groups of the current coordinator, in group order. */
  groups: ClassicGroup[];
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
  /** Consumer: refresh its cluster metadata (metadata.max.age.ms); armed only when partitions can be added. */
  | 'metadata';

export interface GroupTimer {
  /** "<kind>:<node>:<target>". */
  id: string;
  kind: GroupTimerKind;
  node: string;
  dueMs: number;
  /** A group id, or "<group>/<memberId>" for a session. */
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

export type GroupHistoryOp = ProcessOp | CrashOp | FinalOffsetsOp;

export interface GroupModelState {
  config: KmcConfig;
  nowMs: number;
  stepCount: number;
  wire: WireState;
  timers: GroupTimer[];
  /** Broker ids 1..N; brokers do not fail here, only the coordinator role moves. */
  brokerCount: number;
  /** Partitions of every topic, numbered globally in creation order (topics.ts); grows when partitions are added. */
  partitionCount: number;
  /** Topics, their partitions as global indices, and the workload's membership and admin events (topics.ts). */
  topics: TopicsState;
  /** Records in each partition (offsets 0..recordCount-1), fixed before the run. */
  recordCount: number;
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
