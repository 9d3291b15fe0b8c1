/**
 * The engine shared by `sticky` and `cooperative-sticky`: a transcription of
 * Kafka:clients/src/main/java/org/apache/kafka/clients/consumer/internals/AbstractStickyAssignor.java
 * at Kafka@1eb7644349cb (../shared/reference/clients.md §4.3), without racks (rack-aware
 * assignment needs partition replica racks, which kmc's assignor input does not carry; Java skips
 * it too when partitions have no racks).
 *
 * Step A `allSubscriptionsEqual` resolves claimed ownership: a partition claimed by two members
 * of the same generation is owned by neither (and remembered as multiply claimed); a higher
 * generation takes it from a lower one; a lower generation leaves it where it is.
 * Step B1 `ConstrainedAssignmentBuilder` (all subscriptions equal): keep owned partitions up to
 * the quotas, then fill members round-robin, recording partitions that change owner.
 * Step B2 `GeneralAssignmentBuilder` (differing subscriptions): keep valid owned partitions, give
 * each unassigned partition to the least-loaded subscriber, then move partitions until balanced,
 * reverting if the balance score did not improve.
 *
 * Java iterates HashMaps in several places where the result depends on it; javaHashOrder.ts
 * emulates that order (members inserted in memberId order, since kmc's input is a set).
 *
 * Checked differentially against Kafka@1eb7644349cb's own classes compiled from source: over
 * 20,000 generated calls every valid Java result matched exactly (a few are pinned in
 * test/fixtures/assignors/java-differential.json).
 *
 * Deliberate divergences, each where Java would crash or produce an invalid assignment:
 * - Step A decides "all subscriptions equal" by comparing with the first member's topics; Java
 *   uses `subscribedTopics.isEmpty()`, so a member with an empty subscription seen first makes
 *   Java call a mixed group "equal" and hand that member partitions it does not subscribe to.
 * - In `performReassignments`, a partition goes back to its previous owner (second-highest
 *   generation) only if that member still takes part in balancing and subscribes to the topic;
 *   Java throws a NullPointerException in the first case and gives the partition to a member
 *   that does not subscribe to its topic in the second. Both need a member of an older
 *   generation claiming partitions of topics it no longer subscribes to, which the eager
 *   StickyAssignor's userData (the previous assignment) carries after a subscription change.
 * - `maxGeneration` is computed per call; in Java it is an instance field that only grows over
 *   the assignor's lifetime.
 * - Owned partitions that do not exist are dropped up front (canonicalInput.ts).
 */
import { assert } from '../kernel/assert.ts';
import { DEFAULT_GENERATION, subscribedPartitionCounts, type CanonicalInput, type CanonicalMember } from './canonicalInput.ts';
import { javaHashMapOrder, javaStringHash, javaTopicPartitionHash, JavaOrderedHashSet } from './javaHashOrder.ts';
import { compareStrings } from './ordering.ts';
import type { TopicPartition } from './types.ts';

/** An interned topic-partition: equal partitions are the same object within one assign call. */
export interface Tp {
  readonly topic: string;
  readonly partition: number;
  readonly hash: number;
}

export class TpTable {
  private readonly byKey = new Map<string, Tp>();

  get(topic: string, partition: number): Tp {
    const key = `${topic}\u0000${partition}`;
    let tp = this.byKey.get(key);
    if (tp === undefined) {
      tp = { topic, partition, hash: javaTopicPartitionHash(topic, partition) };
      this.byKey.set(key, tp);
    }
    return tp;
  }
}

/** What a sticky assignor reads from a member's subscription (Java's `MemberData`). */
export interface StickyMemberData {
  partitions: readonly TopicPartition[];
  /** DEFAULT_GENERATION (-1) when absent. */
  generation: number;
}

export interface StickyResult {
  /** Every member's partitions. */
  assignment: Map<string, Tp[]>;
  /** Partitions given to a member other than their previous owner (constrained builder only; null from the general builder, as in Java). */
  partitionsTransferringOwnership: Map<Tp, string> | null;
  table: TpTable;
}

/** Bound on balancing passes; Java loops until nothing moves, which always ends well before this. */
const REASSIGNMENT_PASSES_MAX = 10_000;

