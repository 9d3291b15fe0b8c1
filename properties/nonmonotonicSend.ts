/**
 * nonmonotonic-send (Jepsen): one producer sent E, then L, to the same partition, yet L landed at
 * a lower offset than E. Judged on two sources: the acknowledgements (ok sends with known
 * offsets) and each final read (where each of the producer's values first appears; a value read
 * twice is `duplicate`'s case). The final read also sees sends whose acknowledgement never came
 * (info, acks=0); the acknowledgements also see records the log later lost. Within a source,
 * only successive sends of the producer to the partition are compared, as Jepsen does: a
 * producer's offsets are out of order exactly when some successive pair is. A pair found by both
 * sources is one case. Equal offsets are `inconsistent-offsets`' case, not this one.
 *
 * Kafka keeps a producer's sends to a partition in order with the idempotent producer, with one
 * request in flight, or with no retries; and only while acknowledged records survive, since a
 * lost one lets a later send be acknowledged at a lower offset. One run-time exception: with
 * idempotence and several requests in flight, a send that is its producer's first record in the
 * partition may overtake an earlier one (KAFKA-15591, noProducerState.ts).
 */
import type { KmcConfig } from '../model/config.ts';
import type { ClusterState } from '../model/cluster/types.ts';
import type { History, ReadOp, SendOp } from '../model/history.ts';
import type { Case, Guarantee, HistoryProperty } from './property.ts';
import { assert } from '../model/kernel/assert.ts';
import { settingText } from './settingText.ts';
import { OVERTAKEN_BECAUSE, pipelinedIdempotence } from './noProducerState.ts';
import { replicationExcuse, replicationGuarantee } from './replicationGuarantee.ts';
import { allowByDynamicConfig } from './dynamicConfigAllowance.ts';
import { readPhrase, readRef } from './prose.ts';
import type { ReadRef } from './prose.ts';

/** One of the two sends, as a case stores it. */
export type OrderedSendRef = { sendId: string; value: string; sendIndex: number };

export type NonmonotonicSendData = {
  process: string;
  partition: number;
  /** The send issued first (the lower sendIndex). */
  earlier: OrderedSendRef;
  /** The send issued after it, which landed at a lower offset. */
  later: OrderedSendRef;
  /** The offsets the acknowledgements gave, when they show the reorder; else null. */
  acked: { earlierOffset: number; laterOffset: number } | null;
  /** The first final read that shows the reorder, with the offsets it holds the values at; else null. */
  read: { read: ReadRef; earlierOffset: number; laterOffset: number } | null;
};

/** A send and the offset one source places it at. */
type Landing = { send: SendOp; offset: number };

/** Adds `landing` to the list for its producer and partition. */
function collect(groups: Map<string, Landing[]>, landing: Landing): void {
  const key = `${landing.send.partition}/${landing.send.process}`;
  const group = groups.get(key);
  if (group === undefined) groups.set(key, [landing]);
  else group.push(landing);
}

function sendRef(send: SendOp): OrderedSendRef {
  return { sendId: send.id, value: send.value, sendIndex: send.sendIndex };
}

/** Calls `found` for each successive pair, in issue order, whose later send landed lower. */
function successiveInversions(group: Landing[], found: (earlier: Landing, later: Landing) => void): void {
  group.sort((a, b) => a.send.sendIndex - b.send.sendIndex || a.offset - b.offset);
  for (let i = 1; i < group.length; i++) {
    if (group[i].offset < group[i - 1].offset) found(group[i - 1], group[i]);
  }
}

