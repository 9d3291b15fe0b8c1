/**
 * duplicate (Jepsen): one value read at two or more distinct offsets of its partition. Every
 * send writes a unique value once, so the log holds the record twice (a retry appended it again).
 */
import { settingText } from './settingText.ts';
import { DUPLICATED_BECAUSE, overtakenAt, pipelinedIdempotence } from './noProducerState.ts';
import { replicationExcuse, replicationGuarantee } from './replicationGuarantee.ts';
import { allowByDynamicConfig } from './dynamicConfigAllowance.ts';
import type { KmcConfig } from '../model/config.ts';
import type { ClusterState } from '../model/cluster/types.ts';
import type { History, ReadOp, SendOp } from '../model/history.ts';
import type { Case, Guarantee, HistoryProperty } from './property.ts';
import { listPhrase, readPhrase, readRef } from './prose.ts';
import type { ReadRef } from './prose.ts';

export type DuplicateData = {
  partition: number;
  value: string;
  /** Distinct offsets the value was read at, ascending. */
  offsets: number[];
  /** For each offset (same order), the first read that returned the value there. */
  sightings: { offset: number; read: ReadRef }[];
  /** The send that wrote the value, if the history has it. */
  sendId: string | null;
  process: string | null;
  attempts: number | null;
};

type Sighting = { offset: number; read: ReadOp };

function check(history: History, config: KmcConfig, state?: ClusterState): Case[] {
  /** Key: partition and value; value: sightings at distinct offsets, in history order. */
  const seen = new Map<string, { partition: number; value: string; sightings: Sighting[] }>();
  const sends = new Map<string, SendOp>();
  for (let i = 0; i < history.ops.length; i++) {
    const op = history.ops[i];
    if (op.type === 'send') {
      sends.set(`${op.partition}/${op.value}`, op);
      continue;
    }
    for (let k = 0; k < op.records.length; k++) {
      const record = op.records[k];
      const key = `${op.partition}/${record.value}`;
      let entry = seen.get(key);
      if (entry === undefined) {
        entry = { partition: op.partition, value: record.value, sightings: [] };
        seen.set(key, entry);
      }
      if (!entry.sightings.some((s) => s.offset === record.offset)) entry.sightings.push({ offset: record.offset, read: op });
    }
  }
  const found: { partition: number; firstOffset: number; c: Case }[] = [];
  const sendsByValue = new Map<string, SendOp>();
  for (const send of sends.values()) sendsByValue.set(send.value, send);
  const boundaries = new Map<ReadOp, Map<string, number>>();
  for (const [key, entry] of seen) {
    if (entry.sightings.length < 2) continue;
    const sightings = entry.sightings.slice().sort((a, b) => a.offset - b.offset);
    const send = sends.get(key);
    let allowedBecause: string | undefined;
    if (send !== undefined && pipelinedIdempotence(config)) {
      // KAFKA-15591: the first copy overtook an earlier send of its producer (noProducerState.ts).
      const first = sightings[0];
      let boundary = boundaries.get(first.read);
      if (boundary === undefined) boundaries.set(first.read, (boundary = overtakenAt(first.read, sendsByValue)));
      if (first.offset < (boundary.get(send.process) ?? -Infinity)) allowedBecause = DUPLICATED_BECAUSE;
    }
    const data: DuplicateData = {
      partition: entry.partition,
      value: entry.value,
      offsets: sightings.map((s) => s.offset),
      sightings: sightings.map((s) => ({ offset: s.offset, read: readRef(s.read) })),
      sendId: send === undefined ? null : send.id,
      process: send === undefined ? null : send.process,
      attempts: send === undefined ? null : send.attempts,
    };
    found.push({
      partition: entry.partition,
      firstOffset: data.offsets[0],
      c: { property: 'duplicate', summary: `${entry.value} appears at p${entry.partition} offsets ${listPhrase(data.offsets)}`, data, ...(allowedBecause === undefined ? {} : { allowedBecause }) },
    });
  }
  found.sort((a, b) => a.partition - b.partition || a.firstOffset - b.firstOffset);
  // A lost record of the partition can take the producer state that deduplicates retries with it.
  return allowByDynamicConfig(found.map((f) => f.c), state, (c) => ({ partition: (c.data as DuplicateData).partition, values: 'partition' }));
}

function explain(c: Case): string {
  const d = c.data as DuplicateData;
  const write =
    d.sendId === null
      ? `The value ${d.value} (no send of it is in the history) was read on partition ${d.partition}.`
      : `Let W = the send of ${d.value} to partition ${d.partition} (${d.sendId} by ${d.process}, ${d.attempts} attempt${d.attempts === 1 ? '' : 's'}).`;
  // Group the sightings by read, in the order of their first offset.
  const groups: { read: ReadRef; offsets: number[] }[] = [];
  for (const s of d.sightings) {
    const group = groups.find((g) => g.read.readId === s.read.readId);
    if (group === undefined) groups.push({ read: s.read, offsets: [s.offset] });
    else group.offsets.push(s.offset);
  }
  const clauses = groups.map((g, i) => {
    const at = `offset${g.offsets.length === 1 ? '' : 's'} ${listPhrase(g.offsets)}`;
    return i === 0 ? `${readPhrase(g.read)} holds ${d.value} at ${at}` : `${readPhrase(g.read)} holds it at ${at}`;
  });
  const sentence = clauses[0].charAt(0).toUpperCase() + clauses[0].slice(1) + (clauses.length > 1 ? `, and ${listPhrase(clauses.slice(1))}` : '');
  return `${write} ${sentence}. Each send writes its value once, yet the log holds ${d.value} at ${d.offsets.length} offsets: a duplicate.`;
}

export const duplicate: HistoryProperty = {
  kind: 'history',
  name: 'duplicate',
  doc: 'One value is read at two or more distinct offsets of its partition.',
  guaranteedWhen(config: KmcConfig): Guarantee {
    const reasons: string[] = [];
    if (!config['enable.idempotence']) reasons.push(`${settingText(config, 'enable.idempotence')} (retries may append twice)`);
    // The broker's producer state lives in the log: where logs diverge or lose acknowledged
    // records, a retried batch can be appended again although it is still in some replica's log.
    const replication = replicationGuarantee(config, false);
    if (!replication.guaranteed) reasons.push(`${replication.because} (diverging or truncated logs lose the producer state that deduplicates retries)`);
    return reasons.length === 0 ? { guaranteed: true } : { guaranteed: false, because: reasons.join(', ') };
  },
  check,
  excuse: replicationExcuse,
  explain,
};
