/**
 * `cooperative-sticky`: Kafka:clients/src/main/java/org/apache/kafka/clients/consumer/CooperativeStickyAssignor.java
 * (KIP-429) over the shared engine (stickyEngine.ts), then the cooperative adjustment: every
 * partition that would move from a current owner to another member is withheld (left unassigned)
 * this round, so its owner revokes it and rejoins; the next rebalance assigns it.
 *
 * `partitionsTransferringOwnership` comes from the constrained builder; the general builder
 * returns none, and then it is computed as in `computePartitionsTransferringOwnership`:
 * {partitions newly given to a member} ∩ {partitions some member owned and no longer has}, from
 * the raw owned partitions.
 *
 * Member data (CooperativeStickyAssignor.memberData): the subscription's ownedPartitions and
 * generation. Under the eager protocol a Java member sends no owned partitions (it revoked them
 * all before rejoining), so with `protocol: 'eager'` the owned partitions are ignored.
 */
import { assert } from '../kernel/assert.ts';
import { buildOutput, canonicalInput, type CanonicalMember } from './canonicalInput.ts';
import { stickyAssign, type Tp } from './stickyEngine.ts';
import type { Assignor, AssignorInput, AssignorOutput, TopicPartition } from './types.ts';

function ownedPartitionsOf(member: CanonicalMember, protocol: AssignorInput['protocol']): TopicPartition[] {
  return protocol === 'eager' ? [] : member.ownedPartitions;
}

export const cooperativeStickyAssignor: Assignor = {
  name: 'cooperative-sticky',
  supportedProtocols: ['cooperative', 'eager'],
  assign(raw: AssignorInput): AssignorOutput {
    const input = canonicalInput(raw);
    const protocol = input.protocol ?? 'cooperative';
    const result = stickyAssign(input, (member) => ({ partitions: ownedPartitionsOf(member, protocol), generation: member.generation }));
    const { assignment, table } = result;
    let transferring = result.partitionsTransferringOwnership;
    if (transferring === null) {
      // computePartitionsTransferringOwnership.
      const added = new Map<Tp, string>();
      const revoked = new Set<Tp>();
      for (const member of input.members) {
        const owned = new Set(ownedPartitionsOf(member, protocol).map((tp) => table.get(tp.topic, tp.partition)));
        const assigned = assignment.get(member.memberId) ?? [];
        for (const tp of assigned) if (!owned.has(tp)) added.set(tp, member.memberId);
        const assignedSet = new Set(assigned);
        for (const tp of owned) if (!assignedSet.has(tp)) revoked.add(tp);
      }
      transferring = new Map([...added].filter(([tp]) => revoked.has(tp)));
    }
    // adjustAssignment: withhold every transferring partition this round.
    for (const [tp, consumer] of transferring) {
      const partitions = assignment.get(consumer)!;
      const index = partitions.indexOf(tp);
      assert(index >= 0, `cooperative-sticky: ${tp.topic}-${tp.partition} is transferring to ${consumer} but not assigned to it`);
      partitions.splice(index, 1);
    }
    return buildOutput(input, assignment);
  },
};
