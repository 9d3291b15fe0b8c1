import { describe, expect, it } from 'vitest';
import { clusterModel } from '../../../../model/cluster/index.ts';
import { FAST, apply, applyExact, avoiding, chooseQuiet, deliverNext, expectInOrder, fencedFollowerProposed, fireTimer, holding, inFlight, linesOf, logOf, newCluster, replica, runUntil, sendOp, traceOf } from './drive.ts';

describe('acks=all happy path', () => {
  it('send → metadata → produce → both followers fetch → HW 1 → ProduceResponse offset 0', () => {
    const state = newCluster({});
    apply(state, (e) => e.type === 'send', 'send');
    expect(deliverNext(state, 'producer-1', 'broker-1')).toMatchObject({ type: 'Metadata' });
    expect(deliverNext(state, 'broker-1', 'producer-1')).toMatchObject({ type: 'MetadataResponse', partitions: [{ partition: 0, leader: 1, leaderEpoch: 0 }] });
    expect(deliverNext(state, 'producer-1', 'broker-1')).toMatchObject({ type: 'Produce', partition: 0, acks: -1, records: [{ value: 'v1' }] });

    // Appended, but waiting in purgatory for the high watermark.
    expect(logOf(state, 1)).toEqual(['v1@0']);
    expect(replica(state, 1).highWatermark).toBe(0);
    expect(inFlight(state, 'broker-1', 'producer-1')).toEqual([]);

    fireTimer(state, 'replica-fetch-backoff:broker-2');
    expect(deliverNext(state, 'broker-2', 'broker-1')).toMatchObject({ type: 'Fetch', replicaId: 2, fetchOffset: 0, lastFetchedEpoch: -1, currentLeaderEpoch: 0 });
    expect(deliverNext(state, 'broker-1', 'broker-2')).toMatchObject({ type: 'FetchResponse', error: 'NONE', highWatermark: 0, records: [{ offset: 0, epoch: 0, value: 'v1' }] });
    expect(logOf(state, 2)).toEqual(['v1@0']);
    // Broker 2 has v1, but broker 3 (in the ISR) does not: the HW stays at 0.
    expect(deliverNext(state, 'broker-2', 'broker-1')).toMatchObject({ type: 'Fetch', fetchOffset: 1, lastFetchedEpoch: 0 });
    expect(replica(state, 1).highWatermark).toBe(0);
    expect(inFlight(state, 'broker-1', 'producer-1')).toEqual([]);

    fireTimer(state, 'replica-fetch-backoff:broker-3');
    deliverNext(state, 'broker-3', 'broker-1');
    deliverNext(state, 'broker-1', 'broker-3');
    expect(deliverNext(state, 'broker-3', 'broker-1')).toMatchObject({ type: 'Fetch', replicaId: 3, fetchOffset: 1 });
    expect(replica(state, 1).highWatermark).toBe(1);
    expect(sendOp(state, 'v1').outcome).toBeNull();

    expect(deliverNext(state, 'broker-1', 'producer-1')).toEqual({ type: 'ProduceResponse', requestId: expect.any(String), partition: 0, error: 'NONE', baseOffset: 0 });
    expect(sendOp(state, 'v1')).toMatchObject({ value: 'v1', partition: 0, acks: -1, attempts: 1, outcome: { type: 'ok', offset: 0 } });
    // Followers learn the HW one fetch later: the answer to the fetch that advanced it carries the
    // HW read before (Partition.readRecords), so broker 3 waits out a backoff and learns HW 1 next.
    expect(replica(state, 3).highWatermark).toBe(0);
    expect(deliverNext(state, 'broker-1', 'broker-3')).toMatchObject({ type: 'FetchResponse', highWatermark: 0, records: [] });
    expect(replica(state, 3)).toMatchObject({ highWatermark: 0, fetchInFlight: false, fetchBackoff: true });
    fireTimer(state, 'replica-fetch-backoff:broker-3');
    deliverNext(state, 'broker-3', 'broker-1');
    expect(deliverNext(state, 'broker-1', 'broker-3')).toMatchObject({ type: 'FetchResponse', highWatermark: 1, records: [] });
    expect(replica(state, 3)).toMatchObject({ highWatermark: 1, fetchInFlight: true, fetchBackoff: false });
    runUntil(state, (s) => replica(s, 3).highWatermark === 1 && replica(s, 2).highWatermark === 1, chooseQuiet);
  });

  it('with acks=1 the leader answers at append, before any follower has the record', () => {
    const state = newCluster({ acks: 1 });
    apply(state, (e) => e.type === 'send', 'send');
    runUntil(state, (s) => sendOp(s, 'v1').outcome !== null, chooseQuiet);
    expect(sendOp(state, 'v1').outcome).toMatchObject({ type: 'ok', offset: 0 });
    expect(replica(state, 1).highWatermark).toBe(0);
    expect(logOf(state, 2)).toEqual([]);
  });
});

