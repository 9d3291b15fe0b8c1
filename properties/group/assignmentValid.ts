/**
 * assignment-valid: a leader's assignment names only existing partitions of topics the member
 * subscribes to, gives each partition to at most one member, and names only members of the
 * generation (reference/clients.md §4.5). Checked on every SyncGroup assignment the coordinator
 * receives. The built-in assignors promise it; a plugin may not keep the promise.
 *
 * Partitions are the model's global indices (model/group/topics.ts); the record carries the topic
 * of each, so the check holds with several topics, differing subscriptions and added partitions:
 * a partition exists when the table had it at the assignment, and a member may get it only when
 * it subscribes to its topic.
 */
import type { KmcConfig } from '../../model/config.ts';
import type { AssignmentRecord, GroupModelState } from '../../model/group/types.ts';
import type { Case, Guarantee } from '../property.ts';
import { NO_CASES } from '../noCases.ts';
import { entriesOfLastStep } from './ghostEntries.ts';
import type { GroupStateProperty } from './groupProperty.ts';

export type AssignmentValidData = {
  group: string;
  generation: number;
  protocol: string;
  leader: string;
  timeMs: number;
  kind: 'unknown-partition' | 'twice' | 'unknown-member' | 'not-subscribed';
  partition: number | null;
  /** How the partition reads: "p3", or "topic2-1" when there are several topics. */
  label: string | null;
  /** not-subscribed: the topic the member does not subscribe to. */
  topic: string | null;
  members: string[];
  partitionCount: number;
};

/** "p3" with one topic; Kafka's "topic2-1" (the topic's own partition number) with several. */
export function recordPartitionLabel(record: AssignmentRecord, p: number): string {
  const topics = record.partitionTopics;
  if (!Number.isInteger(p) || p < 0 || p >= topics.length || topics.every((t) => t === topics[0])) return `p${p}`;
  let index = 0;
  for (let g = 0; g < p; g++) if (topics[g] === topics[p]) index++;
  return `${topics[p]}-${index}`;
}

export function assignmentProblems(record: AssignmentRecord): AssignmentValidData[] {
  const problems: AssignmentValidData[] = [];
  const base = { group: record.group, generation: record.generation, protocol: record.protocol, leader: record.leader, timeMs: record.timeMs, partitionCount: record.partitionCount, topic: null };
  const holders = new Map<number, string[]>();
  for (const { memberId, partitions } of record.assignments) {
    const member = record.members.find((m) => m.memberId === memberId);
    if (member === undefined) {
      if (partitions.length > 0) problems.push({ ...base, kind: 'unknown-member', partition: null, label: null, members: [memberId] });
      continue;
    }
    const unsubscribed: string[] = [];
    for (const p of partitions) {
      if (!Number.isInteger(p) || p < 0 || p >= record.partitionCount) {
        problems.push({ ...base, kind: 'unknown-partition', partition: p, label: `p${p}`, members: [memberId] });
        continue;
      }
      const topic = record.partitionTopics[p];
      if (!member.topics.includes(topic) && !unsubscribed.includes(topic)) {
        unsubscribed.push(topic);
        problems.push({ ...base, kind: 'not-subscribed', partition: p, label: recordPartitionLabel(record, p), topic, members: [memberId] });
      }
      holders.set(p, [...(holders.get(p) ?? []), memberId]);
    }
  }
  for (const [p, members] of [...holders].sort((a, b) => a[0] - b[0])) if (members.length > 1) problems.push({ ...base, kind: 'twice', partition: p, label: recordPartitionLabel(record, p), members });
  return problems;
}

function check(state: GroupModelState): Case[] {
  const records = entriesOfLastStep(state.ghost.assignments, state.stepCount);
  if (records === null) return NO_CASES;
  const cases: Case[] = [];
  for (const record of records) {
    for (const data of assignmentProblems(record)) {
      const what =
        data.kind === 'twice' ? `${data.label} to ${data.members.join(' and ')}`
          : data.kind === 'unknown-partition' ? `${data.label}, which does not exist, to ${data.members[0]}`
            : data.kind === 'unknown-member' ? `partitions to ${data.members[0]}, which is not a member`
              : `partitions of ${data.topic} to ${data.members[0]}, which does not subscribe to it`;
      cases.push({ property: 'assignment-valid', summary: `${data.group} generation ${data.generation}: ${data.protocol} assigns ${what}`, data });
    }
  }
  return cases.length > 0 ? cases : NO_CASES;
}

function explain(c: Case): string {
  const d = c.data as AssignmentValidData;
  const head = `In generation ${d.generation} of ${d.group}, the leader ${d.leader} ran the ${d.protocol} assignor and sent its assignment in SyncGroup at ${d.timeMs}ms.`;
  switch (d.kind) {
    case 'twice': return `${head} It gives partition ${d.label === `p${d.partition}` ? d.partition : d.label} to ${d.members.join(' and ')}: two members of one generation own it. assignment-valid is broken.`;
    case 'unknown-partition': return `${head} It gives partition ${d.partition} to ${d.members[0]}, but only partitions 0..${d.partitionCount - 1} exist. assignment-valid is broken.`;
    case 'unknown-member': return `${head} It assigns partitions to ${d.members[0]}, which is not a member of the generation; the coordinator drops them, and they stay unowned. assignment-valid is broken.`;
    case 'not-subscribed': return `${head} It assigns partitions of ${d.topic} (${d.label} among them) to ${d.members[0]}, which does not subscribe to ${d.topic}. assignment-valid is broken.`;
  }
}

export const assignmentValid: GroupStateProperty = {
  kind: 'state',
  name: 'assignment-valid',
  doc: 'An assignment names only existing partitions of subscribed topics, each at most once, to members of the generation.',
  guaranteedWhen(config: KmcConfig): Guarantee {
    // KafkaJS's RoundRobinAssigner deals every subscribed topic over all members, whatever each
    // subscribes to (model/assignors/kafkajsRoundRobin.ts); only equal subscriptions keep it valid.
    const differing = config['model.group.subscriptions'].length > 0 || config['model.group.subscription.changes.max'] > 0;
    if (differing && config['partition.assignment.strategy'].includes('kafkajs-roundrobin')) {
      return { guaranteed: false, because: 'partition.assignment.strategy includes kafkajs-roundrobin, which ignores member subscriptions, and subscriptions differ (KafkaJS drops the foreign partitions with RECEIVED_UNSUBSCRIBED_TOPICS)' };
    }
    return { guaranteed: true };
  },
  check,
  explain,
};
