/**
 * State of the replicated-log cluster model. Plain data: JSON-serialisable, no Maps or Sets,
 * arrays indexed by broker id - 1 or by partition id, so iteration order never depends on hash
 * or key order.
 */
import type { History } from '../history.ts';
import type { NetworkState } from '../network/types.ts';
import type { ProducerState } from '../clients/producerTypes.ts';
import type { ReaderState } from '../clients/readerTypes.ts';
import type { KmcConfig } from '../config.ts';
import type { AlterationRecord, ClusterTopicConfig } from '../dynamicConfig.ts';

/** One record in a replica's log. Its offset is its index (logs start at offset 0 here). */
export interface LogEntry {
  /** Leader epoch the record was written in. */
  epoch: number;
  value: string;
  /** Producer id, producer epoch and sequence (idempotence), or -1 when not idempotent. */
  producerId: number;
  producerEpoch: number;
  sequence: number;
  /** True for the first record of a producer batch (absent: every record is its own batch). */
  batchStart?: boolean;
}

/** (epoch, startOffset): the first offset written in that leader epoch. Kafka's leader epoch cache. */
export interface EpochEntry {
  epoch: number;
  startOffset: number;
}

export type ReplicaRole = 'leader' | 'follower' | 'none';

/** What a leader knows of one follower (Kafka's Replica state; followerFetchState.ts). */
export interface FollowerView {
  brokerId: number;
  /** The follower's log end offset as of its last fetch (the fetch offset; -1: unknown). */
  logEndOffset: number;
  /** The latest time the follower was known to hold the leader's whole log (-1: never). */
  lastCaughtUpTimeMs: number;
  /** The leader's log end offset at the follower's previous fetch (-1: unknown). */
  lastFetchLeaderLogEndOffset: number;
  /** When the follower's previous fetch arrived (-1: never). */
  lastFetchTimeMs: number;
  /** The leader epoch the follower's last fetch carried (-1: unknown). */
  lastFetchLeaderEpoch: number;
  /**
   * The broker epoch the follower's last fetch carried (KIP-903, Fetch v15 ReplicaState.ReplicaEpoch;
   * Replica's brokerEpoch): which registration, so which process, the rest of this state came from
   * (-1: no fetch in this leadership).
   */
  brokerEpoch: number;
}

/**
 * An ISR change the leader has asked the controller for and not yet seen settled: Partition's
 * PendingExpandIsr / PendingShrinkIsr (Kafka 3.3+, the same rules in trunk). While one exists the
 * leader proposes no other change, and the HW counts the maximal ISR: the committed ISR plus the
 * member being added (a pending shrink keeps the committed, larger ISR). It ends when an answer
 * to this very proposal arrives (Partition.handleAlterPartitionUpdate / handleAlterPartitionError)
 * or newer metadata for the partition does (Partition.makeLeader).
 */
export interface PendingIsrChange {
  kind: 'expand' | 'shrink';
  /** The ISR proposed (Kafka's sentLeaderAndIsr). */
  isr: number[];
  /**
   * Per member of `isr`, the broker epoch sent with it (KIP-903 NewIsrWithEpochs, filled in when the
   * change is prepared: Partition.addBrokerEpochToIsr): the leader's own, else the epoch of the
   * member's last fetch, -1 when none is known.
   */
  brokerEpochs: number[];
  /** Names this proposal: an AlterPartitionResponse for another one is stale and ignored. */
  proposalId: string;
  /**
   * in-flight: the request is outstanding (a dropped controller connection resends it, as
   * NodeToControllerRequestThread does); retry-backoff: the controller answered a top-level error
   * and AlterPartitionManager resends after 50 ms; awaiting-metadata: an answer left the change
   * pending (FENCED_LEADER_EPOCH, INVALID_UPDATE_VERSION, or a success for a stale epoch) until
   * new metadata arrives.
   */
  status: 'in-flight' | 'retry-backoff' | 'awaiting-metadata';
}

