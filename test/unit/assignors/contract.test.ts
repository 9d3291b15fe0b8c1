/**
 * Contract checks on direct calls (checker/assignorCheck/contract.ts), in process: the built-ins
 * pass, broken assignors are reported with the rule, a shrunk input and a replayable path.
 */
import { describe, expect, test } from 'vitest';
import { builtInSubjects } from '../../../checker/assignorCheck/index.ts';
import { checkAssignorContract, ContractUsageError } from '../../../checker/assignorCheck/contract.ts';
import { inProcessSubject } from '../../../checker/assignorCheck/subject.ts';
import { kafkajsRoundRobinAssignor } from '../../../model/assignors/kafkajsRoundRobin.ts';
import { rangeAssignor } from '../../../model/assignors/range.ts';
import type { Assignor, AssignorInput } from '../../../model/assignors/types.ts';

const SEED = 42;

describe(`built-ins pass every contract (seed ${SEED})`, () => {
  const cases = builtInSubjects().flatMap((subject) =>
    subject.supportedProtocols.flatMap((protocol) =>
      (['equal', 'any'] as const)
        .filter((subscriptions) => !(subject.name === 'kafkajs-roundrobin' && subscriptions === 'any'))
        .map((subscriptions) => ({ subject, protocol, subscriptions, label: `${subject.name} ${protocol} ${subscriptions}` })),
    ),
  );
  test.each(cases)('$label', ({ subject, protocol, subscriptions }) => {
    const result = checkAssignorContract(subject, { protocol, subscriptions, seed: SEED, runs: 60 });
    expect(result.violations).toEqual([]);
    expect(result.status).toBe('passed');
    const balanced = result.checks.find((check) => check.contract === 'balanced')!;
    expect(balanced.status).toBe(subject.name === 'range' ? 'skipped' : 'passed');
  });

  test('range says it does not promise balance', () => {
    const result = checkAssignorContract(inProcessSubject(rangeAssignor), { seed: SEED, runs: 10 });
    expect(result.checks.find((check) => check.contract === 'balanced')).toMatchObject({ status: 'skipped', note: 'range does not promise balance' });
  });
});

describe(`KafkaJS's RoundRobinAssigner with differing subscriptions (seed ${SEED})`, () => {
  test('hands members topics they do not subscribe to (KafkaJS FAQ "Why am I receiving messages for topics I\'m not subscribed to?")', () => {
    const result = checkAssignorContract(inProcessSubject(kafkajsRoundRobinAssignor), { subscriptions: 'any', seed: SEED, runs: 100 });
    const valid = result.checks.find((check) => check.contract === 'valid')!;
    expect(valid.status).toBe('violated');
    expect(valid.violation).toMatchObject({ plugin: 'kafkajs-roundrobin', contract: 'valid', rule: 'unsubscribed-topic' });
    // Shrunk: two members with different subscriptions, two small topics.
    const { members, topics } = valid.violation!.input;
    expect(members).toHaveLength(2);
    expect(new Set(members.map((member) => JSON.stringify(member.topics))).size).toBe(2);
    expect(topics.reduce((sum, topic) => sum + topic.partitionCount, 0)).toBeLessThanOrEqual(3);
  });
});

describe('broken assignors in process: rule, shrunk input, replay path', () => {
  let calls = 0;
  const flaky: Assignor = {
    name: 'flaky',
    supportedProtocols: ['eager'],
    assign(input: AssignorInput) {
      calls++;
      // Every other call rotates who gets the first partition.
      const members = [...input.members].map((member) => member.memberId).sort();
      const given = new Map(members.map((memberId) => [memberId, [] as Array<{ topic: string; partition: number }>]));
      let index = calls % 2;
      for (const topic of input.topics) {
        for (let partition = 0; partition < topic.partitionCount; partition++) {
          const subscribers = members.filter((memberId) => input.members.find((member) => member.memberId === memberId)!.topics.includes(topic.name));
          if (subscribers.length > 0) given.get(subscribers[index++ % subscribers.length])!.push({ topic: topic.name, partition });
        }
      }
      return { assignments: [...given] };
    },
  };

  test('nondeterministic, shrunk to two members and one partition', () => {
    const result = checkAssignorContract(inProcessSubject(flaky, './flaky.ts', 'kmc'), { seed: SEED, runs: 50, contracts: ['deterministic'] });
    expect(result.status).toBe('violated');
    const [violation] = result.violations;
    expect(violation).toMatchObject({ plugin: './flaky.ts', contract: 'deterministic', rule: 'nondeterministic' });
    expect(violation.input.members).toHaveLength(2);
    expect(violation.input.topics).toEqual([{ name: 'orders', partitionCount: 1 }]);
    expect(result.checks[0].path).toMatch(/^\d+(:\d+)*$/);
  });

  test('the seed and path replay the same counterexample', () => {
    const throwsOnThree: Assignor = {
      name: 'three',
      supportedProtocols: ['eager'],
      assign(input) {
        if (input.members.length >= 3) throw new RangeError('too many members');
        return { assignments: [] };
      },
    };
    const subject = inProcessSubject(throwsOnThree, './three.ts', 'kmc');
    const first = checkAssignorContract(subject, { seed: 7, runs: 100, contracts: ['valid'] });
    expect(first.violations[0]).toMatchObject({ rule: 'threw', detail: 'assign() threw: RangeError: too many members' });
    expect(first.violations[0].input.members).toHaveLength(3);
    const replayed = checkAssignorContract(subject, { seed: 7, runs: 100, contracts: ['valid'], path: first.checks[0].path! });
    expect(replayed.violations[0].input).toEqual(first.violations[0].input);
  });

  test('a call-level rule is reported once, not once per contract', () => {
    const throwing: Assignor = { name: 'boom', supportedProtocols: ['eager'], assign: () => { throw new Error('boom'); } };
    const result = checkAssignorContract(inProcessSubject(throwing), { seed: SEED, runs: 5 });
    expect(result.violations.map((violation) => violation.rule)).toEqual(['threw']);
    expect(result.checks.map((check) => check.status)).toEqual(['violated', 'passed', 'passed', 'passed']);
  });

  test('asking for a protocol the assignor does not support is bad usage', () => {
    expect(() => checkAssignorContract(inProcessSubject(rangeAssignor), { protocol: 'cooperative' })).toThrow(ContractUsageError);
    expect(() => checkAssignorContract(inProcessSubject(rangeAssignor), { protocol: 'cooperative' })).toThrow('range (range) supports eager, not the cooperative protocol');
  });
});
