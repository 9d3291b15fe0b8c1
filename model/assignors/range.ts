/**
 * `range`: Kafka:clients/src/main/java/org/apache/kafka/clients/consumer/RangeAssignor.java
 * (without racks). Per topic, the subscribers sorted by MemberInfo order (static members first, by
 * group.instance.id) take contiguous ranges; the first `n % k` take one extra partition. Every
 * member appears in the output, possibly with nothing. Not balanced across topics: the same first
 * members get every topic's extra partition.
 */
import { buildOutput, canonicalInput, subscribedPartitionCounts } from './canonicalInput.ts';
import { compareMemberInfo } from './ordering.ts';
import type { Assignor, AssignorInput, AssignorOutput, TopicPartition } from './types.ts';

export const rangeAssignor: Assignor = {
  name: 'range',
  supportedProtocols: ['eager'],
  balanced: false,
  assign(raw: AssignorInput): AssignorOutput {
    const input = canonicalInput(raw);
    const assignment = new Map<string, TopicPartition[]>(input.members.map((member) => [member.memberId, []]));
    for (const [topic, partitionCount] of subscribedPartitionCounts(input)) {
      const subscribers = input.members.filter((member) => member.topics.includes(topic)).sort(compareMemberInfo);
      const perMember = Math.floor(partitionCount / subscribers.length);
      const extra = partitionCount % subscribers.length;
      subscribers.forEach((member, index) => {
        const start = perMember * index + Math.min(index, extra);
        const length = perMember + (index < extra ? 1 : 0);
        const partitions = assignment.get(member.memberId)!;
        for (let partition = start; partition < start + length; partition++) partitions.push({ topic, partition });
      });
    }
    return buildOutput(input, assignment);
  },
};
