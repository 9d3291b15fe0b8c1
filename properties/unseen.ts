/**
 * unseen (Jepsen): an acknowledged send that no read ever returned, although a final read of its
 * partition happened, and that no read reached past (else it would be a lost-write). Jepsen's
 * caveat holds: this cannot tell a lost write from one that never became visible.
 */
import type { KmcConfig } from '../model/config.ts';
import type { ClusterState } from '../model/cluster/types.ts';
import type { History, ReadOp } from '../model/history.ts';
import type { Case, HistoryProperty } from './property.ts';
import { replicationExcuse, replicationGuarantee } from './replicationGuarantee.ts';
import { allowByDynamicConfig } from './dynamicConfigAllowance.ts';
import { acksPhrase, readPhrase, readRef } from './prose.ts';
import type { ReadRef } from './prose.ts';

export type UnseenData = {
  sendId: string;
  process: string;
  value: string;
  partition: number;
  /** The acknowledged offset, or null when the client never learnt it (acks=0, DUPLICATE_SEQUENCE_NUMBER). */
  offset: number | null;
  acks: 0 | 1 | -1;
  /** The last final read of the partition. */
  finalRead: ReadRef;
};

function check(history: History, _config: KmcConfig, state?: ClusterState): Case[] {
  const reads: ReadOp[] = [];
  for (let i = 0; i < history.ops.length; i++) {
    const op = history.ops[i];
    if (op.type === 'read') reads.push(op);
  }
  const cases: Case[] = [];
  for (let i = 0; i < history.ops.length; i++) {
    const send = history.ops[i];
    if (send.type !== 'send' || send.outcome === null || send.outcome.type !== 'ok') continue;
    const offset = send.outcome.offset;
    let finalRead: ReadOp | null = null;
    let seenOrReached = false;
    for (let j = 0; j < reads.length && !seenOrReached; j++) {
      const read = reads[j];
      if (read.partition !== send.partition) continue;
      if (read.final) finalRead = read;
      for (let k = 0; k < read.records.length; k++) {
        const record = read.records[k];
        if (record.value === send.value || (offset !== null && read.offsetStart <= offset && record.offset >= offset)) {
          seenOrReached = true;
          break;
        }
      }
    }
    if (seenOrReached || finalRead === null) continue;
    const data: UnseenData = {
      sendId: send.id,
      process: send.process,
      value: send.value,
      partition: send.partition,
      offset,
      acks: send.acks,
      finalRead: readRef(finalRead),
    };
    const where = offset === null ? `on p${send.partition} with ${acksPhrase(send.acks)} (offset unknown)` : `at p${send.partition} offset ${offset} (${acksPhrase(send.acks)})`;
    cases.push({
      property: 'unseen',
      summary: `${send.value} acknowledged ${where} was never read; the final read of p${send.partition} ends at high watermark ${finalRead.highWatermark}`,
      data,
    });
  }
  return allowByDynamicConfig(cases, state, (c) => ({ partition: (c.data as UnseenData).partition, values: [(c.data as UnseenData).value] }));
}

function explain(c: Case): string {
  const d = c.data as UnseenData;
  const write = `Let W = the send of ${d.value} to partition ${d.partition} (${d.sendId} by ${d.process})`;
  if (d.offset === null) {
    return (
      `${write}, acknowledged with ${acksPhrase(d.acks)}${d.acks === 0 ? '' : ' as DUPLICATE_SEQUENCE_NUMBER (the broker had its sequences but no longer their offsets)'}, so its offset is never known. ` +
      `No read ever returned ${d.value}, including ${readPhrase(d.finalRead)}, which ends at high watermark ${d.finalRead.highWatermark}: ` +
      `W is unseen, acknowledged yet never read (lost, or never made visible).`
    );
  }
  return (
    `${write}, acknowledged at offset ${d.offset} with ${acksPhrase(d.acks)}. ` +
    `No read ever returned ${d.value}, and none reached offset ${d.offset}: ${readPhrase(d.finalRead)} ends at high watermark ${d.finalRead.highWatermark}. ` +
    `W is unseen, acknowledged yet never read (the log was cut below its offset, or it never became visible).`
  );
}

export const unseen: HistoryProperty = {
  kind: 'history',
  name: 'unseen',
  doc: 'An acknowledged send that no read returned, though its partition had a final read.',
  guaranteedWhen: (config) => replicationGuarantee(config, true),
  check,
  excuse: replicationExcuse,
  explain,
};