describe('the high watermark when the leader is the only ISR member', () => {
  // Model bug: handleProduce (model/cluster/leader.ts) recomputes the HW only for acks=all. Kafka
  // recomputes it after every leader append (Partition.appendRecordsToLeader: "we may need to
  // increment high watermark since ISR could be down to 1"). With RF 1 and acks=1 the HW stays 0
  // for ever: the record is never visible to consumers and the cluster never settles.
  it('advances the HW at append with RF 1 and acks=1, so the cluster settles', () => {
    const state = newCluster({ 'model.brokers': 1, 'replication.factor': 1, acks: 1, 'model.records': 1 });
    apply(state, (e) => e.type === 'send', 'send');
    runUntil(state, (s) => sendOp(s, 'v1').outcome !== null, chooseQuiet);
    expect(sendOp(state, 'v1').outcome).toMatchObject({ type: 'ok', offset: 0 });
    expect(logOf(state, 1)).toEqual(['v1@0']);
    expect(replica(state, 1).highWatermark).toBe(1);
    runUntil(state, (s) => clusterModel.settled(s), chooseQuiet, 200);
  });

  // The same bug with RF 3: once the ISR has shrunk to {1}, an acks=1 record stays above the HW
  // until some follower fetch happens to recompute it (never, while the followers are cut off).
  // Followers at the leader's log end never fall out of sync (Replica.isCaughtUp), so v1 is what
  // makes them lag; v2 is appended with ISR {1}.
  it('advances the HW at append with ISR {1} and acks=1', () => {
    const state = newCluster({ ...FAST, acks: 1, 'model.records': 2, 'model.faults': 'link' });
    applyExact(state, { type: 'partition', a: ['broker-1'], b: ['broker-2'], oneWay: false });
    applyExact(state, { type: 'partition', a: ['broker-1'], b: ['broker-3'], oneWay: false });
    apply(state, (e) => e.type === 'send', 'send v1');
    runUntil(state, (s) => replica(s, 1).isr.length === 1, chooseQuiet);
    expect(replica(state, 1).highWatermark).toBe(1);
    apply(state, (e) => e.type === 'send', 'send v2');
    runUntil(state, (s) => sendOp(s, 'v2').outcome !== null, chooseQuiet);
    expect(replica(state, 1).isr).toEqual([1]);
    expect(replica(state, 1).highWatermark).toBe(2);
  });
});

