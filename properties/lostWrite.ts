/**
 * lost-write (Jepsen): a send acknowledged at a known offset, and a later read of its partition
 * that reached that offset yet holds the value nowhere. Unlike `unseen`, the read proves the log
 * moved past the write without it.
 */
import type { KmcConfig } from '../model/config.ts';
import type { ClusterState } from '../model/cluster/types.ts';
import type { History, ReadOp, SendOp } from '../model/history.ts';
import type { Case, HistoryProperty } from './property.ts';
import { replicationExcuse, replicationGuarantee } from './replicationGuarantee.ts';
import { allowByDynamicConfig } from './dynamicConfigAllowance.ts';
import { acksPhrase, readName, readPhrase, readRef } from './prose.ts';
import type { ReadRef } from './prose.ts';

export type LostWriteData = {
  sendId: string;
  process: string;
  value: string;
  partition: number;
  offset: number;
  acks: 0 | 1 | -1;
  /** The evidence: the first final read that covers the offset and lacks the value, else the first read. */
  read: ReadRef;
  /** What that read holds at the offset, or null for nothing. */
  valueAtOffset: string | null;
  epochAtOffset: number | null;
  /** Reads of the partition that reached the offset and lack the value (the evidence included). */
  readsMissing: number;
};

/** The read starts at or before `offset` and returns a record at or past it. */
function covers(read: ReadOp, offset: number): boolean {
  const count = read.records.length;
  return read.offsetStart <= offset && count > 0 && read.records[count - 1].offset >= offset;
}

function holdsValue(read: ReadOp, value: string): boolean {
  for (let i = 0; i < read.records.length; i++) if (read.records[i].value === value) return true;
  return false;
}

function check(history: History, _config: KmcConfig, state?: ClusterState): Case[] {
  const reads: ReadOp[] = [];
  for (let i = 0; i < history.ops.length; i++) {
    const op = history.ops[i];
    if (op.type === 'read') reads.push(op);
  }
  const cases: Case[] = [];
  for (let i = 0; i < history.ops.length; i++) {
    const op = history.ops[i];
    if (op.type !== 'send' || op.outcome === null || op.outcome.type !== 'ok' || op.outcome.offset === null) continue;
    const found = judgeSend(op, op.outcome.offset, reads);
    if (found !== null) cases.push(found);
  }
  return allowByDynamicConfig(cases, state, (c) => ({ partition: (c.data as LostWriteData).partition, values: [(c.data as LostWriteData).value] }));
}

function judgeSend(send: SendOp, offset: number, reads: ReadOp[]): Case | null {
  let evidence: ReadOp | null = null;
  let readsMissing = 0;
  for (let j = 0; j < reads.length; j++) {
    const read = reads[j];
    if (read.partition !== send.partition || !covers(read, offset) || holdsValue(read, send.value)) continue;
    readsMissing++;
    if (evidence === null || (read.final && !evidence.final)) evidence = read;
  }
  if (evidence === null) return null;
  let atOffset: { value: string; leaderEpoch: number } | null = null;
  for (let k = 0; k < evidence.records.length; k++) {
    if (evidence.records[k].offset === offset) atOffset = evidence.records[k];
  }
  const data: LostWriteData = {
    sendId: send.id,
    process: send.process,
    value: send.value,
    partition: send.partition,
    offset,
    acks: send.acks,
    read: readRef(evidence),
    valueAtOffset: atOffset === null ? null : atOffset.value,
    epochAtOffset: atOffset === null ? null : atOffset.leaderEpoch,
    readsMissing,
  };
  const there = atOffset === null ? 'nothing' : atOffset.value;
  return {
    property: 'lost-write',
    summary: `${send.value} acknowledged at p${send.partition} offset ${offset} (${acksPhrase(send.acks)}) is missing from ${readName(data.read)}, which holds ${there} there`,
    data,
  };
}

function explain(c: Case): string {
  const d = c.data as LostWriteData;
  const there = d.valueAtOffset === null ? `nothing at offset ${d.offset}` : `${d.valueAtOffset} at offset ${d.offset}`;
  let text =
    `Let W = the send of ${d.value} to partition ${d.partition} (${d.sendId} by ${d.process}), acknowledged at offset ${d.offset} with ${acksPhrase(d.acks)}. ` +
    `However ${readPhrase(d.read)} holds ${there} and no ${d.value} anywhere: a lost write.`;
  if (d.readsMissing > 1) text += ` In all, ${d.readsMissing} reads that reached offset ${d.offset} lack ${d.value}.`;
  return text;
}

export const lostWrite: HistoryProperty = {
  kind: 'history',
  name: 'lost-write',
  doc: 'An acknowledged send is absent from a read of its partition that reached past its offset.',
  guaranteedWhen: (config) => replicationGuarantee(config, true),
  check,
  excuse: replicationExcuse,
  explain,
};
