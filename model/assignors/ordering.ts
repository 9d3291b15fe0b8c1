/**
 * The orderings Java's assignors use, written once: String.compareTo (UTF-16 code units, which is
 * what JavaScript's `<` on strings compares), TopicPartition order, and MemberInfo order
 * (Kafka:clients/src/main/java/org/apache/kafka/clients/consumer/internals/AbstractPartitionAssignor.java
 * `MemberInfo.compareTo`: two static members compare by group.instance.id, a static member sorts
 * before a dynamic one, otherwise by member id).
 */
import type { AssignorMember, TopicPartition } from './types.ts';

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Topic name, then partition (Kafka's TopicPartitionComparator). */
export function compareTopicPartitions(a: TopicPartition, b: TopicPartition): number {
  return compareStrings(a.topic, b.topic) || a.partition - b.partition;
}

/** Java's MemberInfo.compareTo. */
export function compareMemberInfo(a: Pick<AssignorMember, 'memberId' | 'groupInstanceId'>, b: Pick<AssignorMember, 'memberId' | 'groupInstanceId'>): number {
  if (a.groupInstanceId !== null && b.groupInstanceId !== null) return compareStrings(a.groupInstanceId, b.groupInstanceId);
  if (a.groupInstanceId !== null) return -1;
  if (b.groupInstanceId !== null) return 1;
  return compareStrings(a.memberId, b.memberId);
}

/** A stable string key for a topic-partition (topic names cannot contain NUL). */
export function topicPartitionKey(tp: TopicPartition): string {
  return `${tp.topic}\u0000${tp.partition}`;
}
