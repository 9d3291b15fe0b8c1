import { describe, expect, it } from 'vitest';
import { clusterModel } from '../../../../model/cluster/index.ts';
import { resolveConfig } from '../../../../model/config.ts';
import { partitionForKey } from '../../../../model/partitioners/murmur2.ts';
import { apply, applyExact, avoiding, chooseQuiet, deliverNext, expectInOrder, fireTimer, holding, inFlight, linesOf, logOf, newCluster, replica, runUntil, sendOp } from '../cluster/drive.ts';
import { testBatch } from './batches.ts';

describe('producer: sending', () => {
  it('asks a bootstrap broker for metadata, then sends to the leader, recording the send in the history', () => {
    const state = newCluster({ 'model.records': 1 });
    apply(state, (e) => e.type === 'send', 'send');
    expect(sendOp(state, 'v1')).toMatchObject({ type: 'send', process: 'producer-1', value: 'v1', key: null, partition: 0, acks: -1, invokeTimeMs: 0, outcome: null });
    expect(inFlight(state, 'producer-1', 'broker-1')).toEqual([expect.objectContaining({ type: 'Metadata' })]);
    deliverNext(state, 'producer-1', 'broker-1');
    deliverNext(state, 'broker-1', 'producer-1');
    expect(inFlight(state, 'producer-1', 'broker-1')).toEqual([expect.objectContaining({ type: 'Produce', partition: 0, acks: -1, producerId: -1, producerEpoch: -1, baseSequence: -1, records: [{ value: 'v1' }] })]);
  });

  const partitionsOf = (state: ReturnType<typeof newCluster>, producer: string) =>
    state.history.ops.flatMap((o) => (o.type === 'send' && o.process === producer ? [o.partition] : []));
  const sendAll = (state: ReturnType<typeof newCluster>) => {
    while (clusterModel.enabled(state).some((e) => e.type === 'send')) apply(state, (e) => e.type === 'send', 'send');
  };

  it('sends null-key records to one sticky partition per producer while batch.size bytes are not reached (KIP-794)', () => {
    const state = newCluster({ 'num.partitions': 3, 'model.producers': 2, 'model.records': 3 });
    expect(clusterModel.describe({ type: 'send', producer: 'producer-1' }, state)).toBe('producer-1 sends v1 with no key');
    sendAll(state);
    for (const producer of ['producer-1', 'producer-2']) expect(new Set(partitionsOf(state, producer)).size).toBe(1);
  });

  it('model.keys says so: with no keys, records go through partitioner.class (KafkaProducer.partition: BuiltInPartitioner for a null key), not to partition i mod P', async () => {
    const { KEY_SPECS } = await import('../../../../model/config.ts');
    expect(KEY_SPECS['model.keys'].doc).not.toContain('mod P');
    expect(KEY_SPECS['model.keys'].doc).toContain('keyless records go through partitioner.class');
    const state = newCluster({ 'num.partitions': 3, 'model.records': 3 });
    sendAll(state);
    expect(partitionsOf(state, 'producer-1')).not.toEqual([0, 1, 2]);
  });

  it('switches the sticky partition once a batch of batch.size bytes is full (seed unit)', () => {
    // A record is ~9 bytes plus a 61-byte batch header: with batch.size=64 every batch is full at once.
    const state = newCluster({ 'num.partitions': 3, 'model.records': 8, 'batch.size': 64 });
    sendAll(state);
    expect(new Set(partitionsOf(state, 'producer-1')).size).toBeGreaterThan(1);
  });

  it('round-robin in a 3.9 client is asked twice when its first choice has no open batch, so with 2 partitions it uses one (KAFKA-9965)', () => {
    const state = newCluster({ 'model.kafka.version': '3.9', 'num.partitions': 2, 'model.records': 4, 'partitioner.class': 'round-robin' });
    sendAll(state);
    expect(partitionsOf(state, 'producer-1')).toEqual([1, 1, 1, 1]);
  });

  it('round-robin in a 4.0 client is asked once per record and alternates (KAFKA-17632, KAFKA-18295)', () => {
    const state = newCluster({ 'model.kafka.version': '4.0', 'num.partitions': 2, 'model.records': 4, 'partitioner.class': 'round-robin' });
    sendAll(state);
    expect(partitionsOf(state, 'producer-1')).toEqual([0, 1, 0, 1]);
  });

  it('a 2.3 client round-robins null keys from a seeded random start, once per record (DefaultPartitioner before KIP-480)', () => {
    const state = newCluster({ 'model.kafka.version': '2.3', 'num.partitions': 3, 'model.records': 7 });
    expect(state.config['partitioner.class']).toBe('legacy-round-robin');
    sendAll(state);
    const partitions = partitionsOf(state, 'producer-1');
    for (let i = 1; i < partitions.length; i++) expect(partitions[i]).toBe((partitions[i - 1] + 1) % 3);
    const config = resolveConfig({ 'model.kafka.version': '2.3', 'model.faults': 'none', 'num.partitions': 3, 'model.records': 1 });
    const firstPartition = (seed: string): number => {
      const other = clusterModel.init(config, seed);
      sendAll(other);
      return partitionsOf(other, 'producer-1')[0];
    };
    expect(new Set(['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8'].map(firstPartition)).size).toBeGreaterThan(1);
    expect(firstPartition('s1')).toBe(firstPartition('s1'));
  });

  it('legacy-round-robin set in a 3.9 client is asked twice on a new batch and skips, like RoundRobinPartitioner (KAFKA-9965)', () => {
    const once = newCluster({ 'model.kafka.version': '2.3', 'num.partitions': 2, 'model.records': 6, 'partitioner.class': 'legacy-round-robin' });
    const twice = newCluster({ 'model.kafka.version': '3.9', 'num.partitions': 2, 'model.records': 6, 'partitioner.class': 'legacy-round-robin' });
    sendAll(once);
    sendAll(twice);
    expect(new Set(partitionsOf(once, 'producer-1')).size).toBe(2);
    expect(new Set(partitionsOf(twice, 'producer-1')).size).toBe(1);
  });

  it('a 2.4 client sticks null keys to one partition until a new batch (KIP-480 DefaultPartitioner)', () => {
    const state = newCluster({ 'model.kafka.version': '2.4', 'num.partitions': 3, 'model.records': 3 });
    expect(state.config['partitioner.class']).toBe('sticky');
    sendAll(state);
    expect(new Set(partitionsOf(state, 'producer-1')).size).toBe(1);
  });

  it('kafkajs-default round-robins null keys from a seeded random start, once per record', () => {
    const state = newCluster({ 'num.partitions': 3, 'model.records': 6, 'partitioner.class': 'kafkajs-default' });
    sendAll(state);
    const partitions = partitionsOf(state, 'producer-1');
    for (let i = 1; i < partitions.length; i++) expect(partitions[i]).toBe((partitions[i - 1] + 1) % 3);
  });

  it('sends a keyed record to toPositive(murmur2(key)) % P, the same partition for the same key', () => {
    const state = newCluster({ 'num.partitions': 5, 'model.keys': 2, 'model.records': 4 });
    expect(clusterModel.describe({ type: 'send', producer: 'producer-1' }, state)).toBe('producer-1 sends v1 with key k0');
    for (let i = 0; i < 4; i++) apply(state, (e) => e.type === 'send', 'send');
    const ops = state.history.ops.flatMap((o) => (o.type === 'send' ? [o] : []));
    expect(ops.map((o) => o.key)).toEqual(['k0', 'k1', 'k0', 'k1']);
    for (const op of ops) expect(op.partition).toBe(partitionForKey(new TextEncoder().encode(op.key!), 5));
    expect(ops[2].partition).toBe(ops[0].partition);
    expect(ops[3].partition).toBe(ops[1].partition);
  });

  it('keeps at most max.in.flight.requests.per.connection produce requests outstanding per broker', () => {
    const state = newCluster({ acks: 1, 'model.records': 3, 'max.in.flight.requests.per.connection': 1 });
    apply(state, (e) => e.type === 'send', 'send');
    deliverNext(state, 'producer-1', 'broker-1');
    deliverNext(state, 'broker-1', 'producer-1');
    apply(state, (e) => e.type === 'send', 'send');
    apply(state, (e) => e.type === 'send', 'send');
    expect(inFlight(state, 'producer-1', 'broker-1').map((m) => m.type === 'Produce' && m.records[0].value)).toEqual(['v1']);
    deliverNext(state, 'producer-1', 'broker-1');
    deliverNext(state, 'broker-1', 'producer-1');
    expect(inFlight(state, 'producer-1', 'broker-1').map((m) => m.type === 'Produce' && m.records[0].value)).toEqual(['v2']);
  });

  it('with acks=0 completes ok with offset null once the request is written, and the broker never answers', () => {
    const state = newCluster({ acks: 0, 'model.records': 1 });
    apply(state, (e) => e.type === 'send', 'send');
    deliverNext(state, 'producer-1', 'broker-1');
    deliverNext(state, 'broker-1', 'producer-1');
    expect(sendOp(state, 'v1')).toMatchObject({ acks: 0, attempts: 1, outcome: { type: 'ok', offset: null, timeMs: 0 } });
    expect(deliverNext(state, 'producer-1', 'broker-1')).toMatchObject({ type: 'Produce', acks: 0 });
    expect(logOf(state, 1)).toEqual(['v1@0']);
    expect(inFlight(state, 'broker-1', 'producer-1')).toEqual([]);
    expect(state.producers[0].inFlight).toEqual([]);
    expect(state.timers.some((t) => t.kind === 'producer-request-timeout')).toBe(false);
  });
});

