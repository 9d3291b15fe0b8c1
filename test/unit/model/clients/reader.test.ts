import { describe, expect, it } from 'vitest';
import { handleReaderMetadata, onReaderTimer } from '../../../../model/clients/reader.ts';
import { RUN_LIMITS } from '../../../../checker/limits.ts';
import { LIMITS } from '../../../../model/limits.ts';
import { clusterModel } from '../../../../model/cluster/index.ts';
import type { ReadOp } from '../../../../model/history.ts';
import { apply, applyEvent, applyExact, chooseFirstNonFault, chooseQuiet, linesOf, logOf, newCluster, replica, runUntil, sendOp } from '../cluster/drive.ts';

function reads(state: Parameters<typeof clusterModel.finalReadDone>[0]): ReadOp[] {
  return state.history.ops.flatMap((o) => (o.type === 'read' ? [o] : []));
}

describe('reader: the final read', () => {
  it('records one final read per partition, from offset 0, with every record below the HW, through the leader', () => {
    // The plan places v1, v3 in p0 and v2, v4 in p1.
    const state = newCluster({ 'num.partitions': 2, 'model.records': 4, 'model.partition.plan': '0,1,0,1' });
    runUntil(state, (s) => clusterModel.settled(s), chooseFirstNonFault);
    expect(clusterModel.finalReadDone(state)).toBe(false);
    applyExact(state, { type: 'final-read' });
    expect(state.reader.phase).toBe('reading');
    expect(clusterModel.finalReadEvent(state)).toBeNull();
    runUntil(state, (s) => clusterModel.finalReadDone(s), chooseQuiet);
    expect(reads(state)).toEqual([
      { type: 'read', id: expect.any(String), process: 'reader', partition: 0, offsetStart: 0, highWatermark: 2, records: [{ offset: 0, value: 'v1', leaderEpoch: 0 }, { offset: 1, value: 'v3', leaderEpoch: 0 }], final: true, timeMs: expect.any(Number), broker: 1, leaderEpoch: 0 },
      { type: 'read', id: expect.any(String), process: 'reader', partition: 1, offsetStart: 0, highWatermark: 2, records: [{ offset: 0, value: 'v2', leaderEpoch: 0 }, { offset: 1, value: 'v4', leaderEpoch: 0 }], final: true, timeMs: expect.any(Number), broker: 2, leaderEpoch: 0 },
    ]);
    expect(clusterModel.finalReadEvent(state)).toBeNull();
    expect(clusterModel.enabled(state).some((e) => e.type === 'final-read')).toBe(false);
  });

  it('reads a log longer than one fetch response (65 records, 64 per fetch) in several fetches', () => {
    const state = newCluster({ 'model.brokers': 1, 'replication.factor': 1, 'model.records': 65 });
    runUntil(state, (s) => clusterModel.settled(s), chooseFirstNonFault, 1000);
    applyExact(state, { type: 'final-read' });
    const steps = runUntil(state, (s) => clusterModel.finalReadDone(s), chooseQuiet);
    expect(steps.filter((s) => s.line.startsWith('reader → broker-1: Fetch (consumer)')).map((s) => s.line)).toEqual(['reader → broker-1: Fetch (consumer) p0 offset 0', 'reader → broker-1: Fetch (consumer) p0 offset 64']);
    const [read] = reads(state);
    expect(read.highWatermark).toBe(65);
    expect(read.records.map((r) => r.offset)).toEqual(Array.from({ length: 65 }, (_, i) => i));
    expect(read.records[64]).toEqual({ offset: 64, value: 'v65', leaderEpoch: 0 });
  });

  it('reads an empty partition as an empty read at HW 0', () => {
    const state = newCluster({ 'model.records': 0 });
    applyExact(state, { type: 'final-read' });
    runUntil(state, (s) => clusterModel.finalReadDone(s), chooseQuiet);
    expect(reads(state)).toEqual([expect.objectContaining({ partition: 0, highWatermark: 0, records: [], final: true })]);
  });

  it('returns only records below the high watermark (stepping final-read while a record is uncommitted)', () => {
    const state = newCluster({ acks: 1, 'model.records': 2, 'model.faults': 'link' });
    apply(state, (e) => e.type === 'send', 'send');
    runUntil(state, (s) => replica(s, 1).highWatermark === 1, chooseQuiet);
    // Followers cut off: v2 is appended by the leader but never replicated.
    applyExact(state, { type: 'partition', a: ['broker-1'], b: ['broker-2'], oneWay: false });
    applyExact(state, { type: 'partition', a: ['broker-1'], b: ['broker-3'], oneWay: false });
    apply(state, (e) => e.type === 'send', 'send');
    runUntil(state, (s) => sendOp(s, 'v2').outcome !== null, chooseQuiet);
    expect(logOf(state, 1)).toEqual(['v1@0', 'v2@0']);
    expect(replica(state, 1).highWatermark).toBe(1);
    // Not offered (the cluster has not settled); applied directly to look at the reader alone.
    expect(clusterModel.enabled(state).some((e) => e.type === 'final-read')).toBe(false);
    applyEvent(state, { type: 'final-read' });
    runUntil(state, (s) => clusterModel.finalReadDone(s), chooseQuiet);
    expect(reads(state)).toEqual([expect.objectContaining({ partition: 0, highWatermark: 1, records: [{ offset: 0, value: 'v1', leaderEpoch: 0 }] })]);
  });

  it('asks another broker again after a failed fetch, and reads from the new leader', () => {
    const state = newCluster({ 'model.records': 1, 'model.faults': 'elect' });
    runUntil(state, (s) => clusterModel.settled(s), chooseFirstNonFault);
    applyExact(state, { type: 'final-read' });
    // The reader learns leader 1 from broker 1; then leadership moves to broker 3.
    runUntil(state, (s) => s.reader.leaders[0].leader === 1, chooseQuiet);
    applyExact(state, { type: 'elect', partition: 0, broker: 3 });
    runUntil(state, (s) => clusterModel.finalReadDone(s), chooseQuiet);
    expect(linesOf(state)).toContain('broker-1 → reader: FetchResponse (consumer) p0 NOT_LEADER_OR_FOLLOWER');
    expect(reads(state)).toEqual([expect.objectContaining({ partition: 0, broker: 3, leaderEpoch: 1, records: [{ offset: 0, value: 'v1', leaderEpoch: 0 }] })]);
  });

  // False alarm C3 of issue 8: "the final read of partition 11 failed 200 times" at
  // retry.backoff.ms=0, 200 attempts being 0.2 s of virtual time, less than a fenced broker takes
  // to come back. The reader's bound is now far above what the engines let a final read reach.
  describe('while a partition has no leader (hand-driven metadata answers)', () => {
    /** The reader's Metadata request is answered "p0 has no leader" (the request itself is taken off the wire). */
    const noLeader = (state: ReturnType<typeof newCluster>): void => {
      for (const connection of state.network.connections) if (connection.from === 'reader') connection.inFlight = [];
      handleReaderMetadata(state, { type: 'MetadataResponse', requestId: state.reader.requestInFlight!, partitions: [{ partition: 0, leader: -1, leaderEpoch: 1 }] });
    };
    /** The reader asks for metadata, hears "no leader", and backs off, every retry.backoff.ms, until `untilMs`. */
    const failUntil = (state: ReturnType<typeof newCluster>, untilMs: number): number => {
      let failures = 0;
      while (state.nowMs < untilMs) {
        noLeader(state);
        failures++;
        const timer = state.timers.find((t) => t.node === 'reader')!;
        state.nowMs = timer.dueMs;
        onReaderTimer(state);
      }
      return failures;
    };

    it('with retry.backoff.ms=0 keeps retrying for a minute of virtual time (60,000 attempts), then reads', () => {
      const state = newCluster({ 'model.records': 0, 'retry.backoff.ms': 0 });
      applyExact(state, { type: 'final-read' });
      expect(failUntil(state, 60_000)).toBe(60_000);
      runUntil(state, (s) => clusterModel.finalReadDone(s), chooseQuiet);
      expect(reads(state)).toEqual([expect.objectContaining({ partition: 0, records: [] })]);
    });

    it('gives up (model assertion) only past readerAttemptsMax failures, far above what the engines let a final read reach', () => {
      expect(LIMITS.readerAttemptsMax).toBeGreaterThan(RUN_LIMITS.finalReadStepsMax);
      const state = newCluster({ 'model.records': 0, 'retry.backoff.ms': 0 });
      applyExact(state, { type: 'final-read' });
      state.reader.attempts = LIMITS.readerAttemptsMax - 1;
      expect(() => noLeader(state)).not.toThrow();
      state.nowMs += 1;
      onReaderTimer(state);
      expect(() => noLeader(state)).toThrow(`the final read of partition 0 failed ${LIMITS.readerAttemptsMax} times; the cluster did not settle`);
    });
  });

  it('refuses to start twice (model assertion)', () => {
    const state = newCluster({ 'model.records': 0 });
    applyExact(state, { type: 'final-read' });
    expect(() => clusterModel.step(state, { type: 'final-read' })).toThrow(/already started/);
  });
});
