/**
 * Checks an assignor input and puts it in one canonical form, so that equal inputs (as sets) give
 * equal outputs whatever the order of the arrays: members sorted by memberId, each member's topics
 * and owned partitions sorted and de-duplicated, owned partitions that do not exist dropped
 * (partitions are never removed in Kafka, so only a deleted topic can make one disappear; Java
 * drops owned partitions of topics without metadata the same way), generations below -1 clamped
 * to Java's DEFAULT_GENERATION (-1, "no generation"; ConsumerPartitionAssignor.Subscription maps
 * any negative generation to empty).
 *
 * A malformed input (duplicate member ids, duplicate topics, a partition count that is not a
 * non-negative integer) is a bug in the caller: a model assertion.
 */
import { assert } from '../kernel/assert.ts';
import { compareStrings, compareTopicPartitions, topicPartitionKey } from './ordering.ts';
import type { AssignorInput, AssignorOutput, MemberAssignment, RebalanceProtocol, TopicPartition } from './types.ts';

/** Java's AbstractStickyAssignor.DEFAULT_GENERATION. */
export const DEFAULT_GENERATION = -1;

export interface CanonicalMember {
  memberId: string;
  groupInstanceId: string | null;
  /** Sorted, unique. */
  topics: string[];
  /** Existing partitions only, sorted, unique. */
  ownedPartitions: TopicPartition[];
  /** -1 when the member has none. */
  generation: number;
  rackId: string | null;
}

export interface CanonicalInput {
  /** Every known topic → its partition count, in name order. */
  partitionCounts: Map<string, number>;
  /** Sorted by memberId. */
  members: CanonicalMember[];
  protocol: RebalanceProtocol | null;
}

function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

export function canonicalInput(input: AssignorInput): CanonicalInput {
  assert(typeof input === 'object' && input !== null, 'assignor input must be an object');
  assert(Array.isArray(input.topics), 'assignor input.topics must be an array');
  assert(Array.isArray(input.members), 'assignor input.members must be an array');
  const topicsSorted = [...input.topics].sort((a, b) => compareStrings(a.name, b.name));
  const partitionCounts = new Map<string, number>();
  for (const topic of topicsSorted) {
    assert(typeof topic.name === 'string', 'a topic name must be a string');
    assert(!partitionCounts.has(topic.name), `topic ${JSON.stringify(topic.name)} is listed twice`);
    assert(isNonNegativeInteger(topic.partitionCount), `topic ${JSON.stringify(topic.name)} has partition count ${String(topic.partitionCount)}, not a non-negative integer`);
    partitionCounts.set(topic.name, topic.partitionCount);
  }
  const seenMembers = new Set<string>();
  const members: CanonicalMember[] = [];
  for (const member of input.members) {
    assert(typeof member.memberId === 'string', 'a memberId must be a string');
    assert(!seenMembers.has(member.memberId), `member ${JSON.stringify(member.memberId)} is listed twice`);
    seenMembers.add(member.memberId);
    assert(member.groupInstanceId === null || typeof member.groupInstanceId === 'string', `member ${member.memberId}: groupInstanceId must be a string or null`);
    assert(Array.isArray(member.topics) && member.topics.every((topic) => typeof topic === 'string'), `member ${member.memberId}: topics must be an array of strings`);
    assert(Array.isArray(member.ownedPartitions), `member ${member.memberId}: ownedPartitions must be an array`);
    assert(typeof member.generation === 'number' && Number.isInteger(member.generation), `member ${member.memberId}: generation must be an integer`);
    const owned = new Map<string, TopicPartition>();
    for (const tp of member.ownedPartitions) {
      assert(typeof tp.topic === 'string' && Number.isInteger(tp.partition), `member ${member.memberId}: an owned partition must be {topic: string, partition: integer}`);
      const count = partitionCounts.get(tp.topic);
      if (count === undefined || tp.partition < 0 || tp.partition >= count) continue;
      owned.set(topicPartitionKey(tp), { topic: tp.topic, partition: tp.partition });
    }
    members.push({
      memberId: member.memberId,
      groupInstanceId: member.groupInstanceId,
      topics: [...new Set(member.topics)].sort(compareStrings),
      ownedPartitions: [...owned.values()].sort(compareTopicPartitions),
      generation: Math.max(DEFAULT_GENERATION, member.generation),
      rackId: member.rackId ?? null,
    });
  }
  members.sort((a, b) => compareStrings(a.memberId, b.memberId));
  return { partitionCounts, members, protocol: input.protocol ?? null };
}

/**
 * Topics that get assigned: subscribed by some member and known with at least one partition
 * (AbstractPartitionAssignor.assign builds partitionsPerTopic the same way), in name order.
 */
export function subscribedPartitionCounts(input: CanonicalInput): Map<string, number> {
  const subscribed = new Set<string>();
  for (const member of input.members) for (const topic of member.topics) subscribed.add(topic);
  const counts = new Map<string, number>();
  for (const [topic, count] of input.partitionCounts) if (subscribed.has(topic) && count > 0) counts.set(topic, count);
  return counts;
}

/** The canonical output: every member, in memberId order, partitions sorted. */
export function buildOutput(input: CanonicalInput, assignment: ReadonlyMap<string, readonly TopicPartition[]>): AssignorOutput {
  const assignments: MemberAssignment[] = input.members.map((member) => {
    const partitions = (assignment.get(member.memberId) ?? []).map((tp) => ({ topic: tp.topic, partition: tp.partition }));
    partitions.sort(compareTopicPartitions);
    return [member.memberId, partitions];
  });
  return { assignments };
}
