/**
 * fast-check arbitraries for assignor inputs (issue 4 item 8a): 1..8 members, 1..3 topics of
 * 1..12 partitions, subscriptions (all equal, or any non-empty subset per member), static and
 * dynamic members, owned partitions and generations.
 *
 * Ownership is drawn the way groups produce it, a previous assignment (each partition owned by
 * one member or by nobody), then each member may claim up to two partitions more, which gives the
 * conflicting and stale claims Kafka resolves by generation. Member ids include numeric-looking
 * ones ("2", "10") so that an assignor iterating a plain object's keys shows its order bug.
 */
import fc from 'fast-check';
import type { AssignorInput, AssignorMember, AssignorTopic, RebalanceProtocol, TopicPartition } from '../../model/assignors/types.ts';

export const MEMBER_ID_POOL = ['consumer-1', 'consumer-2', 'consumer-10', '2', '10', 'consumer-b-7f3e', 'Consumer-A', 'm'] as const;
export const TOPIC_POOL = ['orders', 'payments', 'audit'] as const;

export interface InputArbitraryOptions {
  protocol: RebalanceProtocol;
  /** 'equal': every member subscribes to the same topics; 'any': each its own non-empty subset. */
  subscriptions?: 'equal' | 'any';
  membersMax?: number;
  topicsMax?: number;
  partitionsMax?: number;
}

function allPartitionsOf(topics: readonly AssignorTopic[]): TopicPartition[] {
  return topics.flatMap((topic) => Array.from({ length: topic.partitionCount }, (_, partition) => ({ topic: topic.name, partition })));
}

export function assignorInputArbitrary(options: InputArbitraryOptions): fc.Arbitrary<AssignorInput> {
  const membersMax = Math.min(options.membersMax ?? 8, MEMBER_ID_POOL.length);
  const topicsMax = Math.min(options.topicsMax ?? 3, TOPIC_POOL.length);
  const partitionsMax = options.partitionsMax ?? 12;
  const topicsArbitrary = fc
    .integer({ min: 1, max: topicsMax })
    .chain((count) => fc.tuple(...TOPIC_POOL.slice(0, count).map((name) => fc.integer({ min: 1, max: partitionsMax }).map((partitionCount): AssignorTopic => ({ name, partitionCount })))));

  return topicsArbitrary.chain((topics) => {
    const names = topics.map((topic) => topic.name);
    const partitions = allPartitionsOf(topics);
    const subscriptionArbitrary = fc.subarray(names, { minLength: 1 });
    const membersArbitrary = (shared: string[] | null): fc.Arbitrary<AssignorMember[]> =>
      fc.uniqueArray(fc.constantFrom(...MEMBER_ID_POOL), { minLength: 1, maxLength: membersMax }).chain((memberIds) =>
        fc
          .tuple(
            fc.tuple(
              ...memberIds.map(() =>
                fc.record({
                  topics: shared === null ? subscriptionArbitrary : fc.constant(shared),
                  extraClaims: fc.subarray(partitions, { maxLength: Math.min(2, partitions.length) }),
                  generation: fc.integer({ min: -1, max: 4 }),
                  isStatic: fc.boolean(),
                  rackId: fc.constantFrom<string | null>(null, 'rack-a', 'rack-b'),
                }),
              ),
            ),
            // The previous owner of each partition: an index into memberIds, or -1 for nobody.
            fc.array(fc.integer({ min: -1, max: memberIds.length - 1 }), { minLength: partitions.length, maxLength: partitions.length }),
          )
          .map(([records, owners]) =>
            memberIds.map((memberId, index): AssignorMember => {
              const record = records[index];
              const owned = partitions.filter((_, partitionIndex) => owners[partitionIndex] === index);
              for (const claim of record.extraClaims) if (!owned.includes(claim)) owned.push(claim);
              return {
                memberId,
                groupInstanceId: record.isStatic ? `instance-${memberId}` : null,
                topics: [...record.topics],
                ownedPartitions: owned.map((tp) => ({ topic: tp.topic, partition: tp.partition })),
                generation: record.generation,
                rackId: record.rackId,
              };
            }),
          ),
      );
    const members = options.subscriptions === 'equal' ? subscriptionArbitrary.chain((shared) => membersArbitrary(shared)) : membersArbitrary(null);
    return members.map((memberList): AssignorInput => ({ topics: topics.map((topic) => ({ ...topic })), members: memberList, protocol: options.protocol }));
  });
}