/** A produce waiting in purgatory for the high watermark (acks=all). */
export interface PendingProduce {
  requestId: string;
  client: string;
  /** The request completes when the high watermark reaches this offset (last offset + 1). */
  offsetRequired: number;
  baseOffset: number;
}

/** A partition replica hosted by a broker. */
export interface ReplicaState {
  partition: number;
  log: LogEntry[];
  /** Records below this index are on disk; a power loss keeps only them. */
  flushedCount: number;
  highWatermark: number;
  /** The leader epoch this replica is in (-1: none yet). */
  leaderEpoch: number;
  role: ReplicaRole;
  /** The broker this replica follows or is (-1: unknown). */
  leaderId: number;
  epochCache: EpochEntry[];
  // leader side
  /** ISR as last committed by the controller, as this leader knows it. */
  isr: number[];
  /** The ISR change proposed to the controller and not yet settled, else null. */
  isrChange: PendingIsrChange | null;
  partitionEpoch: number;
  followers: FollowerView[];
  pendingProduces: PendingProduce[];
  // follower side
  fetchInFlight: boolean;
  /** Set while a legacy follower waits for an OffsetForLeaderEpoch answer before fetching. */
  truncationPending: boolean;
  /** Set while the follower waits for its fetch backoff timer. */
  fetchBackoff: boolean;
  /**
   * Set when the follower could not append what it fetched (only under the legacy truncation
   * rules): Kafka's fetcher marks the partition failed and fetches it no more until the next
   * leader epoch.
   */
  fetchFailed: boolean;
}

/** A partition as the controller records it (KRaft PartitionRecord / PartitionChangeRecord). */
export interface PartitionMeta {
  partition: number;
  replicas: number[];
  /** -1: no leader (offline). */
  leader: number;
  leaderEpoch: number;
  isr: number[];
  partitionEpoch: number;
  /**
   * KIP-966 Eligible Leader Replicas (PartitionRecord.EligibleLeaderReplicas): replicas that left the
   * ISR while it was below min.insync.replicas, so that they hold every committed record (the high
   * watermark stands still there: model.strict.min.isr); electable when the ISR is empty. Always
   * empty with eligible.leader.replicas.version=0.
   */
  elr: number[];
  /**
   * KIP-966 PartitionRecord.LastKnownElr, as the controller fills it in (PartitionChangeBuilder with
   * useLastKnownLeaderInBalancedRecovery): the leader when the ISR became empty; elected, uncleanly,
   * once ISR and ELR are both empty.
   */
  lastKnownElr: number[];
}

/** A broker registration as brokers learn it from the metadata (the metadata cache's view of the cluster). */
export interface BrokerRegistration {
  brokerId: number;
  /** -1 while the broker is not registered. */
  brokerEpoch: number;
  fenced: boolean;
}

export type BrokerStatus = 'running' | 'crashed' | 'paused' | 'stopped';

export interface BrokerState {
  id: number;
  status: BrokerStatus;
  /** Bumped at every restart: a new process. */
  incarnation: number;
  /** Epoch the controller gave this incarnation at registration (-1: unregistered). */
  brokerEpoch: number;
  /** What the broker believes: fenced until the controller unfences it. */
  fenced: boolean;
  registrationInFlight: boolean;
  heartbeatInFlight: boolean;
  /** The metadata version (controller change count) this broker has applied. */
  metadataOffset: number;
  /**
   * The partitions of the metadata this broker applied. Shared with the message that brought it
   * (and with the other brokers that applied the same publication): read it, never change it in
   * place; applying newer metadata replaces it whole. So are `registrations` and `topicConfig`.
   */
  metadata: readonly PartitionMeta[];
  /** The broker registrations of the metadata this broker applied (its KRaftMetadataCache), by broker id - 1. */
  registrations: readonly BrokerRegistration[];
  /**
   * The broker epoch in the clean shutdown file this process found at startup (KIP-966
   * CleanShutdownFileHandler: written at a clean shutdown, absent after a kill or a power loss):
   * the registration carries it as PreviousBrokerEpoch; -1: none.
   */
  cleanShutdownBrokerEpoch: number;
  /**
   * The topic's dynamic configs as this broker last applied them from metadata (its LogConfig):
   * a leader reads min.insync.replicas here, never from the run's config.
   */
  topicConfig: ClusterTopicConfig;
  /** Indexed by partition id; null where this broker hosts no replica. */
  replicas: (ReplicaState | null)[];
}

