/**
 * kmc's assignor interface, modelled on Java's ConsumerPartitionAssignor
 * (Kafka:clients/src/main/java/org/apache/kafka/clients/consumer/ConsumerPartitionAssignor.java):
 * the group leader hands it the topics' partition counts and every member's subscription, and it
 * returns each member's partitions. Assignors are pure functions of their input: no I/O, no clock,
 * no randomness, and no dependence on the order of the input arrays beyond what Kafka itself
 * specifies (built-ins sort members and topics themselves).
 */

/** The classic group protocol's rebalance protocols (ConsumerPartitionAssignor.RebalanceProtocol). */
export type RebalanceProtocol = 'eager' | 'cooperative';

export const REBALANCE_PROTOCOLS: readonly RebalanceProtocol[] = ['eager', 'cooperative'];

export interface TopicPartition {
  topic: string;
  partition: number;
}

/** A topic the cluster knows, with its partition count (partitions are 0..partitionCount-1). */
export interface AssignorTopic {
  name: string;
  partitionCount: number;
}

/** One member's subscription, as the leader sees it after JoinGroup. */
export interface AssignorMember {
  memberId: string;
  /** `group.instance.id` for a static member (KIP-345), else null. */
  groupInstanceId: string | null;
  /** The topics the member subscribes to; topics the cluster does not know are ignored. */
  topics: string[];
  /**
   * The partitions the member reports owning. Under cooperative rebalancing this is the
   * subscription's `ownedPartitions`; under eager it is the previous assignment the eager
   * `sticky` assignor carries in its userData (the Java consumer's protocol field is empty
   * under eager, which `cooperative-sticky` honours when `AssignorInput.protocol` is 'eager').
   */
  ownedPartitions: TopicPartition[];
  /** The generation those partitions were owned in; negative means "none" (Java's DEFAULT_GENERATION -1). */
  generation: number;
  /** `client.rack`, or null. Accepted for fidelity; rack-aware assignment needs replica racks, which the input does not carry. */
  rackId: string | null;
}

export interface AssignorInput {
  /** Every topic the cluster knows (topics nobody subscribes to are ignored). */
  topics: AssignorTopic[];
  members: AssignorMember[];
  /**
   * The rebalance protocol the group runs (ConsumerCoordinator picks the highest protocol all
   * configured assignors support). Default: the assignor's most cooperative supported protocol.
   */
  protocol?: RebalanceProtocol;
}

/** One member's assignment: [memberId, partitions]. */
export type MemberAssignment = [memberId: string, partitions: TopicPartition[]];

export interface AssignorOutput {
  /**
   * One entry per member, sorted by memberId (UTF-16 code-unit order, as Java's String.compareTo),
   * each member's partitions sorted by topic then partition. Never keyed by an object, so the
   * order can never depend on JavaScript's ordering of numeric-looking keys.
   */
  assignments: MemberAssignment[];
}

export interface Assignor {
  /** The protocol name members advertise (`range`, `roundrobin`, `sticky`, `cooperative-sticky`, ...). */
  readonly name: string;
  readonly supportedProtocols: readonly RebalanceProtocol[];
  /**
   * Whether the assignor promises balance (member loads differ by at most one among members with
   * identical subscriptions). Java's `range` does not: every topic gives its extra partitions to the
   * same first members. Default true.
   */
  readonly balanced?: boolean;
  assign(input: AssignorInput): AssignorOutput;
}
