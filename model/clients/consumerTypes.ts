/**
 * State of a group consumer (the Java classic consumer, KafkaConsumer with subscribe()): its
 * process status, its membership as it believes it, the partitions it owns with a position per
 * partition, the records it has fetched but not yet processed, and the requests it waits for.
 * Plain data; partitions are numbers: global indices into the model's partition table
 * (model/group/topics.ts).
 */

/**
 * 'running'; 'crashed' (the process is gone until restart); 'paused' (SIGSTOP: a zombie on resume);
 * 'fenced' (FencedInstanceIdException, fatal: the process exited and stays down);
 * 'failed' (another fatal error from poll(), InvalidSessionTimeoutException: the application
 * exited and stays down, since its config would be refused again);
 * 'closed' (the application called close() and the process ended; it may start again).
 */
export type ConsumerStatus = 'running' | 'crashed' | 'paused' | 'fenced' | 'failed' | 'closed';

/** A process that exited on a fatal error ('fenced', 'failed'): it never comes back. */
export function exitedForGood(status: ConsumerStatus): boolean {
  return status === 'fenced' || status === 'failed';
}

/**
 * The member's rebalance state (AbstractCoordinator.MemberState): 'unjoined' (no JoinGroup
 * outstanding), 'joining' (JoinGroup sent, PREPARING_REBALANCE), 'syncing' (SyncGroup sent,
 * COMPLETING_REBALANCE), 'stable' (STABLE: the last SyncGroup succeeded).
 */
export type JoinState = 'unjoined' | 'joining' | 'syncing' | 'stable';

/** One owned partition: where the consumer fetches next, and how far it processed and committed. */
export interface OwnedPartition {
  partition: number;
  /** Next offset poll() returns (-1: unknown until OffsetFetch answers). */
  position: number;
  /** Next offset to process: records in [processedNext, position) are in the buffer. */
  processedNext: number;
  /** The offset the consumer last knows committed for this partition (-1: none). */
  committed: number;
  /** auto.offset.reset=none: the exception poll() threw for it; the application paused the partition. */
  stoppedBy: 'OffsetOutOfRangeException' | 'NoOffsetForPartitionException' | null;
}

/** A record fetched and not yet processed. */
export interface BufferedRecord {
  partition: number;
  offset: number;
}

/** A commit in flight: 'sync' blocks the application (commitSync); 'auto' does not (async auto-commit). */
export interface CommitInFlight {
  requestId: string;
  kind: 'sync' | 'auto';
  offsets: { partition: number; offset: number }[];
  /** 'before-process': the buffer is processed only once this commit succeeds. */
  purpose: 'before-process' | 'after-process' | 'before-rejoin' | 'auto';
  /** The membership the request was sent with (errors about an older one are ignored). */
  generation: number;
  memberId: string;
}

export interface ConsumerState {
  /** Node id, e.g. "consumer-2". */
  clientId: string;
  group: string;
  /** group.instance.id (static membership, KIP-345); null: a dynamic member. Kept across restarts. */
  groupInstanceId: string | null;
  status: ConsumerStatus;
  /** Bumped at every restart: a new process. */
  incarnation: number;
  /** Coordinator broker id as this consumer knows it (-1: unknown, FindCoordinator needed). */
  coordinator: number;
  /**
   * The broker the next FindCoordinator goes to: broker 1 first (bootstrap.servers), the next one
   * after a lookup failed to connect (the Java client picks NetworkClient.leastLoadedNode, which
   * skips nodes in reconnect backoff).
   */
  lookupBroker: number;
  findRequestId: string | null;
  memberId: string;
  /** -1: no generation (never joined, or reset after UNKNOWN_MEMBER_ID / ILLEGAL_GENERATION). */
  generation: number;
  protocol: string | null;
  joinState: JoinState;
  joinRequestId: string | null;
  syncRequestId: string | null;
  /**
   * requestRejoin(): a rebalance is needed (REBALANCE_IN_PROGRESS, a revocation, a reset). As in
   * AbstractCoordinator, it stays set through the JoinGroup and SyncGroup it leads to and is
   * cleared only when SyncGroup succeeds (SyncGroupResponseHandler: rejoinNeeded = false), so a
   * request made during that rebalance is answered by it.
   */
  rejoinNeeded: boolean;
  heartbeat: { requestId: string; generation: number; memberId: string } | null;
  /** Owned partitions, sorted by partition. */
  owned: OwnedPartition[];
  /** Generation the owned partitions were assigned in (-1: none). */
  ownedGeneration: number;
  /** The last assignment, kept for the eager sticky assignor's userData. */
  previousAssignment: number[];
  /**
   * AbstractCoordinator.needsJoinPrepare: onJoinPrepare is still to run before the next JoinGroup.
   * Set when a rebalance completes (onJoinComplete) and, from 3.0 (KAFKA-12983), by every reset
   * of the member id or generation; cleared when onJoinPrepare runs (consumerRelease.ts).
   */
  needsJoinPrepare: boolean;
  /**
   * A SyncGroup assignment received but not applied yet: the Java consumer applies it
   * (onJoinComplete) inside poll(), so an application busy processing applies it later.
   */
  pendingAssignment: { generation: number; partitions: number[] } | null;
  offsetFetchRequestId: string | null;
  commit: CommitInFlight | null;
  /** A commitSync to send (again) once the coordinator is known and nothing else is in flight. */
  commitRetry: CommitInFlight['purpose'] | null;
  /** The commit before this rejoin was made (or failed): rejoin without trying it again. */
  prepareCommitDone: boolean;
  /** Fetched, not processed: the poll loop's records (sync loops) or the hand-off queue. */
  buffer: BufferedRecord[];
  /** commit-before-process with explicit commits: the buffer's offsets are committed; it may be processed. */
  bufferCommitted: boolean;
  /** Virtual time the application last entered poll() (left its processing). */
  pollMs: number;
  /** Requests awaiting a response, with the broker each went to (a dropped connection fails them). */
  outstanding: { requestId: string; broker: number }[];
  /** Request id counter; never reset, so ids stay unique across incarnations. */
  requestNext: number;
  /** The topics of subscribe() (SubscriptionState.subscription), sorted. */
  subscription: string[];
  /** The subscription sent in the last JoinGroup (ConsumerCoordinator.joinedSubscription); null before the first. */
  joinedSubscription: string[] | null;
  /** How many entries of the partition table its last metadata refresh saw (topics.ts). */
  metadataPartitions: number;
  /**
   * As leader, the metadata it ran the assignor with (ConsumerCoordinator.assignmentSnapshot):
   * the table entries it knew and the group's subscribed topics; null when it is not the leader.
   */
  assignmentSnapshot: { partitions: number; topics: string[] } | null;
}