describe('min.insync.replicas', () => {
  it('rejects an acks=all produce with NOT_ENOUGH_REPLICAS when the ISR is smaller at append, and appends nothing', () => {
    const state = newCluster({ 'min.insync.replicas': 3, retries: 0, 'model.faults': 'pause' });
    applyExact(state, { type: 'pause', broker: 3 });
    // Broker 3 goes silent; the controller fences it and the leader learns ISR {1,2}.
    runUntil(state, (s) => replica(s, 1).isr.length === 2, chooseQuiet);
    expect(replica(state, 1).isr).toEqual([1, 2]);
    apply(state, (e) => e.type === 'send', 'send');
    runUntil(state, (s) => sendOp(s, 'v1').outcome !== null, chooseQuiet);
    expect(linesOf(state)).toContain('broker-1 → producer-1: ProduceResponse p0 NOT_ENOUGH_REPLICAS');
    expect(sendOp(state, 'v1').outcome).toMatchObject({ type: 'fail', error: 'NOT_ENOUGH_REPLICAS' });
    expect(logOf(state, 1)).toEqual([]);
  });

  it('answers NOT_ENOUGH_REPLICAS_AFTER_APPEND when the ISR shrank below the minimum after the append (the record is committed anyway; before the strict min ISR rule, model.strict.min.isr=false)', () => {
    const state = newCluster({ ...FAST, 'min.insync.replicas': 2, retries: 0, 'model.faults': 'link', 'model.strict.min.isr': false });
    applyExact(state, { type: 'partition', a: ['broker-1'], b: ['broker-2'], oneWay: false });
    applyExact(state, { type: 'partition', a: ['broker-1'], b: ['broker-3'], oneWay: false });
    apply(state, (e) => e.type === 'send', 'send');
    runUntil(state, (s) => sendOp(s, 'v1').outcome !== null, chooseQuiet);
    expect(linesOf(state)).toContain('broker-1 → controller: AlterPartition p0 isr {1} (leader epoch 0, partition epoch 0)');
    expect(linesOf(state)).toContain('broker-1 → producer-1: ProduceResponse p0 NOT_ENOUGH_REPLICAS_AFTER_APPEND');
    // The client cannot know whether it was written: indeterminate.
    expect(sendOp(state, 'v1').outcome).toMatchObject({ type: 'info', error: 'NOT_ENOUGH_REPLICAS_AFTER_APPEND' });
    expect(logOf(state, 1)).toEqual(['v1@0']);
    expect(replica(state, 1).highWatermark).toBe(1);
  });
});