describe('producer: retries', () => {
  it('retries after NOT_LEADER_OR_FOLLOWER: refreshes metadata, then sends to the new leader', () => {
    const state = newCluster({ 'model.faults': 'elect', 'model.records': 1 });
    apply(state, (e) => e.type === 'send', 'send');
    deliverNext(state, 'producer-1', 'broker-1');
    deliverNext(state, 'broker-1', 'producer-1');
    // Leadership moves to broker 2 before the produce reaches broker 1.
    applyExact(state, { type: 'elect', partition: 0, broker: 2 });
    deliverNext(state, 'controller', 'broker-1');
    deliverNext(state, 'controller', 'broker-2');
    runUntil(state, (s) => sendOp(s, 'v1').outcome !== null, chooseQuiet);
    expectInOrder(linesOf(state), [
      'producer-1 → broker-1: Produce p0 v1 acks=all',
      'broker-1 → producer-1: ProduceResponse p0 NOT_LEADER_OR_FOLLOWER',
      'producer-1 → broker-2: Metadata request',
      'broker-2 → producer-1: MetadataResponse p0 leader 2',
      'producer-1: producer-retry-backoff timer fires (retry) at 100ms',
      'producer-1 → broker-2: Produce p0 v1 acks=all',
      'broker-2 → producer-1: ProduceResponse p0 offset 0',
    ]);
    expect(sendOp(state, 'v1')).toMatchObject({ attempts: 2, outcome: { type: 'ok', offset: 0 } });
    expect(logOf(state, 2)).toEqual(['v1@1']);
  });

  // False alarm C2 of issue 8 (did-not-settle, diverging-epoch-holds --set retry.backoff.ms=0):
  // retrying at the same instant, deliveries before timers, the follower never fetched again.
  it('with retry.backoff.ms=0 retries NOT_ENOUGH_REPLICAS a round trip later (1 ms), so time moves on and the ISR can grow back', () => {
    const state = newCluster({ 'min.insync.replicas': 3, 'retry.backoff.ms': 0, 'model.faults': 'pause', 'model.records': 1 });
    applyExact(state, { type: 'pause', broker: 3 });
    runUntil(state, (s) => replica(s, 1).isr.length === 2, chooseQuiet);
    applyExact(state, { type: 'resume', broker: 3 });
    apply(state, (e) => e.type === 'send', 'send');
    runUntil(state, (s) => linesOf(s).includes('broker-1 → producer-1: ProduceResponse p0 NOT_ENOUGH_REPLICAS'));
    const answeredMs = state.nowMs;
    expect(inFlight(state, 'producer-1', 'broker-1')).toEqual([]);
    expect(state.timers.find((t) => t.kind === 'producer-retry-backoff')).toMatchObject({ dueMs: answeredMs + 1 });
    // Settling as the engines do (deliveries first): time advances, broker 3 catches up, v1 commits.
    runUntil(state, (s) => sendOp(s, 'v1').outcome !== null, chooseQuiet, 5000);
    expect(sendOp(state, 'v1').outcome).toMatchObject({ type: 'ok', offset: 0 });
    expect(replica(state, 1).isr).toEqual([1, 2, 3]);
  });

  it('fails a send without retrying when retries=0 and the error is definite (nothing written)', () => {
    const state = newCluster({ 'model.faults': 'elect', 'model.records': 1, retries: 0 });
    apply(state, (e) => e.type === 'send', 'send');
    deliverNext(state, 'producer-1', 'broker-1');
    deliverNext(state, 'broker-1', 'producer-1');
    applyExact(state, { type: 'elect', partition: 0, broker: 2 });
    deliverNext(state, 'controller', 'broker-1');
    deliverNext(state, 'producer-1', 'broker-1');
    deliverNext(state, 'broker-1', 'producer-1');
    expect(sendOp(state, 'v1')).toMatchObject({ attempts: 1, outcome: { type: 'fail', error: 'NOT_LEADER_OR_FOLLOWER' } });
  });

  it('on request.timeout.ms drops the connection and, with retries=0, reports the send as info (it may have been written)', () => {
    const state = newCluster({ acks: 1, retries: 0, 'request.timeout.ms': 3000, 'model.records': 1 });
    apply(state, (e) => e.type === 'send', 'send');
    // The leader appends and answers, but the answer is held until the request times out.
    runUntil(state, (s) => sendOp(s, 'v1').outcome !== null, avoiding(holding('broker-1', 'producer-1', 'ProduceResponse'), chooseQuiet));
    expect(linesOf(state)).toContain('producer-1: producer-request-timeout timer fires (produce-3) at 3000ms');
    expect(sendOp(state, 'v1')).toMatchObject({ attempts: 1, outcome: { type: 'info', error: 'NETWORK_EXCEPTION', timeMs: 3000 } });
    // The connection dropped: the held response is gone.
    expect(inFlight(state, 'broker-1', 'producer-1')).toEqual([]);
    expect(logOf(state, 1)).toEqual(['v1@0']);
  });

  it('on request.timeout.ms with retries left, does not complete the send; the retry appends a duplicate (no idempotence)', () => {
    const state = newCluster({ acks: 1, retries: 1, 'request.timeout.ms': 3000, 'model.records': 1 });
    apply(state, (e) => e.type === 'send', 'send');
    runUntil(state, (s) => s.nowMs >= 3000 && s.producers[0].inFlight.length === 0, avoiding(holding('broker-1', 'producer-1', 'ProduceResponse'), chooseQuiet));
    expect(sendOp(state, 'v1').outcome).toBeNull();
    expect(inFlight(state, 'broker-1', 'producer-1')).toEqual([]);
    runUntil(state, (s) => sendOp(s, 'v1').outcome !== null, chooseQuiet);
    expect(sendOp(state, 'v1')).toMatchObject({ attempts: 2, outcome: { type: 'ok', offset: 1 } });
    expect(logOf(state, 1)).toEqual(['v1@0', 'v1@0']);
  });

  it('fails (definitely not written) a record that never left the client by delivery.timeout.ms', () => {
    const state = newCluster({ 'model.brokers': 1, 'replication.factor': 1, 'model.faults': 'kill', 'request.timeout.ms': 1000, 'delivery.timeout.ms': 2500, 'model.records': 1 });
    applyExact(state, { type: 'crash', broker: 1, kind: 'kill' });
    apply(state, (e) => e.type === 'send', 'send');
    runUntil(state, (s) => sendOp(s, 'v1').outcome !== null, chooseQuiet);
    expect(sendOp(state, 'v1')).toMatchObject({ attempts: 0, outcome: { type: 'fail', error: 'delivery.timeout.ms expired' } });
  });

  // Model bug: delivery.timeout.ms is documented (model/config.ts) as an upper bound on the time to
  // report a send, as in Kafka. The producer checks expiry only when its sender runs (drain), and
  // nothing schedules a run at the expiry time, so the failure is reported at the next metadata
  // retry instead: at 3300 ms for delivery.timeout.ms=2500 here.
  it('reports that failure no later than delivery.timeout.ms after the send', () => {
    const state = newCluster({ 'model.brokers': 1, 'replication.factor': 1, 'model.faults': 'kill', 'request.timeout.ms': 1000, 'delivery.timeout.ms': 2500, 'model.records': 1 });
    applyExact(state, { type: 'crash', broker: 1, kind: 'kill' });
    apply(state, (e) => e.type === 'send', 'send');
    runUntil(state, (s) => sendOp(s, 'v1').outcome !== null, chooseQuiet);
    expect(sendOp(state, 'v1').outcome?.timeMs).toBeLessThanOrEqual(2500);
  });
});