function removeFrom(list: Tp[], tp: Tp): void {
  const index = list.indexOf(tp);
  if (index >= 0) list.splice(index, 1);
}

function sameTopicSet(a: ReadonlySet<string>, b: readonly string[]): boolean {
  return a.size === b.length && b.every((topic) => a.has(topic));
}

export function stickyAssign(input: CanonicalInput, memberDataOf: (member: CanonicalMember) => StickyMemberData): StickyResult {
  const table = new TpTable();
  const partitionsPerTopic = subscribedPartitionCounts(input);
  const members = javaHashMapOrder(input.members, (member) => javaStringHash(member.memberId));
  const memberData = new Map(members.map((member) => [member.memberId, memberDataOf(member)]));
  const subscriptionOf = new Map(members.map((member) => [member.memberId, member.topics]));

  // Step A: allSubscriptionsEqual.
  let allSubscriptionsEqual = true;
  let firstTopics: Set<string> | null = null;
  let maxGeneration = DEFAULT_GENERATION;
  const consumerToOwnedPartitions = new Map<string, Tp[]>();
  const partitionsWithMultiplePreviousOwners = new Set<Tp>();
  const allPreviousPartitionsToOwner = new Map<Tp, string>();
  for (const member of members) {
    if (firstTopics === null) firstTopics = new Set(member.topics);
    else if (allSubscriptionsEqual && !sameTopicSet(firstTopics, member.topics)) allSubscriptionsEqual = false;
    const data = memberData.get(member.memberId)!;
    const memberGeneration = data.generation;
    maxGeneration = Math.max(maxGeneration, memberGeneration);
    const ownedPartitions: Tp[] = [];
    consumerToOwnedPartitions.set(member.memberId, ownedPartitions);
    for (const claimed of data.partitions) {
      if (!partitionsPerTopic.has(claimed.topic)) continue;
      const tp = table.get(claimed.topic, claimed.partition);
      const otherConsumer = allPreviousPartitionsToOwner.get(tp);
      if (otherConsumer === undefined) {
        ownedPartitions.push(tp);
        allPreviousPartitionsToOwner.set(tp, member.memberId);
        continue;
      }
      const otherMemberGeneration = memberData.get(otherConsumer)!.generation;
      if (memberGeneration === otherMemberGeneration) {
        partitionsWithMultiplePreviousOwners.add(tp);
        removeFrom(consumerToOwnedPartitions.get(otherConsumer)!, tp);
        allPreviousPartitionsToOwner.set(tp, member.memberId);
      } else if (memberGeneration > otherMemberGeneration) {
        ownedPartitions.push(tp);
        removeFrom(consumerToOwnedPartitions.get(otherConsumer)!, tp);
        allPreviousPartitionsToOwner.set(tp, member.memberId);
      }
      // else: the other member, of a higher generation, keeps it.
    }
  }

  const allPartitionsSortedByTopic = (topics: readonly string[]): Tp[] => {
    const partitions: Tp[] = [];
    for (const topic of topics) for (let partition = 0; partition < partitionsPerTopic.get(topic)!; partition++) partitions.push(table.get(topic, partition));
    return partitions;
  };
  const totalPartitionsCount = [...partitionsPerTopic.values()].reduce((sum, count) => sum + count, 0);

  if (allSubscriptionsEqual) {
    return constrainedAssign();
  }
  return generalAssign();

  // Step B1: ConstrainedAssignmentBuilder.
  function constrainedAssign(): StickyResult {
    const transferring = new Map<Tp, string>();
    const maybeRevokedPartitions = new Map<Tp, string>();
    let unfilledUnderMinQuota: string[] = [];
    let unfilledExactlyMinQuota: string[] = [];
    const numberOfConsumers = consumerToOwnedPartitions.size;
    const minQuota = Math.floor(totalPartitionsCount / numberOfConsumers);
    const maxQuota = Math.ceil(totalPartitionsCount / numberOfConsumers);
    const expectedNumMembersWithOverMinQuota = totalPartitionsCount % numberOfConsumers;
    let currentNumMembersWithOverMinQuota = 0;
    const assignment = new Map<string, Tp[]>([...consumerToOwnedPartitions.keys()].map((consumer) => [consumer, []]));
    const assignedPartitions = new Set<Tp>();

    // assignOwnedPartitions: owned sorted by (partition, topic), multiply-claimed ones removed.
    for (const [consumer, claimed] of consumerToOwnedPartitions) {
      const owned = claimed
        .filter((tp) => !partitionsWithMultiplePreviousOwners.has(tp))
        .sort((a, b) => a.partition - b.partition || compareStrings(a.topic, b.topic));
      const consumerAssignment = assignment.get(consumer)!;
      const keep = (count: number): void => {
        for (const tp of owned.slice(0, count)) {
          consumerAssignment.push(tp);
          assignedPartitions.add(tp);
        }
        for (const tp of owned.slice(count)) maybeRevokedPartitions.set(tp, consumer);
      };
      if (owned.length < minQuota) {
        keep(owned.length);
        unfilledUnderMinQuota.push(consumer);
      } else if (owned.length >= maxQuota && currentNumMembersWithOverMinQuota < expectedNumMembersWithOverMinQuota) {
        currentNumMembersWithOverMinQuota++;
        if (currentNumMembersWithOverMinQuota === expectedNumMembersWithOverMinQuota) unfilledExactlyMinQuota = [];
        keep(maxQuota);
      } else {
        keep(minQuota);
        if (currentNumMembersWithOverMinQuota < expectedNumMembersWithOverMinQuota) unfilledExactlyMinQuota.push(consumer);
      }
    }

    const sortedTopics = [...partitionsPerTopic.keys()].sort(compareStrings);
    const unassignedPartitions = allPartitionsSortedByTopic(sortedTopics).filter((tp) => !assignedPartitions.has(tp));
    unfilledUnderMinQuota = unfilledUnderMinQuota.sort(compareStrings);
    unfilledExactlyMinQuota = unfilledExactlyMinQuota.sort(compareStrings);

    const assignNewPartition = (tp: Tp, consumer: string): number => {
      const consumerAssignment = assignment.get(consumer)!;
      consumerAssignment.push(tp);
      const revokedFrom = maybeRevokedPartitions.get(tp);
      if ((revokedFrom !== undefined && revokedFrom !== consumer) || partitionsWithMultiplePreviousOwners.has(tp)) transferring.set(tp, consumer);
      return consumerAssignment.length;
    };

    // assignRoundRobin, with Java's LinkedList iterator over the under-minQuota members.
    let iteratorNext = 0;
    for (const tp of unassignedPartitions) {
      let consumer: string;
      let fromIterator = true;
      if (iteratorNext < unfilledUnderMinQuota.length) {
        consumer = unfilledUnderMinQuota[iteratorNext++];
      } else {
        assert(unfilledUnderMinQuota.length > 0 || unfilledExactlyMinQuota.length > 0, 'sticky: no more unfilled consumers to be assigned');
        if (unfilledUnderMinQuota.length === 0) {
          consumer = unfilledExactlyMinQuota.shift()!;
          fromIterator = false;
        } else {
          iteratorNext = 0;
          consumer = unfilledUnderMinQuota[iteratorNext++];
        }
      }
      const currentAssignedCount = assignNewPartition(tp, consumer);
      if (currentAssignedCount === minQuota) {
        assert(fromIterator, 'sticky: a member taken at minQuota reached minQuota again');
        unfilledUnderMinQuota.splice(--iteratorNext, 1);
        unfilledExactlyMinQuota.push(consumer);
      } else if (currentAssignedCount === maxQuota) {
        currentNumMembersWithOverMinQuota++;
      }
    }

    // verifyUnfilledMembers.
    if (unfilledUnderMinQuota.length > 0) {
      assert(currentNumMembersWithOverMinQuota === expectedNumMembersWithOverMinQuota, 'sticky: members left under minQuota before reaching the expected members over minQuota');
      for (const consumer of unfilledUnderMinQuota) assert(assignment.get(consumer)!.length === minQuota, `sticky: ${consumer} does not reach minQuota`);
    }
    return { assignment, partitionsTransferringOwnership: transferring, table };
  }

  // Step B2: GeneralAssignmentBuilder.
  function generalAssign(): StickyResult {
    const topic2AllPotentialConsumers = new Map<string, string[]>([...partitionsPerTopic.keys()].map((topic) => [topic, []]));
    const consumer2AllPotentialTopics = new Map<string, string[]>();
    for (const member of members) {
      const topics = member.topics.filter((topic) => partitionsPerTopic.has(topic));
      consumer2AllPotentialTopics.set(member.memberId, topics);
      for (const topic of topics) topic2AllPotentialConsumers.get(topic)!.push(member.memberId);
    }
    let currentAssignment = consumerToOwnedPartitions;
    let currentPartitionConsumer = new Map<Tp, string>();
    for (const [consumer, partitions] of currentAssignment) for (const tp of partitions) currentPartitionConsumer.set(tp, consumer);
    const sortedAllTopics = [...topic2AllPotentialConsumers.keys()].sort(
      (a, b) => topic2AllPotentialConsumers.get(a)!.length - topic2AllPotentialConsumers.get(b)!.length || compareStrings(a, b),
    );
    let sortedAllPartitions = allPartitionsSortedByTopic(sortedAllTopics);
    // Java's TreeSet ordered by (assignment size, member id); kept as a membership set, sorted on demand.
    const sortedCurrentSubscriptions = new Set<string>();
    const sortedSubscriptions = (): string[] =>
      [...sortedCurrentSubscriptions].sort((a, b) => currentAssignment.get(a)!.length - currentAssignment.get(b)!.length || compareStrings(a, b));
    const sizeOf = (consumer: string): number => currentAssignment.get(consumer)!.length;

    // prepopulateCurrentAssignments: per partition, the owner of the highest generation below maxGeneration.
    const prevAssignment = new Map<Tp, { consumer: string; generation: number }>();
    for (const member of members) {
      const data = memberData.get(member.memberId)!;
      if (!(data.generation < maxGeneration)) continue;
      for (const claimed of data.partitions) {
        const tp = table.get(claimed.topic, claimed.partition);
        const previous = prevAssignment.get(tp);
        if (previous === undefined || data.generation > previous.generation) prevAssignment.set(tp, { consumer: member.memberId, generation: data.generation });
      }
    }

    // assignOwnedPartitions.
    let revocationRequired = false;
    const assignedPartitions = new Set<Tp>();
    for (const [consumer, partitions] of currentAssignment) {
      for (const tp of [...partitions]) {
        if (!topic2AllPotentialConsumers.has(tp.topic)) {
          removeFrom(partitions, tp);
          currentPartitionConsumer.delete(tp);
        } else if (!subscriptionOf.get(consumer)!.includes(tp.topic)) {
          removeFrom(partitions, tp);
          revocationRequired = true;
        } else {
          assignedPartitions.add(tp);
        }
      }
    }
    let unassignedPartitions = sortedAllPartitions.filter((tp) => !assignedPartitions.has(tp));
    for (const consumer of currentAssignment.keys()) sortedCurrentSubscriptions.add(consumer);

    const getMaxAssignmentSize = (topics: readonly string[]): number =>
      topics.length === partitionsPerTopic.size ? totalPartitionsCount : topics.reduce((sum, topic) => sum + partitionsPerTopic.get(topic)!, 0);
    const canTopicParticipateInReassignment = (topic: string): boolean => topic2AllPotentialConsumers.get(topic)!.length >= 2;
    const canConsumerParticipateInReassignment = (consumer: string): boolean => {
      const partitions = currentAssignment.get(consumer)!;
      if (partitions.length < getMaxAssignmentSize(consumer2AllPotentialTopics.get(consumer)!)) return true;
      return partitions.some((tp) => canTopicParticipateInReassignment(tp.topic));
    };

    const isBalanced = (): boolean => {
      const sorted = sortedSubscriptions();
      if (sorted.length === 0) return true;
      if (sizeOf(sorted[0]) >= sizeOf(sorted[sorted.length - 1]) - 1) return true;
      const allPartitions = new Map<Tp, string>();
      for (const [consumer, partitions] of currentAssignment) for (const tp of partitions) allPartitions.set(tp, consumer);
      for (const consumer of sorted) {
        const consumerPartitions = currentAssignment.get(consumer)!;
        const consumerPartitionCount = consumerPartitions.length;
        const topics = consumer2AllPotentialTopics.get(consumer)!;
        if (consumerPartitionCount === getMaxAssignmentSize(topics)) continue;
        for (const topic of topics) {
          for (let partition = 0; partition < partitionsPerTopic.get(topic)!; partition++) {
            const tp = table.get(topic, partition);
            if (consumerPartitions.includes(tp)) continue;
            const otherConsumer = allPartitions.get(tp);
            if (otherConsumer === undefined) continue;
            if (consumerPartitionCount + 1 < sizeOf(otherConsumer)) return false;
          }
        }
      }
      return true;
    };

    const getBalanceScore = (assignment: ReadonlyMap<string, readonly Tp[]>): number => {
      const sizes = [...assignment.values()].map((partitions) => partitions.length);
      let score = 0;
      for (let i = 0; i < sizes.length; i++) for (let j = i + 1; j < sizes.length; j++) score += Math.abs(sizes[i] - sizes[j]);
      return score;
    };

    const movements = new PartitionMovements();
    const processPartitionMovement = (tp: Tp, newConsumer: string): void => {
      const oldConsumer = currentPartitionConsumer.get(tp)!;
      movements.movePartition(tp, oldConsumer, newConsumer);
      removeFrom(currentAssignment.get(oldConsumer)!, tp);
      currentAssignment.get(newConsumer)!.push(tp);
      currentPartitionConsumer.set(tp, newConsumer);
    };
    const reassignPartitionTo = (tp: Tp, newConsumer: string): void => {
      const consumer = currentPartitionConsumer.get(tp)!;
      processPartitionMovement(movements.getTheActualPartitionToBeMoved(tp, consumer, newConsumer), newConsumer);
    };
    const reassignPartition = (tp: Tp): void => {
      const newConsumer = sortedSubscriptions().find((consumer) => consumer2AllPotentialTopics.get(consumer)!.includes(tp.topic));
      assert(newConsumer !== undefined, `sticky: no consumer can take ${tp.topic}-${tp.partition}`);
      reassignPartitionTo(tp, newConsumer);
    };

    const performReassignments = (reassignablePartitions: readonly Tp[]): boolean => {
      let reassignmentPerformed = false;
      let modified: boolean;
      let passes = 0;
      do {
        modified = false;
        assert(++passes <= REASSIGNMENT_PASSES_MAX, 'sticky: balancing did not settle');
        for (const tp of reassignablePartitions) {
          if (isBalanced()) break;
          const consumer = currentPartitionConsumer.get(tp);
          assert(consumer !== undefined, `sticky: ${tp.topic}-${tp.partition} has no consumer while balancing`);
          const previous = prevAssignment.get(tp);
          if (
            previous !== undefined &&
            currentAssignment.has(previous.consumer) &&
            sortedCurrentSubscriptions.has(previous.consumer) &&
            consumer2AllPotentialTopics.get(previous.consumer)!.includes(tp.topic) &&
            sizeOf(consumer) > sizeOf(previous.consumer) + 1
          ) {
            reassignPartitionTo(tp, previous.consumer);
            reassignmentPerformed = true;
            modified = true;
            continue;
          }
          for (const otherConsumer of topic2AllPotentialConsumers.get(tp.topic)!) {
            if (sizeOf(consumer) > sizeOf(otherConsumer) + 1) {
              reassignPartition(tp);
              reassignmentPerformed = true;
              modified = true;
              break;
            }
          }
        }
      } while (modified);
      return reassignmentPerformed;
    };

    // balance.
    const initializing = Math.max(0, ...[...currentAssignment.values()].map((partitions) => partitions.length)) === 0;
    for (const tp of unassignedPartitions) {
      if (topic2AllPotentialConsumers.get(tp.topic)!.length === 0) continue;
      const consumer = sortedSubscriptions().find((candidate) => consumer2AllPotentialTopics.get(candidate)!.includes(tp.topic));
      if (consumer === undefined) continue;
      currentAssignment.get(consumer)!.push(tp);
      currentPartitionConsumer.set(tp, consumer);
    }
    const fixedTopics = new Set([...topic2AllPotentialConsumers.keys()].filter((topic) => !canTopicParticipateInReassignment(topic)));
    sortedAllPartitions = sortedAllPartitions.filter((tp) => !fixedTopics.has(tp.topic));
    unassignedPartitions = unassignedPartitions.filter((tp) => !fixedTopics.has(tp.topic));
    const fixedAssignments = new Map<string, Tp[]>();
    for (const consumer of consumer2AllPotentialTopics.keys()) {
      if (!canConsumerParticipateInReassignment(consumer)) {
        sortedCurrentSubscriptions.delete(consumer);
        fixedAssignments.set(consumer, currentAssignment.get(consumer)!);
        currentAssignment.delete(consumer);
      }
    }
    const preBalanceAssignment = new Map([...currentAssignment].map(([consumer, partitions]) => [consumer, [...partitions]]));
    const preBalancePartitionConsumers = new Map(currentPartitionConsumer);
    if (!revocationRequired) performReassignments(unassignedPartitions);
    const reassignmentPerformed = performReassignments(sortedAllPartitions);
    if (!initializing && reassignmentPerformed && getBalanceScore(currentAssignment) >= getBalanceScore(preBalanceAssignment)) {
      currentAssignment = new Map([...preBalanceAssignment].map(([consumer, partitions]) => [consumer, [...partitions]]));
      currentPartitionConsumer = preBalancePartitionConsumers;
    }
    for (const [consumer, partitions] of fixedAssignments) currentAssignment.set(consumer, partitions);
    return { assignment: currentAssignment, partitionsTransferringOwnership: null, table };
  }
}