describe('ISR shrink and expansion', () => {
  it('drops a follower that has not caught up within replica.lag.time.max.ms through AlterPartition, and adds it back once it catches up', () => {
    const state = newCluster({ ...FAST, 'model.faults': 'link', 'model.records': 1 });
    applyExact(state, { type: 'partition', a: ['broker-1'], b: ['broker-3'], oneWay: false });
    runUntil(state, (s) => s.controller.partitions[0].isr.length === 2 && sendOp(s, 'v1').outcome !== null);

    // lastCaughtUp of broker 3 is 0; at 2000 the lag is not yet over 2000 ms, at 3000 it is.
    const shrink = traceOf(state).find((s) => s.line.includes('AlterPartition p0 isr {1,2}'));
    expect(shrink?.line).toBe('broker-1 → controller: AlterPartition p0 isr {1,2} (leader epoch 0, partition epoch 0)');
    expect(shrink?.timeMs).toBe(3000);
    expect(state.controller.partitions[0]).toMatchObject({ leader: 1, leaderEpoch: 0, isr: [1, 2], partitionEpoch: 1 });
    expect(replica(state, 1).isr).toEqual([1, 2]);
    // The acks=all send waited for broker 3 until the shrink, then completed.
    expect(sendOp(state, 'v1').outcome).toMatchObject({ type: 'ok', offset: 0, timeMs: 3000 });
    expect(logOf(state, 3)).toEqual([]);

    applyExact(state, { type: 'heal' });
    // Broker 3's first fetch (offset 0) is below the HW (1): it does not rejoin yet.
    expect(deliverNext(state, 'broker-3', 'broker-1')).toMatchObject({ type: 'Fetch', fetchOffset: 0 });
    expect(replica(state, 1).highWatermark).toBe(1);
    expect(replica(state, 1).isrChange).toBeNull();
    expect(inFlight(state, 'broker-1', 'controller')).toEqual([]);
    const steps = runUntil(state, (s) => s.controller.partitions[0].isr.length === 3 && replica(s, 1).isr.length === 3, chooseQuiet);
    const lines = steps.map((s) => s.line);
    expect(lines).toContain('broker-1 → controller: AlterPartition p0 isr {1,2,3} (leader epoch 0, partition epoch 1)');
    expect(lines.indexOf('broker-1 → broker-3: FetchResponse p0 records 0:v1@e0, HW 1')).toBeLessThan(lines.findIndex((l) => l.includes('AlterPartition p0 isr {1,2,3}')));
    expect(state.controller.partitions[0]).toMatchObject({ isr: [1, 2, 3], partitionEpoch: 2 });
    expect(logOf(state, 3)).toEqual(['v1@0']);
  });

  it('a fence bumps the partition epoch under its AlterPartition: the MetadataUpdate commits the controller\'s ISR, and the INVALID_UPDATE_VERSION answer to the superseded proposal is ignored', () => {
    const state = newCluster({ ...FAST, acks: 1, 'model.faults': 'link', 'model.records': 1 });
    // Broker 3 cannot fetch (it will lag behind v1); broker 2 cannot heartbeat (it will be fenced).
    applyExact(state, { type: 'partition', a: ['broker-1'], b: ['broker-3'], oneWay: false });
    applyExact(state, { type: 'partition', a: ['controller'], b: ['broker-2'], oneWay: false });
    apply(state, (e) => e.type === 'send', 'send v1');
    runUntil(state, (s) => s.nowMs === 3000, chooseQuiet);
    // At 3000 the ISR expiration and the session expiry are both due. The leader asks first...
    fireTimer(state, 'isr-expiration:broker-1');
    expect(inFlight(state, 'broker-1', 'controller')).toContainEqual(expect.objectContaining({ type: 'AlterPartition', isr: [1, 2], partitionEpoch: 0 }));
    expect(replica(state, 1).isrChange).toMatchObject({ kind: 'shrink', isr: [1, 2], status: 'in-flight' });
    // ...then the controller fences broker 2, which bumps the partition epoch.
    fireTimer(state, 'broker-session:controller:2');
    expect(state.controller.partitions[0]).toMatchObject({ isr: [1, 3], partitionEpoch: 1 });

    const steps = runUntil(state, (s) => inFlight(s, 'controller', 'broker-1').length === 0 && inFlight(s, 'broker-1', 'controller').length === 0, chooseQuiet);
    const lines = steps.map((s) => s.line);
    // Partition.makeLeader commits the published ISR and ends the pending shrink; the answer that
    // follows is for a proposal no longer pending (Partition.submitAlterPartition ignores it).
    expectInOrder(lines, ['controller → broker-1: MetadataUpdate #2: p0 leader 1 epoch 0 isr {1,3}', 'controller → broker-1: AlterPartitionResponse p0 INVALID_UPDATE_VERSION']);
    // The stale request changed nothing at the controller; the leader holds the controller's view.
    expect(state.controller.partitions[0]).toMatchObject({ isr: [1, 3], partitionEpoch: 1 });
    expect(replica(state, 1)).toMatchObject({ isr: [1, 3], partitionEpoch: 1, isrChange: null });
  });

  it('gets INELIGIBLE_REPLICA when it asks to add a broker the controller has fenced and its own metadata does not yet show it', () => {
    const state = fencedFollowerProposed();
    expect(replica(state, 1).isrChange).toMatchObject({ kind: 'expand', isr: [1, 2, 3] });
    const steps = runUntil(state, (s) => s.controller.partitions[0].isr.length === 3, chooseQuiet);
    const lines = steps.map((s) => s.line);
    expect(lines).toContain('controller → broker-1: AlterPartitionResponse p0 INELIGIBLE_REPLICA');
    expect(lines.indexOf('controller → broker-1: AlterPartitionResponse p0 INELIGIBLE_REPLICA')).toBeLessThan(lines.indexOf('controller → broker-3: BrokerHeartbeatResponse unfenced'));
  });

  it('proposes no fenced follower once its metadata shows the fencing: it waits for the unfencing (Partition.isReplicaIsrEligible, KRaft 3.3+)', () => {
    const state = newCluster({ ...FAST, acks: 1, 'model.records': 1, 'model.faults': 'link', 'model.faults.max': 10 });
    applyExact(state, { type: 'partition', a: ['broker-1'], b: ['broker-3'], oneWay: false });
    applyExact(state, { type: 'send', producer: 'producer-1' });
    applyExact(state, { type: 'partition', a: ['controller'], b: ['broker-3'], oneWay: false });
    runUntil(state, (s) => s.brokers[0].registrations[2].fenced && replica(s, 1).isr.length === 2 && replica(s, 1).isrChange === null, chooseQuiet);
    applyExact(state, { type: 'heal' });
    // Broker 3 catches up while the leader's metadata shows it fenced: no proposal until the metadata unfences it.
    let caughtUpWhileFenced = false;
    runUntil(
      state,
      (s) => {
        const follower = replica(s, 1).followers.find((f) => f.brokerId === 3)!;
        if (s.brokers[0].registrations[2].fenced && follower.logEndOffset === 1) caughtUpWhileFenced = true;
        return replica(s, 1).isrChange !== null;
      },
      chooseQuiet,
    );
    expect(caughtUpWhileFenced).toBe(true);
    expect(state.brokers[0].registrations[2]).toMatchObject({ fenced: false, brokerEpoch: 3 });
    runUntil(state, (s) => s.controller.partitions[0].isr.length === 3, chooseQuiet);
    expect(linesOf(state).some((line) => line.includes('INELIGIBLE_REPLICA'))).toBe(false);
  });
});

