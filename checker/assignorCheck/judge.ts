/**
 * Judges one assignment against its input: valid and complete (../shared/reference/clients.md
 * §4.5), and balanced. Pure; returns the rules broken, each once, with the first offending
 * partitions named.
 *
 * Complete under the cooperative protocol (KIP-429): a partition may be left unassigned only
 * while a current owner still has to revoke it, and a partition still owned by one member must
 * not go to another in the same round. Together: the withheld set is exactly the moving set
 * {partitions someone owns that none of their owners keeps}. This is the leader-side check of
 * Kafka:clients/src/main/java/org/apache/kafka/clients/consumer/internals/ConsumerCoordinator.java
 * `validateCooperativeAssignment` (added ∩ revoked = ∅), plus "withheld only if moving".
 */
import { compareStrings, topicPartitionKey } from '../../model/assignors/ordering.ts';
import type { AssignorInput, AssignorOutput, RebalanceProtocol, TopicPartition } from '../../model/assignors/types.ts';
import type { RuleBreach } from './rules.ts';

const NAMED_MAX = 5;

function named(partitions: readonly string[]): string {
  const shown = partitions.slice(0, NAMED_MAX).join('; ');
  return partitions.length > NAMED_MAX ? `${shown} and ${partitions.length - NAMED_MAX} more` : shown;
}

function label(tp: TopicPartition): string {
  return `${tp.topic}-${tp.partition}`;
}

/** Partitions of topics that exist and that some member subscribes to, sorted. */
export function subscribedPartitions(input: AssignorInput): TopicPartition[] {
  const subscribed = new Set(input.members.flatMap((member) => member.topics));
  const partitions: TopicPartition[] = [];
  for (const topic of [...input.topics].sort((a, b) => compareStrings(a.name, b.name))) {
    if (!subscribed.has(topic.name)) continue;
    for (let partition = 0; partition < topic.partitionCount; partition++) partitions.push({ topic: topic.name, partition });
  }
  return partitions;
}

/** Subscribed partitions nobody was given (under cooperative: the withheld ones). */
export function unassignedPartitions(input: AssignorInput, output: AssignorOutput): TopicPartition[] {
  const assigned = new Set(output.assignments.flatMap(([, partitions]) => partitions.map(topicPartitionKey)));
  return subscribedPartitions(input).filter((tp) => !assigned.has(topicPartitionKey(tp)));
}

export function judgeValid(input: AssignorInput, output: AssignorOutput): RuleBreach[] {
  const breaches: RuleBreach[] = [];
  const subscriptions = new Map(input.members.map((member) => [member.memberId, [...new Set(member.topics)].sort(compareStrings)]));
  const unsubscribed: string[] = [];
  const owners = new Map<string, { tp: TopicPartition; memberIds: string[] }>();
  for (const [memberId, partitions] of output.assignments) {
    const topics = subscriptions.get(memberId) ?? [];
    for (const tp of partitions) {
      if (!topics.includes(tp.topic)) unsubscribed.push(`${label(tp)} to ${memberId}, which subscribes to ${topics.length === 0 ? 'nothing' : topics.join(', ')}`);
      const key = topicPartitionKey(tp);
      const entry = owners.get(key) ?? { tp, memberIds: [] };
      entry.memberIds.push(memberId);
      owners.set(key, entry);
    }
  }
  if (unsubscribed.length > 0) breaches.push({ rule: 'unsubscribed-topic', detail: `gave ${named(unsubscribed)}` });
  const doubled = [...owners.values()]
    .filter(({ memberIds }) => memberIds.length > 1)
    .map(({ tp, memberIds }) => (new Set(memberIds).size === 1 ? `${label(tp)} twice to ${memberIds[0]}` : `${label(tp)} to ${[...new Set(memberIds)].join(' and ')}`));
  if (doubled.length > 0) breaches.push({ rule: 'double-assigned', detail: `gave ${named(doubled)}` });
  return breaches;
}

export function judgeComplete(input: AssignorInput, output: AssignorOutput, protocol: RebalanceProtocol): RuleBreach[] {
  const breaches: RuleBreach[] = [];
  const unassigned = unassignedPartitions(input, output);
  if (protocol === 'eager') {
    if (unassigned.length > 0) breaches.push({ rule: 'unassigned', detail: `left ${named(unassigned.map(label))} unassigned (eager: nothing may be withheld)` });
    return breaches;
  }
  const claimers = new Map<string, Set<string>>();
  for (const member of input.members) {
    for (const tp of member.ownedPartitions) {
      const key = topicPartitionKey(tp);
      if (!claimers.has(key)) claimers.set(key, new Set());
      claimers.get(key)!.add(member.memberId);
    }
  }
  const notMoving = unassigned.filter((tp) => !claimers.has(topicPartitionKey(tp)));
  if (notMoving.length > 0) {
    breaches.push({ rule: 'unassigned', detail: `left ${named(notMoving.map(label))} unassigned although no member owns it (only a partition being revoked may be withheld)` });
  }
  const handedOver: string[] = [];
  for (const [memberId, partitions] of output.assignments) {
    for (const tp of partitions) {
      const owners = claimers.get(topicPartitionKey(tp));
      if (owners !== undefined && !owners.has(memberId)) handedOver.push(`${label(tp)} to ${memberId} while ${[...owners].sort(compareStrings).join(' and ')} still owns it`);
    }
  }
  if (handedOver.length > 0) breaches.push({ rule: 'assigned-before-revoked', detail: `gave ${named(handedOver)}` });
  return breaches;
}

/**
 * When every member subscribes to the same topics (those that exist), loads differ by at most one.
 * With differing subscriptions Kafka promises no such thing even for round robin ("this can
 * result in imbalanced assignments", RoundRobinAssignor's Javadoc), so nothing is judged then.
 */
export function judgeBalanced(input: AssignorInput, output: AssignorOutput): RuleBreach[] {
  const existing = new Set(input.topics.filter((topic) => topic.partitionCount > 0).map((topic) => topic.name));
  const subscriptionOf = (topics: readonly string[]): string => JSON.stringify([...new Set(topics.filter((topic) => existing.has(topic)))].sort(compareStrings));
  const subscriptions = new Set(input.members.map((member) => subscriptionOf(member.topics)));
  if (subscriptions.size !== 1 || input.members.length < 2) return [];
  const loads = new Map(output.assignments.map(([memberId, partitions]) => [memberId, partitions.length]));
  const sorted = input.members.map((member) => member.memberId).sort((a, b) => (loads.get(a) ?? 0) - (loads.get(b) ?? 0) || compareStrings(a, b));
  const least = sorted[0];
  const most = sorted[sorted.length - 1];
  if ((loads.get(most) ?? 0) - (loads.get(least) ?? 0) <= 1) return [];
  return [{ rule: 'unbalanced', detail: `${most} has ${loads.get(most) ?? 0} partitions and ${least} has ${loads.get(least) ?? 0}, and every member subscribes to the same topics` }];
}
