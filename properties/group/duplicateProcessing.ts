/**
 * duplicate-processing: a record processed more than once within one group. The at-least-once
 * cost of processing before committing (KAFKA.md): a member that processed records and died, or
 * lost its partitions, before its commit landed leaves the next owner to start at the old
 * committed offset. A zombie, or a worker fed by auto-commit, can also process what the new
 * owner processes. Committing before processing, synchronously (commitSync, then process only
 * if it succeeded), never processes a record twice: a member whose commit is refused processes
 * nothing.
 */
import type { KmcConfig } from '../../model/config.ts';
import type { GroupModelState, ProcessOp } from '../../model/group/types.ts';
import type { Case, Guarantee } from '../property.ts';
import type { GroupHistoryProperty } from './groupProperty.ts';
import { numbersPhrase } from './groupProperty.ts';

export type DuplicateProcessingData = {
  group: string;
  partition: number;
  /** Offsets processed more than once, ascending. */
  offsets: number[];
  /** Every processing of the first duplicated offset, in order. */
  sightings: { consumer: string; incarnation: number; memberId: string; generation: number; timeMs: number; ownedInGeneration: boolean }[];
};

function check(state: GroupModelState): Case[] {
  const byRecord = new Map<string, ProcessOp[]>();
  for (const op of state.history) {
    if (op.type !== 'process') continue;
    const key = `${op.group}\u0000${op.partition}\u0000${op.offset}`;
    const list = byRecord.get(key);
    if (list === undefined) byRecord.set(key, [op]);
    else list.push(op);
  }
  const perPartition = new Map<string, { group: string; partition: number; offsets: number[]; sightings: ProcessOp[] }>();
  for (const ops of byRecord.values()) {
    if (ops.length < 2) continue;
    const key = `${ops[0].group}\u0000${ops[0].partition}`;
    const entry = perPartition.get(key);
    if (entry === undefined) perPartition.set(key, { group: ops[0].group, partition: ops[0].partition, offsets: [ops[0].offset], sightings: ops });
    else {
      entry.offsets.push(ops[0].offset);
      if (ops[0].offset < entry.sightings[0].offset) entry.sightings = ops;
    }
  }
  const entries = [...perPartition.values()].sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : a.partition - b.partition));
  return entries.map((entry) => {
    const offsets = entry.offsets.sort((a, b) => a - b);
    const data: DuplicateProcessingData = {
      group: entry.group,
      partition: entry.partition,
      offsets,
      sightings: entry.sightings.map((s) => ({ consumer: s.consumer, incarnation: s.incarnation, memberId: s.memberId, generation: s.generation, timeMs: s.timeMs, ownedInGeneration: s.ownedInGeneration })),
    };
    return { property: 'duplicate-processing', summary: `${entry.group} p${entry.partition} offset${offsets.length === 1 ? '' : 's'} ${numbersPhrase(offsets)} processed more than once`, data };
  });
}

function explain(c: Case): string {
  const d = c.data as DuplicateProcessingData;
  const first = d.offsets[0];
  const sightings = d.sightings.map((s, i) => {
    const who = `${s.consumer}${s.incarnation > 0 ? ` (restarted ${s.incarnation}×)` : ''} as ${s.memberId || 'a member no longer in the group'} in generation ${s.generation}`;
    const standing = s.ownedInGeneration ? '' : ', without owning the partition in the group\'s current generation';
    return `${i === 0 ? 'first' : 'then'} by ${who} at ${s.timeMs}ms${standing}`;
  });
  return `In ${d.group}, partition ${d.partition} offset ${first} was processed ${d.sightings.length} times: ${sightings.join('; ')}.${d.offsets.length > 1 ? ` Offsets ${numbersPhrase(d.offsets)} were each processed more than once.` : ''} A record processed before its commit landed is processed again by whoever resumes from the committed offset: duplicate-processing.`;
}

export const duplicateProcessing: GroupHistoryProperty = {
  kind: 'history',
  name: 'duplicate-processing',
  doc: 'A record is processed more than once within one group.',
  guaranteedWhen(config: KmcConfig): Guarantee {
    if (config['model.group.processing'] === 'commit-before-process' && !config['enable.auto.commit']) return { guaranteed: true };
    if (config['model.group.processing'] === 'process-then-commit') return { guaranteed: false, because: 'model.group.processing=process-then-commit (at-least-once: records processed before a lost commit are processed again)' };
    return { guaranteed: false, because: 'enable.auto.commit=true with commit-before-process (the worker processes records whatever happens to the commit)' };
  },
  check,
  explain,
};