describe('ISR expansion after a leader change (Partition.isFollowerInSync, KAFKA-7128)', () => {
  /**
   * Broker 3 is fenced out of the ISR (paused); broker 2 fetches v1 but still has HW 0; broker 3
   * comes back; broker 2 is elected (epoch 1, starting at offset 1, HW 0 < 1) and broker 3, now
   * following it, fetches at offset 0. Fetches to broker 1 and broker 1's fetches are held.
   */
  function newLeaderWithLaggingHighWatermark(fencing: boolean) {
    const state = newCluster({ ...FAST, acks: 1, 'model.records': 1, 'model.faults': 'pause,elect', 'model.fencing': fencing });
    applyExact(state, { type: 'pause', broker: 3 });
    runUntil(state, (s) => s.controller.brokers[2].fenced && replica(s, 1).isr.length === 2 && replica(s, 2).isr.length === 2, chooseQuiet);
    apply(state, (e) => e.type === 'send', 'send');
    runUntil(state, (s) => replica(s, 2).log.length === 1, chooseQuiet);
    expect(replica(state, 2).highWatermark).toBe(0);
    applyExact(state, { type: 'resume', broker: 3 });
    const hold = avoiding((e, s) => holding('broker-2', 'broker-1')(e, s) || holding('broker-3', 'broker-1')(e, s) || holding('broker-1', 'broker-2')(e, s), chooseQuiet);
    runUntil(state, (s) => !s.controller.brokers[2].fenced, hold);
    applyExact(state, { type: 'elect', partition: 0, broker: 2 });
    runUntil(state, (s) => replica(s, 2).role === 'leader' && replica(s, 3).leaderEpoch === 1 && replica(s, 3).fetchInFlight, hold);
    expect(replica(state, 2)).toMatchObject({ leaderEpoch: 1, highWatermark: 0, isr: [1, 2] });
    expect(replica(state, 2).epochCache).toEqual([{ epoch: 0, startOffset: 0 }, { epoch: 1, startOffset: 1 }]);
    expect(deliverNext(state, 'broker-3', 'broker-2')).toMatchObject({ type: 'Fetch', fetchOffset: 0, currentLeaderEpoch: 1 });
    return state;
  }

  it('with fencing, does not add a follower at the HW whose log end is below the start of the leader\'s epoch (KAFKA-7128)', () => {
    const state = newLeaderWithLaggingHighWatermark(true);
    expect(replica(state, 2).isrChange).toBeNull();
    expect(inFlight(state, 'broker-2', 'controller')).toEqual([]);
  });

  it('without fencing, adds it at once (the follower reached the HW, 0)', () => {
    const state = newLeaderWithLaggingHighWatermark(false);
    expect(inFlight(state, 'broker-2', 'controller')).toEqual([expect.objectContaining({ type: 'AlterPartition', isr: [1, 2, 3] })]);
  });
});

