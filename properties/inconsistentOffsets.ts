/**
 * inconsistent-offsets (Jepsen): two different values observed at one (partition, offset),
 * across reads and acknowledgements (an ok ack with an offset says "my value is at that offset").
 * An offset names one record for ever; legacy truncation and unclean election break that.
 */
import type { KmcConfig } from '../model/config.ts';
import type { ClusterState } from '../model/cluster/types.ts';
import type { History } from '../model/history.ts';
import type { Case, HistoryProperty } from './property.ts';
import { replicationExcuse, replicationGuarantee } from './replicationGuarantee.ts';
import { allowByDynamicConfig } from './dynamicConfigAllowance.ts';
import { acksPhrase, listPhrase, readPhrase, readRef } from './prose.ts';
import type { ReadRef } from './prose.ts';

/** The first observation of one value at the offset. */
export type OffsetObservation =
  | { source: 'ack'; value: string; sendId: string; process: string; acks: 0 | 1 | -1 }
  | { source: 'read'; value: string; read: ReadRef; epoch: number };

export type InconsistentOffsetsData = {
  partition: number;
  offset: number;
  /** One per distinct value, in history order of first observation. */
  observations: OffsetObservation[];
};

function check(history: History, _config: KmcConfig, state?: ClusterState): Case[] {
  const slots = new Map<string, InconsistentOffsetsData>();
  const observe = (partition: number, offset: number, observation: OffsetObservation): void => {
    const key = `${partition}/${offset}`;
    let slot = slots.get(key);
    if (slot === undefined) {
      slot = { partition, offset, observations: [] };
      slots.set(key, slot);
    }
    if (!slot.observations.some((o) => o.value === observation.value)) slot.observations.push(observation);
  };
  for (let i = 0; i < history.ops.length; i++) {
    const op = history.ops[i];
    if (op.type === 'send') {
      if (op.outcome === null || op.outcome.type !== 'ok' || op.outcome.offset === null) continue;
      observe(op.partition, op.outcome.offset, { source: 'ack', value: op.value, sendId: op.id, process: op.process, acks: op.acks });
      continue;
    }
    let ref: ReadRef | null = null;
    for (let k = 0; k < op.records.length; k++) {
      const record = op.records[k];
      ref ??= readRef(op);
      observe(op.partition, record.offset, { source: 'read', value: record.value, read: ref, epoch: record.leaderEpoch });
    }
  }
  const found: InconsistentOffsetsData[] = [];
  for (const slot of slots.values()) if (slot.observations.length > 1) found.push(slot);
  found.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
  const cases = found.map((data): Case => ({
    property: 'inconsistent-offsets',
    summary: `p${data.partition} offset ${data.offset} holds ${listPhrase(data.observations.map((o) => o.value))} in different observations`,
    data,
  }));
  return allowByDynamicConfig(cases, state, (c) => ({ partition: (c.data as InconsistentOffsetsData).partition, values: (c.data as InconsistentOffsetsData).observations.map((o) => o.value) }));
}

function observationPhrase(o: OffsetObservation): string {
  if (o.source === 'ack') return `the acknowledgement of ${o.sendId} by ${o.process} (${acksPhrase(o.acks)}) places ${o.value} there`;
  return `${readPhrase(o.read)} holds ${o.value} (epoch ${o.epoch}) there`;
}

function explain(c: Case): string {
  const d = c.data as InconsistentOffsetsData;
  const phrases = d.observations.map(observationPhrase);
  return (
    `At partition ${d.partition} offset ${d.offset}, ${phrases[0]}, but ${listPhrase(phrases.slice(1))}. ` +
    `An offset names one record for ever, yet ${d.observations.length} values were seen at it: inconsistent offsets.`
  );
}

export const inconsistentOffsets: HistoryProperty = {
  kind: 'history',
  name: 'inconsistent-offsets',
  doc: 'Two different values are observed at the same partition and offset (reads or acknowledgements).',
  guaranteedWhen: (config) => replicationGuarantee(config, true),
  check,
  excuse: replicationExcuse,
  explain,
};
