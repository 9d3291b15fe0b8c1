/**
 * What the Java classic consumer (ConsumerCoordinator, AbstractCoordinator) puts in a cooperative
 * JoinGroup, by release (`model.kafka.version`; X.Y means the tag X.Y.0 of apache/kafka). These
 * decide which claims a group leader's assignor sees, and so which of the assignor bugs of recent
 * years can fire (reference/clients.md §4.3, KAFKA-12984, KAFKA-13419, KAFKA-14639):
 *
 * - The generation a cooperative member's claim carries (`Subscription.generation`):
 *   - before 3.0: none. CooperativeStickyAssignor of 2.4-2.8 sends no userData and
 *     ConsumerProtocolSubscription has no generationId: every claim reads as generation -1, so
 *     two claims of one partition are always "of the same generation".
 *   - 3.0 to 3.3: the generation of the last assignment it applied. KAFKA-12984 (commit
 *     6fffd77e7f2, first in 3.0.0) brought the generation back into CooperativeStickyAssignor's
 *     userData, written by onAssignment from the assignment's generation. A member whose
 *     JoinGroup succeeded but whose SyncGroup was answered REBALANCE_IN_PROGRESS (the case of
 *     KAFKA-13419) keeps its partitions and rejoins claiming them with that older generation.
 *   - from 3.4: the generation it last joined. KIP-792 (KAFKA-13715, commit 81d98993ada, first in
 *     3.4.0) adds ConsumerProtocolSubscription.generationId, filled by ConsumerCoordinator.metadata
 *     from generation().generationId, which JoinGroupResponseHandler sets on success; the
 *     assignor's memberData prefers it to userData.
 * - Whether onJoinPrepare runs again after the member id or generation was reset:
 *   - before 3.0: no. AbstractCoordinator.joinGroupIfNeeded runs onJoinPrepare only while
 *     needsJoinPrepare, which is set when a rebalance completes (after onJoinComplete); a reset
 *     (resetGeneration / resetStateAndRejoin on UNKNOWN_MEMBER_ID or ILLEGAL_GENERATION) after
 *     onJoinPrepare ran leaves the owned partitions in SubscriptionState, so a cooperative member
 *     that fell out of the group mid-rebalance rejoins as a new member still claiming them.
 *   - from 3.0: yes. KAFKA-12983 (commit a7ad0b4f636, first in 3.0.0; backported to 2.7.2 and
 *     2.8.1) sets needsJoinPrepare in resetStateAndRejoin, so onJoinPrepare sees the reset
 *     generation and gives the partitions up as lost. The model runs onJoinPrepare before every
 *     JoinGroup in these releases: with the generation unchanged it revokes nothing more.
 */
import { compareKafkaVersions, type KafkaVersion } from '../kafkaVersion.ts';

/** Which generation a cooperative claim carries (see the file comment). */
export type ClaimGeneration = 'none' | 'assigned' | 'joined';

export function claimGenerationAt(version: KafkaVersion): ClaimGeneration {
  if (compareKafkaVersions(version, '3.0') < 0) return 'none';
  if (compareKafkaVersions(version, '3.4') < 0) return 'assigned';
  return 'joined';
}

/** Whether a reset of the member id or generation makes the next JoinGroup run onJoinPrepare (KAFKA-12983). */
export function joinPrepareAfterResetAt(version: KafkaVersion): boolean {
  return compareKafkaVersions(version, '3.0') >= 0;
}