describe('ISR expiration counts only fetches that reach the log end', () => {
  it('a follower whose fetch stops short of the log end is not caught up: it leaves the ISR lag time after its last catch-up', () => {
    const state = newCluster({ ...FAST, acks: 1, 'model.records': 1 });
    apply(state, (e) => e.type === 'send', 'send');
    runUntil(state, (s) => sendOp(s, 'v1').outcome !== null, chooseQuiet);
    // Broker 3 fetches at offset 0 < log end 1 at 1500 ms; the answer never reaches it.
    const holdBroker3 = avoiding((e, s) => holding('broker-3', 'broker-1')(e, s) || holding('broker-1', 'broker-3')(e, s), chooseQuiet);
    runUntil(state, (s) => s.nowMs >= 1500, holdBroker3);
    expect(deliverNext(state, 'broker-3', 'broker-1')).toMatchObject({ type: 'Fetch', fetchOffset: 0 });
    const steps = runUntil(state, (s) => replica(s, 1).isrChange !== null, holdBroker3);
    // Last caught up at 0: at 3000 the lag (3000 ms) exceeds 2000 ms. Had the 1500 ms fetch counted, it would be 4000.
    expect(steps[steps.length - 1].line).toBe('broker-1: isr-expiration timer fires at 3000ms');
    expect(inFlight(state, 'broker-1', 'controller')).toEqual([expect.objectContaining({ type: 'AlterPartition', isr: [1, 2] })]);
  });
});

describe('epoch fencing of fetches (KIP-320)', () => {
  /** v1 written in epoch 0; then leadership goes 1 → 2 → 1 (epoch 2) while broker 3 hears nothing. */
  function zombieFollower(fencing: boolean) {
    const state = newCluster({ acks: 1, 'model.faults': 'elect', 'model.records': 1, 'model.fencing': fencing, 'model.truncation': fencing ? 'diverging-epoch' : 'kip-279' });
    apply(state, (e) => e.type === 'send', 'send');
    runUntil(state, (s) => sendOp(s, 'v1').outcome !== null, chooseQuiet);
    applyExact(state, { type: 'elect', partition: 0, broker: 2 });
    deliverNext(state, 'controller', 'broker-1');
    deliverNext(state, 'controller', 'broker-2');
    applyExact(state, { type: 'elect', partition: 0, broker: 1 });
    deliverNext(state, 'controller', 'broker-1');
    deliverNext(state, 'controller', 'broker-2');
    expect(replica(state, 1)).toMatchObject({ role: 'leader', leaderEpoch: 2 });
    expect(replica(state, 3)).toMatchObject({ role: 'follower', leaderEpoch: 0, leaderId: 1 });
    fireTimer(state, 'replica-fetch-backoff:broker-3');
    expect(deliverNext(state, 'broker-3', 'broker-1')).toMatchObject({ type: 'Fetch', currentLeaderEpoch: 0, fetchOffset: 0 });
    return state;
  }

  it('with model.fencing=true a Fetch carrying an older leader epoch gets FENCED_LEADER_EPOCH and no records', () => {
    const state = zombieFollower(true);
    expect(inFlight(state, 'broker-1', 'broker-3')).toEqual([expect.objectContaining({ type: 'FetchResponse', error: 'FENCED_LEADER_EPOCH', records: [] })]);
    deliverNext(state, 'broker-1', 'broker-3');
    expect(logOf(state, 3)).toEqual([]);
    // The leader did not count the zombie's fetch.
    expect(replica(state, 1).followers.find((f) => f.brokerId === 3)?.logEndOffset).toBe(-1);
  });

  it('with model.fencing=false the same Fetch is served', () => {
    const state = zombieFollower(false);
    expect(inFlight(state, 'broker-1', 'broker-3')).toEqual([expect.objectContaining({ type: 'FetchResponse', error: 'NONE', leaderEpoch: 2, records: [{ offset: 0, epoch: 0, value: 'v1', producerId: -1, producerEpoch: -1, sequence: -1, batchStart: true }] })]);
    deliverNext(state, 'broker-1', 'broker-3');
    expect(logOf(state, 3)).toEqual(['v1@0']);
    expect(replica(state, 1).followers.find((f) => f.brokerId === 3)).toMatchObject({ logEndOffset: 0, lastFetchLeaderEpoch: 0 });
  });

  it('with model.fencing=true a Fetch from a newer epoch than the leader knows gets UNKNOWN_LEADER_EPOCH', () => {
    const state = newCluster({ 'model.faults': 'elect', 'model.records': 0 });
    // Leadership goes 1 → 2 → 1 at the controller; broker 1 hears nothing and still leads epoch 0.
    applyExact(state, { type: 'elect', partition: 0, broker: 2 });
    applyExact(state, { type: 'elect', partition: 0, broker: 1 });
    deliverNext(state, 'controller', 'broker-3');
    deliverNext(state, 'controller', 'broker-3');
    expect(replica(state, 3)).toMatchObject({ role: 'follower', leaderEpoch: 2, leaderId: 1 });
    expect(replica(state, 1)).toMatchObject({ role: 'leader', leaderEpoch: 0 });
    expect(deliverNext(state, 'broker-3', 'broker-1')).toMatchObject({ type: 'Fetch', currentLeaderEpoch: 2 });
    expect(inFlight(state, 'broker-1', 'broker-3')).toEqual([expect.objectContaining({ type: 'FetchResponse', error: 'UNKNOWN_LEADER_EPOCH' })]);
  });
});