describe('producer: batches', () => {
  it('sends records that lingered together as one batch, and a rejected batch comes back whole, in order', () => {
    const state = newCluster({ 'linger.ms': 10, 'model.records': 2, 'model.faults': 'elect', 'model.faults.max': 1 });
    apply(state, (e) => e.type === 'send', 'send v1');
    apply(state, (e) => e.type === 'send', 'send v2');
    deliverNext(state, 'producer-1', 'broker-1'); // Metadata
    deliverNext(state, 'broker-1', 'producer-1');
    fireTimer(state, 'producer-linger');
    const produce = inFlight(state, 'producer-1', 'broker-1');
    expect(produce).toEqual([expect.objectContaining({ type: 'Produce', records: [expect.objectContaining({ value: 'v1' }), expect.objectContaining({ value: 'v2' })] })]);
    applyExact(state, { type: 'elect', partition: 0, broker: 2 });
    deliverNext(state, 'controller', 'broker-1'); // broker 1 learns it no longer leads
    deliverNext(state, 'producer-1', 'broker-1');
    expect(deliverNext(state, 'broker-1', 'producer-1')).toMatchObject({ type: 'ProduceResponse', error: 'NOT_LEADER_OR_FOLLOWER' });
    expect(state.producers[0].queues[0].map((b) => b.records.map((r) => r.value))).toEqual([['v1', 'v2']]);
  });
});