function check(history: History, config: KmcConfig, state?: ClusterState): Case[] {
  const sendsByValue = new Map<string, SendOp>();
  const acked = new Map<string, Landing[]>();
  const finalReads: ReadOp[] = [];
  for (let i = 0; i < history.ops.length; i++) {
    const op = history.ops[i];
    if (op.type === 'read') {
      if (op.final) finalReads.push(op);
      continue;
    }
    sendsByValue.set(op.value, op);
    if (op.outcome !== null && op.outcome.type === 'ok' && op.outcome.offset !== null) collect(acked, { send: op, offset: op.outcome.offset });
  }

  /** Key: partition, process, earlier and later send ids. */
  const pairs = new Map<string, NonmonotonicSendData>();
  const pairFor = (earlier: SendOp, later: SendOp): NonmonotonicSendData => {
    const key = `${later.partition}/${later.process}/${earlier.id}/${later.id}`;
    let data = pairs.get(key);
    if (data === undefined) {
      data = { process: later.process, partition: later.partition, earlier: sendRef(earlier), later: sendRef(later), acked: null, read: null };
      pairs.set(key, data);
    }
    return data;
  };

  for (const group of acked.values()) {
    successiveInversions(group, (earlier, later) => {
      pairFor(earlier.send, later.send).acked = { earlierOffset: earlier.offset, laterOffset: later.offset };
    });
  }

  for (let r = 0; r < finalReads.length; r++) {
    const read = finalReads[r];
    const landed = new Map<string, Landing[]>();
    const seen = new Set<string>();
    for (let k = 0; k < read.records.length; k++) {
      const record = read.records[k];
      if (seen.has(record.value)) continue;
      seen.add(record.value);
      const send = sendsByValue.get(record.value);
      if (send === undefined || send.partition !== read.partition) continue;
      collect(landed, { send, offset: record.offset });
    }
    let ref: ReadRef | null = null;
    for (const group of landed.values()) {
      successiveInversions(group, (earlier, later) => {
        const data = pairFor(earlier.send, later.send);
        if (data.read !== null) return;
        ref ??= readRef(read);
        data.read = { read: ref, earlierOffset: earlier.offset, laterOffset: later.offset };
      });
    }
  }

  const found = [...pairs.values()];
  found.sort((a, b) => a.partition - b.partition || compareText(a.process, b.process) || a.later.sendIndex - b.later.sendIndex || a.earlier.sendIndex - b.earlier.sendIndex);
  const firstLandings = firstLandingOffsets(acked, finalReads, sendsByValue);
  const pipelinedIdempotent = pipelinedIdempotence(config);
  const cases = found.map((data) => {
    // The acknowledgements speak first; every pair was found by at least one source.
    const offsets = data.acked ?? data.read;
    assert(offsets !== null, `nonmonotonic-send: ${data.earlier.sendId}/${data.later.sendId} has no source`);
    const c: Case = {
      property: 'nonmonotonic-send',
      summary:
        `${data.process} sent ${data.earlier.value} before ${data.later.value}, yet p${data.partition} holds ${data.later.value} at offset ${offsets.laterOffset} ` +
        `and ${data.earlier.value} at offset ${offsets.earlierOffset} (${sourcesPhrase(data)})`,
      data,
    };
    if (pipelinedIdempotent && offsets.laterOffset <= (firstLandings.get(`${data.partition}/${data.process}`) ?? Infinity)) c.allowedBecause = OVERTAKEN_BECAUSE;
    return c;
  });
  // A lost record of the partition lets a later send take a lower offset.
  return allowByDynamicConfig(cases, state, (c) => ({ partition: (c.data as NonmonotonicSendData).partition, values: 'partition' }));
}

/** Per partition and producer ("p/process"): the lowest offset any acknowledgement or final read places one of its sends at. */
function firstLandingOffsets(acked: Map<string, Landing[]>, finalReads: ReadOp[], sendsByValue: Map<string, SendOp>): Map<string, number> {
  const lowest = new Map<string, number>();
  const note = (key: string, offset: number): void => {
    const known = lowest.get(key);
    if (known === undefined || offset < known) lowest.set(key, offset);
  };
  for (const [key, group] of acked) for (const landing of group) note(key, landing.offset);
  for (const read of finalReads) {
    for (const record of read.records) {
      const send = sendsByValue.get(record.value);
      if (send !== undefined && send.partition === read.partition) note(`${read.partition}/${send.process}`, record.offset);
    }
  }
  return lowest;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sourcesPhrase(d: NonmonotonicSendData): string {
  if (d.acked !== null && d.read !== null) return 'acknowledgements and the final read';
  return d.acked !== null ? 'acknowledgements' : 'the final read';
}

function explain(c: Case): string {
  const d = c.data as NonmonotonicSendData;
  let text =
    `Let E = the send of ${d.earlier.value} to partition ${d.partition} (${d.earlier.sendId} by ${d.process}, its send ${d.earlier.sendIndex}) ` +
    `and L = a later send of ${d.later.value} by the same producer to the same partition (${d.later.sendId}, its send ${d.later.sendIndex}).`;
  if (d.acked !== null) text += ` The acknowledgements place L at offset ${d.acked.laterOffset} and E at offset ${d.acked.earlierOffset}.`;
  if (d.read !== null) {
    const phrase = readPhrase(d.read.read);
    text += ` ${phrase.charAt(0).toUpperCase()}${phrase.slice(1)} holds ${d.later.value} at offset ${d.read.laterOffset}, before ${d.earlier.value} at offset ${d.read.earlierOffset}.`;
  }
  return `${text} The producer issued E before L, yet L landed first: a nonmonotonic send.`;
}

function guaranteedWhen(config: KmcConfig): Guarantee {
  const reasons: string[] = [];
  const inFlight = config['max.in.flight.requests.per.connection'];
  if (!config['enable.idempotence'] && inFlight > 1 && config.retries > 0) {
    reasons.push(`${settingText(config, 'enable.idempotence')} with max.in.flight.requests.per.connection=${inFlight} (a retried batch can land after a later one)`);
  }
  const replication = replicationGuarantee(config, true);
  if (!replication.guaranteed) reasons.push(`${replication.because} (a lost acknowledged send lets a later one take a lower offset)`);
  return reasons.length === 0 ? { guaranteed: true } : { guaranteed: false, because: reasons.join(', ') };
}

export const nonmonotonicSend: HistoryProperty = {
  kind: 'history',
  name: 'nonmonotonic-send',
  doc: "A producer's later send to a partition landed at a lower offset than its earlier one.",
  guaranteedWhen,
  check,
  excuse: replicationExcuse,
  explain,
};
