/**
 * `roundrobin`: Kafka:clients/src/main/java/org/apache/kafka/clients/consumer/RoundRobinAssignor.java
 * with Kafka:clients/src/main/java/org/apache/kafka/common/utils/CircularIterator.java. One
 * circular cursor over all members (MemberInfo order) for the whole group; partitions of the
 * sorted union of subscriptions in order; each partition goes to the next member at or after the
 * cursor that subscribes to its topic, and the cursor moves past it. The cursor persists across
 * topics.
 */
import { assert } from '../kernel/assert.ts';
import { buildOutput, canonicalInput, subscribedPartitionCounts } from './canonicalInput.ts';
import { compareMemberInfo } from './ordering.ts';
import type { Assignor, AssignorInput, AssignorOutput, TopicPartition } from './types.ts';

export const roundRobinAssignor: Assignor = {
  name: 'roundrobin',
  supportedProtocols: ['eager'],
  assign(raw: AssignorInput): AssignorOutput {
    const input = canonicalInput(raw);
    const assignment = new Map<string, TopicPartition[]>(input.members.map((member) => [member.memberId, []]));
    const circle = [...input.members].sort(compareMemberInfo);
    let cursor = 0;
    for (const [topic, partitionCount] of subscribedPartitionCounts(input)) {
      for (let partition = 0; partition < partitionCount; partition++) {
        // The topic is in the union of subscriptions, so some member subscribes: at most one lap.
        let skipped = 0;
        while (!circle[cursor].topics.includes(topic)) {
          cursor = (cursor + 1) % circle.length;
          skipped++;
          assert(skipped <= circle.length, `roundrobin: no subscriber for ${topic}`);
        }
        assignment.get(circle[cursor].memberId)!.push({ topic, partition });
        cursor = (cursor + 1) % circle.length;
      }
    }
    return buildOutput(input, assignment);
  },
};
