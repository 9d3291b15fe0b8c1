/**
 * The group protocol's requests and responses (Kafka's API names: FindCoordinator, JoinGroup,
 * SyncGroup, Heartbeat, LeaveGroup, OffsetCommit, OffsetFetch) and error codes (Kafka's names).
 * Every request carries a request id; a client acts only on the response to the request it is
 * waiting for, so a late response (to a previous incarnation, or a superseded request) is ignored.
 */

export type GroupError =
  | 'NONE'
  | 'NOT_COORDINATOR'
  /** No broker leads the group's __consumer_offsets partition (FindCoordinator). */
  | 'COORDINATOR_NOT_AVAILABLE'
  | 'UNKNOWN_MEMBER_ID'
  | 'ILLEGAL_GENERATION'
  | 'REBALANCE_IN_PROGRESS'
  | 'INCONSISTENT_GROUP_PROTOCOL'
  /** JoinGroup v4+ (KIP-394): a new dynamic member must join again with the member id it is given. */
  | 'MEMBER_ID_REQUIRED'
  /** KIP-345: another process joined with this group.instance.id; this member id is fenced for good. */
  | 'FENCED_INSTANCE_ID'
  /** JoinGroup: session.timeout.ms outside the broker's group.min/max.session.timeout.ms; fatal for the consumer. */
  | 'INVALID_SESSION_TIMEOUT';

/**
 * What a member sends in JoinGroup for the `consumer` protocol type (ConsumerProtocolSubscription):
 * its topics, the partitions it owns and their generation (v1+/v2+, KIP-429/KIP-792), and the
 * previous assignment the eager `sticky` assignor keeps in its userData.
 */
export interface Subscription {
  topics: string[];
  /** Cooperative: the partitions the member keeps owning through the rebalance. Eager: empty. */
  ownedPartitions: number[];
  /** The generation of ownedPartitions (or of previousAssignment under eager); -1 when none. */
  generation: number;
  /** Eager: the member's last assignment (StickyAssignor userData); cooperative: empty. */
  previousAssignment: number[];
  /**
   * ConsumerProtocolSubscription.generationId: the member's current generation when it joins
   * (ConsumerCoordinator.metadata(), for every assignor; -1 before its first). It is part of the
   * metadata the coordinator compares (ClassicGroupMember.matches), so a member that rejoins
   * after learning a new generation does not match its stored metadata. The assignors read
   * `generation`, not this.
   */
  generationId?: number;
}

export interface JoinMember {
  memberId: string;
  /** JoinGroupResponseMember.groupInstanceId: the assignors order static members by it. */
  groupInstanceId?: string;
  clientId: string;
  subscription: Subscription;
}

export interface PartitionOffset {
  partition: number;
  offset: number;
}

export type GroupRpc =
  | { type: 'FindCoordinator'; requestId: string; group: string }
  /** coordinator -1 with an error (COORDINATOR_NOT_AVAILABLE). */
  | { type: 'FindCoordinatorResponse'; requestId: string; group: string; error: GroupError; coordinator: number }
  | {
      type: 'JoinGroup';
      requestId: string;
      group: string;
      /** '' for a new member: the coordinator assigns one. */
      memberId: string;
      /** group.instance.id of a static member (KIP-345); absent for a dynamic member. */
      groupInstanceId?: string;
      clientId: string;
      /** Assignor names in the member's order of preference (partition.assignment.strategy). */
      protocols: string[];
      subscription: Subscription;
      sessionTimeoutMs: number;
      rebalanceTimeoutMs: number;
    }
  | {
      type: 'JoinGroupResponse';
      requestId: string;
      group: string;
      error: GroupError;
      generation: number;
      protocol: string | null;
      leader: string;
      memberId: string;
      /** The leader only: every member and its subscription, in join order. */
      members: JoinMember[];
      /**
       * KIP-814: a static leader that rejoined a Stable group without a rebalance gets the members
       * but must not run the assignor (it keeps the group's current assignment).
       */
      skipAssignment?: boolean;
    }
  | { type: 'SyncGroup'; requestId: string; group: string; memberId: string; groupInstanceId?: string; generation: number; assignments: { memberId: string; partitions: number[] }[] }
  | { type: 'SyncGroupResponse'; requestId: string; group: string; error: GroupError; partitions: number[] }
  | { type: 'Heartbeat'; requestId: string; group: string; memberId: string; groupInstanceId?: string; generation: number }
  | { type: 'HeartbeatResponse'; requestId: string; group: string; error: GroupError }
  | { type: 'LeaveGroup'; requestId: string; group: string; memberId: string }
  | { type: 'LeaveGroupResponse'; requestId: string; group: string; error: GroupError }
  | { type: 'OffsetCommit'; requestId: string; group: string; memberId: string; groupInstanceId?: string; generation: number; offsets: PartitionOffset[] }
  | { type: 'OffsetCommitResponse'; requestId: string; group: string; error: GroupError }
  | { type: 'OffsetFetch'; requestId: string; group: string; partitions: number[] }
  /** offset -1: nothing committed. */
  | { type: 'OffsetFetchResponse'; requestId: string; group: string; error: GroupError; offsets: PartitionOffset[] };

export type GroupRpcType = GroupRpc['type'];
