/**
 * `kafkajs-roundrobin`: KafkaJS's RoundRobinAssigner (KJS:src/consumer/assigners/roundRobinAssigner/index.js,
 * protocol name `RoundRobinAssigner`, version 0), on kmc's interface.
 * - Members are sorted by member id with JavaScript's default sort (UTF-16 code units); there is
 *   no static-membership ordering.
 * - The topic-partitions are `topics.flatMap(partition metadata)`; the i-th goes to
 *   `sortedMembers[i % members]`. Member subscriptions are ignored, so with differing
 *   subscriptions a member can be handed a topic it does not subscribe to (KafkaJS then drops it
 *   and warns RECEIVED_UNSUBSCRIBED_TOPICS, KJS:src/consumer/consumerGroup.js): kmc's contract
 *   check reports that as a finding, not a model bug.
 * - KafkaJS passes the leader's own subscription as `topics`; kmc's input has no leader, so this
 *   uses the sorted union of all subscriptions (identical when subscriptions are equal).
 */
import { buildOutput, canonicalInput, subscribedPartitionCounts } from './canonicalInput.ts';
import type { Assignor, AssignorInput, AssignorOutput, TopicPartition } from './types.ts';

export const kafkajsRoundRobinAssignor: Assignor = {
  name: 'kafkajs-roundrobin',
  supportedProtocols: ['eager'],
  assign(raw: AssignorInput): AssignorOutput {
    const input = canonicalInput(raw);
    const sortedMembers = input.members.map((member) => member.memberId);
    const assignment = new Map<string, TopicPartition[]>(sortedMembers.map((memberId) => [memberId, []]));
    let index = 0;
    for (const [topic, partitionCount] of subscribedPartitionCounts(input)) {
      for (let partition = 0; partition < partitionCount; partition++) {
        assignment.get(sortedMembers[index % sortedMembers.length])!.push({ topic, partition });
        index++;
      }
    }
    return buildOutput(input, assignment);
  },
};
