/**
 * KafkaJS-style plugins (PartitionAssigner, KJS:types/index.d.ts) through the adapter in
 * checker/plugins/assignorPlugin.ts. The round trip is checked against KafkaJS itself: its own
 * RoundRobinAssigner, loaded from node_modules as a plugin, must give exactly what kmc's built-in
 * `kafkajs-roundrobin` gives.
 */
import fc from 'fast-check';
import { AssignerProtocol } from 'kafkajs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { assignorInputArbitrary } from '../../../checker/assignorCheck/arbitraries.ts';
import { checkAssignorContract } from '../../../checker/assignorCheck/contract.ts';
import { adaptKafkajsResult, AssignorHost, loadAssignorPlugin } from '../../../checker/plugins/assignorPlugin.ts';
import { kafkajsRoundRobinAssignor } from '../../../model/assignors/kafkajsRoundRobin.ts';
import type { AssignorInput } from '../../../model/assignors/types.ts';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/assignors');
const KAFKAJS_ROUND_ROBIN = resolve(dirname(createRequire(import.meta.url).resolve('kafkajs')), 'src/consumer/assigners/roundRobinAssigner/index.js');
const SEED = 42;
const host = new AssignorHost();
afterAll(() => host.close());

const member = (memberId: string, topics: string[]): AssignorInput['members'][number] => ({ memberId, groupInstanceId: null, topics, ownedPartitions: [], generation: -1, rackId: null });

describe(`KafkaJS's own RoundRobinAssigner as a plugin (${'src/consumer/assigners/roundRobinAssigner/index.js'}, seed ${SEED})`, () => {
  test('is detected as a KafkaJS PartitionAssigner', async () => {
    const plugin = await loadAssignorPlugin(KAFKAJS_ROUND_ROBIN, { host });
    expect(plugin).toMatchObject({ style: 'kafkajs', name: 'RoundRobinAssigner', version: 0, supportedProtocols: ['eager'] });
  });

  test('reproduces its spec vector (index.spec.js) through protocol(), assign() and AssignerProtocol buffers', async () => {
    const plugin = await loadAssignorPlugin(KAFKAJS_ROUND_ROBIN, { host });
    const input: AssignorInput = {
      topics: [
        { name: 'topic-A', partitionCount: 14 },
        { name: 'topic-B', partitionCount: 5 },
      ],
      members: ['member-3', 'member-1', 'member-4', 'member-2'].map((id) => member(id, ['topic-A', 'topic-B'])),
    };
    const outcome = plugin.call(input);
    expect(outcome).toEqual({ ok: true, output: kafkajsRoundRobinAssignor.assign(input) });
    expect(outcome.ok && outcome.output.assignments[0]).toEqual([
      'member-1',
      [0, 4, 8, 12].map((partition) => ({ topic: 'topic-A', partition })).concat([{ topic: 'topic-B', partition: 2 }]),
    ]);
  });

  test('agrees with the built-in kafkajs-roundrobin on generated groups', async () => {
    const plugin = await loadAssignorPlugin(KAFKAJS_ROUND_ROBIN, { host });
    const inputs = fc.sample(assignorInputArbitrary({ protocol: 'eager', subscriptions: 'any' }), { seed: SEED, numRuns: 60 });
    for (const input of inputs) expect(plugin.call(input)).toEqual({ ok: true, output: kafkajsRoundRobinAssignor.assign(input) });
  });

  test('passes the contract with equal subscriptions and, like the built-in, hands out unsubscribed topics otherwise', async () => {
    const plugin = await loadAssignorPlugin(KAFKAJS_ROUND_ROBIN, { host });
    expect(checkAssignorContract(plugin, { subscriptions: 'equal', seed: SEED, runs: 40 }).violations).toEqual([]);
    const mixed = checkAssignorContract(plugin, { subscriptions: 'any', seed: SEED, runs: 40, contracts: ['valid'] });
    expect(mixed.violations.map((violation) => [violation.plugin, violation.rule])).toEqual([[KAFKAJS_ROUND_ROBIN, 'unsubscribed-topic']]);
  });
});

describe(`correct KafkaJS-style fixtures (seed ${SEED})`, () => {
  test.each([
    ['kafkajs-good.js', 'LeastLoadedAssigner', 0],
    ['kafkajs-commonjs.cjs', 'LeastLoadedAssignerCjs', 1],
    ['kafkajs-named-export.mts', 'SubscribedRoundRobin', 0],
  ])('%s decodes subscriptions from metadata and passes every contract', async (file, name, version) => {
    const plugin = await loadAssignorPlugin(`${FIXTURES}/${file}`, { host });
    expect(plugin).toMatchObject({ style: 'kafkajs', name, version, supportedProtocols: ['eager'] });
    const result = checkAssignorContract(plugin, { subscriptions: 'any', seed: SEED, runs: 40 });
    expect(result.violations).toEqual([]);
  });
});

describe('adaptKafkajsResult (in process, buffers from KafkaJS AssignerProtocol.MemberAssignment.encode)', () => {
  const input: AssignorInput = { topics: [{ name: 'orders', partitionCount: 3 }], members: [member('a', ['orders']), member('b', ['orders'])] };
  const encode = (assignment: Record<string, number[]>): Buffer => AssignerProtocol.MemberAssignment.encode({ version: 0, assignment, userData: Buffer.alloc(0) });

  test('decodes into the canonical output; members left out get nothing', () => {
    expect(adaptKafkajsResult([{ memberId: 'b', memberAssignment: encode({ orders: [2, 0] }) }], input)).toEqual({
      ok: true,
      output: {
        assignments: [
          ['a', []],
          ['b', [{ topic: 'orders', partition: 0 }, { topic: 'orders', partition: 2 }]],
        ],
      },
    });
    expect(adaptKafkajsResult([{ memberId: 'a', memberAssignment: Buffer.alloc(0) }], input)).toMatchObject({ ok: true });
  });

  test.each([
    ['not an array', { a: 1 }, 'malformed-result', 'assign() resolved to an object, not an array of {memberId, memberAssignment}'],
    ['an entry without memberId', [{ memberAssignment: Buffer.alloc(0) }], 'malformed-result', 'assign() returned an entry without a string memberId (an object)'],
    ['a plain object instead of a Buffer', [{ memberId: 'a', memberAssignment: { orders: [0] } }], 'malformed-buffer', 'memberAssignment for "a" is an object, not a Buffer encoded with AssignerProtocol.MemberAssignment'],
    ['a topic listed twice', [{ memberId: 'a', memberAssignment: Buffer.concat([Buffer.from([0, 0, 0, 0, 0, 2]), ...[0, 1].map((p) => Buffer.concat([Buffer.from([0, 6]), Buffer.from('orders'), Buffer.from([0, 0, 0, 1, 0, 0, 0, p])])), Buffer.from([0, 0, 0, 0])]) }], 'malformed-buffer', 'memberAssignment for "a" lists topic "orders" twice (KafkaJS would keep only the last list)'],
    ['an unknown partition', [{ memberId: 'a', memberAssignment: AssignerProtocol.MemberAssignment.encode({ version: 0, assignment: { orders: [3] }, userData: Buffer.alloc(0) }) }], 'unknown-partition', 'member "a" is given orders-3, but orders has partitions 0..2'],
  ])('%s', (_, raw, rule, detail) => {
    expect(adaptKafkajsResult(raw, input)).toEqual({ ok: false, breach: { rule, detail } });
  });
});