/**
 * AbstractStickyAssignor.PartitionMovements: which partitions moved between which pair of
 * members, per topic, so a later move can reverse an earlier one instead of making a new one.
 */
class PartitionMovements {
  private readonly byTopic = new Map<string, Map<string, JavaOrderedHashSet<Tp>>>();
  private readonly movements = new Map<Tp, { src: string; dst: string }>();

  private static pairKey(src: string, dst: string): string {
    return JSON.stringify([src, dst]);
  }

  private removeMovementRecordOfPartition(tp: Tp): { src: string; dst: string } {
    const pair = this.movements.get(tp)!;
    this.movements.delete(tp);
    const forTopic = this.byTopic.get(tp.topic)!;
    const key = PartitionMovements.pairKey(pair.src, pair.dst);
    const partitions = forTopic.get(key)!;
    partitions.delete(tp);
    if (partitions.size === 0) forTopic.delete(key);
    if (forTopic.size === 0) this.byTopic.delete(tp.topic);
    return pair;
  }

  private addPartitionMovementRecord(tp: Tp, pair: { src: string; dst: string }): void {
    this.movements.set(tp, pair);
    let forTopic = this.byTopic.get(tp.topic);
    if (forTopic === undefined) {
      forTopic = new Map();
      this.byTopic.set(tp.topic, forTopic);
    }
    const key = PartitionMovements.pairKey(pair.src, pair.dst);
    let partitions = forTopic.get(key);
    if (partitions === undefined) {
      partitions = new JavaOrderedHashSet<Tp>((partition) => partition.hash);
      forTopic.set(key, partitions);
    }
    partitions.add(tp);
  }

  movePartition(tp: Tp, oldConsumer: string, newConsumer: string): void {
    if (this.movements.has(tp)) {
      const existing = this.removeMovementRecordOfPartition(tp);
      if (existing.src !== newConsumer) this.addPartitionMovementRecord(tp, { src: existing.src, dst: newConsumer });
    } else {
      this.addPartitionMovementRecord(tp, { src: oldConsumer, dst: newConsumer });
    }
  }

  getTheActualPartitionToBeMoved(tp: Tp, oldConsumer: string, newConsumer: string): Tp {
    const forTopic = this.byTopic.get(tp.topic);
    if (forTopic === undefined) return tp;
    const previous = this.movements.get(tp);
    const from = previous !== undefined ? previous.src : oldConsumer;
    const reverse = forTopic.get(PartitionMovements.pairKey(newConsumer, from));
    if (reverse === undefined) return tp;
    return reverse.first()!;
  }
}