describe('producer: workload keys', () => {
  it('gives model.keys.hot.percent of the records the hot key k0, the rest to the other keys in turn', async () => {
    const { workloadKey } = await import('../../../../model/clients/workloadKey.ts');
    const { resolveConfig } = await import('../../../../model/config.ts');
    const config = resolveConfig({ 'model.keys': 3, 'model.keys.hot.percent': 75, 'model.records': 8 });
    expect(Array.from({ length: 8 }, (_, i) => workloadKey(config, i))).toEqual(['k1', 'k0', 'k0', 'k0', 'k2', 'k0', 'k0', 'k0']);
    expect(workloadKey(resolveConfig({ 'model.keys': 2 }), 3)).toBe('k1');
    expect(workloadKey(resolveConfig({}), 3)).toBeNull();
  });
});

describe('producer: adaptive partitioning (KIP-794)', () => {
  const withQueues = (sizes: number[], overrides: Record<string, unknown> = {}) => {
    const state = newCluster({ 'num.partitions': sizes.length, 'batch.size': 64, ...overrides });
    const producer = state.producers[0];
    sizes.forEach((size, p) => {
      producer.queues[p] = Array.from({ length: size }, () => testBatch(p, 1, {}, 64));
      producer.leaders[p] = { leader: (p % 3) + 1, leaderEpoch: 0 };
      producer.partitioner.dequeExists[p] = true;
    });
    return { state, producer };
  };

  it('weighs partitions against their queued batches: sizes 0 3 1 give the table 4 5 8 (Java javadoc example)', async () => {
    const { updateLoadStats } = await import('../../../../model/clients/partitionChoice.ts');
    const { state, producer } = withQueues([0, 3, 1]);
    updateLoadStats(state, producer);
    expect(producer.partitioner.loadStats).toEqual({ cumulativeFrequencyTable: [4, 5, 8], partitionIds: [0, 1, 2], length: 3 });
  });

  it('chooses uniformly when adaptive partitioning is off or the queues are even', async () => {
    const { updateLoadStats } = await import('../../../../model/clients/partitionChoice.ts');
    const off = withQueues([0, 3, 1], { 'partitioner.adaptive.partitioning.enable': false });
    updateLoadStats(off.state, off.producer);
    expect(off.producer.partitioner.loadStats).toBeNull();
    const even = withQueues([2, 2, 2]);
    updateLoadStats(even.state, even.producer);
    expect(even.producer.partitioner.loadStats).toBeNull();
  });

  it('leaves out a partition whose leader was not drained for partitioner.availability.timeout.ms', async () => {
    const { updateLoadStats } = await import('../../../../model/clients/partitionChoice.ts');
    const { state, producer } = withQueues([1, 3, 1], { 'partitioner.availability.timeout.ms': 100 });
    producer.partitioner.leaderReadyMs[1] = 500; // broker 2 leads p1: ready at 500ms, last drained at 0
    updateLoadStats(state, producer);
    expect(producer.partitioner.loadStats).toEqual({ cumulativeFrequencyTable: [1, 2], partitionIds: [0, 2], length: 2 });
  });
});