export interface ControllerBrokerView {
  brokerId: number;
  registered: boolean;
  incarnation: number;
  brokerEpoch: number;
  fenced: boolean;
  lastHeartbeatMs: number;
}

export interface ControllerState {
  /** Count of metadata changes so far (KRaft metadata log end, simplified to one counter). */
  metadataOffset: number;
  brokerEpochNext: number;
  brokers: ControllerBrokerView[];
  partitions: PartitionMeta[];
  /** The topic's dynamic configs in force (ConfigurationControlManager), published with the partitions. */
  topicConfig: ClusterTopicConfig;
}

export type TimerKind =
  | 'broker-heartbeat'
  | 'broker-session'
  | 'isr-expiration'
  | 'replica-fetch-backoff'
  | 'alter-partition-retry'
  | 'unclean-election-check'
  | 'producer-request-timeout'
  | 'producer-retry-backoff'
  | 'producer-delivery-timeout'
  | 'producer-linger'
  | 'client-metadata-refresh'
  | 'client-metadata-backoff';

export interface Timer {
  /** Stable id, e.g. "broker-heartbeat:2" or "producer-request-timeout:producer-1:req-4". */
  id: string;
  kind: TimerKind;
  /** The node that owns it ("controller", "broker-2", "producer-1", "reader"). */
  node: string;
  dueMs: number;
  /** Kind-specific target: a broker id, partition id, request id. */
  target: string;
}

/**
 * Auxiliary ("ghost") variables: facts the model records only so that properties can judge
 * them (as TLA+ specs track inv_true_hwm). The model never reads them for a decision.
 */
export interface Ghost {
  /** Per partition: highest high watermark the leader of `epoch` has exposed. */
  leaderHighWatermark: { epoch: number; highWatermark: number }[];
  /**
   * Per partition: every leader election, in order; `clean` false for an unclean one
   * (unclean.leader.election.enable, or KIP-966's last known leader once ISR and ELR are both empty:
   * then `lastKnownLeader` is true).
   */
  elections: { partition: number; leader: number; leaderEpoch: number; clean: boolean; timeMs: number; lastKnownLeader?: true }[];
  /** Power losses, for explanations: broker, records lost per partition. */
  lostOnCrash: { broker: number; partition: number; recordCount: number; timeMs: number }[];
  /** Every alter-config the controller took, in order. */
  alterations: AlterationRecord[];
  /**
   * Per record value, the weakest min.insync.replicas a leader enforced for it (at its append or
   * at its acknowledgement), when min.insync.replicas is among model.alter.configs (else empty).
   */
  minIsrWrites: Record<string, MinIsrWrite>;
}

/** The weakest min.insync.replicas a leader enforced for one record: which leader, when. */
export interface MinIsrWrite {
  partition: number;
  minIsr: number;
  broker: number;
  timeMs: number;
  /** Enforced when the leader appended the record, acknowledged it, or advanced its high watermark over it. */
  at: 'append' | 'acknowledgement' | 'commit';
}

export interface ClusterState {
  config: KmcConfig;
  nowMs: number;
  /** Count of steps taken, for describe lines and limits. */
  stepCount: number;
  network: NetworkState;
  timers: Timer[];
  controller: ControllerState;
  brokers: BrokerState[];
  producers: ProducerState[];
  reader: ReaderState;
  history: History;
  ghost: Ghost;
  /** Faults budget used so far (per kind), checked against the fault mix. */
  faultCounts: Record<string, number>;
  /** Request and op counters for stable ids. */
  idNext: number;
}
