/**
 * Turns whatever an assignor returned into kmc's canonical output, or the rule it broke. Accepted
 * shapes for `assignments`: an array of [memberId, partitions] pairs (kmc's own), a Map, or a
 * plain object keyed by member id (its key order is irrelevant: the output is re-sorted). Each
 * partition is {topic: string, partition: integer}. Members left out get nothing.
 *
 * Checked here because the result is unusable otherwise: the shape, members of the group, topics
 * the cluster has, partitions that exist. What needs the subscriptions (unsubscribed topics,
 * double assignment, completeness) is judged afterwards (judge.ts).
 */
import { compareStrings, compareTopicPartitions } from '../../model/assignors/ordering.ts';
import type { AssignorInput, AssignorOutput, MemberAssignment, TopicPartition } from '../../model/assignors/types.ts';
import type { RuleBreach } from './rules.ts';

export type Normalized = { ok: true; output: AssignorOutput } | { ok: false; breach: RuleBreach };

/** A short description of a value for a report ("a string", "null", "a Promise"). */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Map) return 'a Map';
  if (value instanceof Uint8Array) return `a ${value.byteLength}-byte buffer`;
  if (typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function') return 'a Promise';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : `the number ${value}`;
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function fail(rule: RuleBreach['rule'], detail: string): Normalized {
  return { ok: false, breach: { rule, detail } };
}

function entriesOf(assignments: unknown): Array<[unknown, unknown]> | null {
  if (Array.isArray(assignments)) {
    const entries: Array<[unknown, unknown]> = [];
    for (const entry of assignments) {
      if (!Array.isArray(entry) || entry.length !== 2) return null;
      entries.push([entry[0], entry[1]]);
    }
    return entries;
  }
  if (assignments instanceof Map) return [...assignments.entries()];
  if (typeof assignments === 'object' && assignments !== null && Object.getPrototypeOf(assignments) === Object.prototype) {
    return Object.keys(assignments).map((key) => [key, (assignments as Record<string, unknown>)[key]]);
  }
  return null;
}

export function normalizeAssignorResult(raw: unknown, input: AssignorInput): Normalized {
  if (typeof raw !== 'object' || raw === null || !('assignments' in raw)) {
    return fail('malformed-result', `assign() returned ${describeValue(raw)}, not {assignments}`);
  }
  const entries = entriesOf((raw as { assignments: unknown }).assignments);
  if (entries === null) {
    return fail('malformed-result', `assign() returned assignments as ${describeValue((raw as { assignments: unknown }).assignments)}, not an array of [memberId, partitions] pairs, a Map or an object`);
  }
  const members = new Set(input.members.map((member) => member.memberId));
  const partitionCounts = new Map(input.topics.map((topic) => [topic.name, topic.partitionCount]));
  const byMember = new Map<string, TopicPartition[]>();
  for (const [memberId, partitions] of entries) {
    if (typeof memberId !== 'string') return fail('malformed-result', `assignments name a member by ${describeValue(memberId)}, not a string`);
    if (!members.has(memberId)) return fail('unknown-member', `assignments name member ${JSON.stringify(memberId)}, which is not in the group`);
    if (byMember.has(memberId)) return fail('malformed-result', `assignments list member ${JSON.stringify(memberId)} twice`);
    if (!Array.isArray(partitions)) return fail('malformed-result', `member ${JSON.stringify(memberId)} is given ${describeValue(partitions)}, not an array of partitions`);
    const list: TopicPartition[] = [];
    for (const tp of partitions as unknown[]) {
      if (typeof tp !== 'object' || tp === null || typeof (tp as TopicPartition).topic !== 'string' || !Number.isInteger((tp as TopicPartition).partition)) {
        return fail('malformed-result', `member ${JSON.stringify(memberId)} is given ${describeValue(tp)}, not {topic: string, partition: integer}`);
      }
      const { topic, partition } = tp as TopicPartition;
      const count = partitionCounts.get(topic);
      if (count === undefined) return fail('unknown-topic', `member ${JSON.stringify(memberId)} is given ${topic}-${partition}, but the cluster has no topic ${JSON.stringify(topic)}`);
      if (partition < 0 || partition >= count) {
        return fail('unknown-partition', `member ${JSON.stringify(memberId)} is given ${topic}-${partition}, but ${topic} has partitions 0..${count - 1}`);
      }
      list.push({ topic, partition });
    }
    byMember.set(memberId, list);
  }
  const assignments: MemberAssignment[] = [...members].sort(compareStrings).map((memberId) => [memberId, [...(byMember.get(memberId) ?? [])].sort(compareTopicPartitions)]);
  return { ok: true, output: { assignments } };
}