describe('losing leadership', () => {
  it('answers a produce waiting for the HW with NOT_LEADER_OR_FOLLOWER; the producer retries on the new leader', () => {
    const state = newCluster({ 'model.faults': 'elect', 'model.records': 1 });
    const holdFetches = avoiding((e, s) => holding('broker-2', 'broker-1')(e, s) || holding('broker-3', 'broker-1')(e, s), chooseQuiet);
    apply(state, (e) => e.type === 'send', 'send');
    runUntil(state, (s) => replica(s, 1).pendingProduces.length === 1, holdFetches);
    applyExact(state, { type: 'elect', partition: 0, broker: 2 });
    deliverNext(state, 'controller', 'broker-1');
    expect(replica(state, 1).pendingProduces).toEqual([]);
    expect(inFlight(state, 'broker-1', 'producer-1')).toEqual([expect.objectContaining({ type: 'ProduceResponse', error: 'NOT_LEADER_OR_FOLLOWER', baseOffset: -1 })]);
    runUntil(state, (s) => sendOp(s, 'v1').outcome !== null, chooseQuiet);
    expect(linesOf(state)).toContain('producer-1 → broker-2: Produce p0 v1 acks=all');
    expect(sendOp(state, 'v1')).toMatchObject({ attempts: 2, outcome: { type: 'ok' } });
  });
});

describe('fetch from a non-leader', () => {
  it('answers NOT_LEADER_OR_FOLLOWER and the follower backs off', () => {
    const state = newCluster({ 'model.faults': 'elect', 'model.records': 0 });
    applyExact(state, { type: 'elect', partition: 0, broker: 2 });
    deliverNext(state, 'controller', 'broker-1');
    // Broker 3 still follows broker 1, which no longer leads.
    fireTimer(state, 'replica-fetch-backoff:broker-3');
    deliverNext(state, 'broker-3', 'broker-1');
    expect(deliverNext(state, 'broker-1', 'broker-3')).toMatchObject({ type: 'FetchResponse', error: 'NOT_LEADER_OR_FOLLOWER' });
    expect(replica(state, 3)).toMatchObject({ fetchInFlight: false, fetchBackoff: true });
    expect(state.timers.some((t) => t.id === 'replica-fetch-backoff:broker-3:0')).toBe(true);
  });
});
