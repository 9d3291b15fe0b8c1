/**
 * The contract's judges (checker/assignorCheck/judge.ts) and the result normalizer
 * (checker/assignorCheck/normalize.ts) on minimal inputs: each rule fires, stays silent, and is
 * silent on an empty group.
 */
import { describe, expect, test } from 'vitest';
import { judgeBalanced, judgeComplete, judgeValid } from '../../../checker/assignorCheck/judge.ts';
import { normalizeAssignorResult } from '../../../checker/assignorCheck/normalize.ts';
import type { AssignorInput, AssignorMember, AssignorOutput } from '../../../model/assignors/types.ts';

function member(memberId: string, topics: string[], owned: Array<[string, number]> = [], generation = 1): AssignorMember {
  return { memberId, groupInstanceId: null, topics, ownedPartitions: owned.map(([topic, partition]) => ({ topic, partition })), generation, rackId: null };
}

function output(assignments: Record<string, Array<[string, number]>>): AssignorOutput {
  return {
    assignments: Object.keys(assignments)
      .sort()
      .map((memberId) => [memberId, assignments[memberId].map(([topic, partition]) => ({ topic, partition }))]),
  };
}

const twoMembers: AssignorInput = {
  topics: [
    { name: 'orders', partitionCount: 2 },
    { name: 'audit', partitionCount: 1 },
  ],
  members: [member('a', ['orders']), member('b', ['orders', 'audit'])],
};
const empty: AssignorInput = { topics: [], members: [] };

describe('judgeValid', () => {
  test('silent on a valid assignment and on an empty group', () => {
    expect(judgeValid(twoMembers, output({ a: [['orders', 0]], b: [['orders', 1], ['audit', 0]] }))).toEqual([]);
    expect(judgeValid(empty, { assignments: [] })).toEqual([]);
  });

  test('unsubscribed-topic: audit-0 to a, which subscribes only to orders', () => {
    const [breach] = judgeValid(twoMembers, output({ a: [['orders', 0], ['audit', 0]], b: [['orders', 1]] }));
    expect(breach).toEqual({ rule: 'unsubscribed-topic', detail: 'gave audit-0 to a, which subscribes to orders' });
  });

  test('double-assigned: orders-0 to a and b', () => {
    const [breach] = judgeValid(twoMembers, output({ a: [['orders', 0]], b: [['orders', 0], ['orders', 1], ['audit', 0]] }));
    expect(breach).toEqual({ rule: 'double-assigned', detail: expect.stringContaining('orders-0 to a and b') });
  });
});

describe('judgeComplete', () => {
  test('eager: every subscribed partition must be assigned', () => {
    expect(judgeComplete(twoMembers, output({ a: [['orders', 0]], b: [['orders', 1], ['audit', 0]] }), 'eager')).toEqual([]);
    expect(judgeComplete(empty, { assignments: [] }, 'eager')).toEqual([]);
    const [breach] = judgeComplete(twoMembers, output({ a: [['orders', 0]], b: [['orders', 1]] }), 'eager');
    expect(breach).toEqual({ rule: 'unassigned', detail: expect.stringContaining('audit-0') });
  });

  const owning: AssignorInput = { ...twoMembers, members: [member('a', ['orders'], [['orders', 0], ['orders', 1]]), member('b', ['orders', 'audit'])] };

  test('cooperative: a partition moving away from its owner may be withheld', () => {
    expect(judgeComplete(owning, output({ a: [['orders', 0]], b: [['audit', 0]] }), 'cooperative')).toEqual([]);
  });

  test('cooperative: a partition nobody owns may not be withheld', () => {
    const [breach] = judgeComplete(owning, output({ a: [['orders', 0], ['orders', 1]], b: [] }), 'cooperative');
    expect(breach).toEqual({ rule: 'unassigned', detail: expect.stringContaining('audit-0') });
  });

  test('cooperative: handing an owned partition straight to another member is assigned-before-revoked (KIP-429)', () => {
    const [breach] = judgeComplete(owning, output({ a: [['orders', 0]], b: [['orders', 1], ['audit', 0]] }), 'cooperative');
    expect(breach).toEqual({ rule: 'assigned-before-revoked', detail: 'gave orders-1 to b while a still owns it' });
  });

  test('cooperative: a stale claim does not hold back the partition from another claimer', () => {
    const conflicting: AssignorInput = { ...twoMembers, members: [member('a', ['orders'], [['orders', 0]], 1), member('b', ['orders', 'audit'], [['orders', 0]], 5)] };
    expect(judgeComplete(conflicting, output({ a: [['orders', 1]], b: [['orders', 0], ['audit', 0]] }), 'cooperative')).toEqual([]);
  });
});

describe('judgeBalanced', () => {
  const equal: AssignorInput = { topics: [{ name: 'orders', partitionCount: 4 }], members: [member('a', ['orders']), member('b', ['orders'])] };

  test('fires when members with the same subscription differ by two', () => {
    const [breach] = judgeBalanced(equal, output({ a: [['orders', 0], ['orders', 1], ['orders', 2]], b: [['orders', 3]] }));
    expect(breach).toEqual({ rule: 'unbalanced', detail: 'a has 3 partitions and b has 1, and every member subscribes to the same topics' });
  });

  test('silent within one, with differing subscriptions, and on an empty group', () => {
    expect(judgeBalanced(equal, output({ a: [['orders', 0], ['orders', 1]], b: [['orders', 2], ['orders', 3]] }))).toEqual([]);
    expect(judgeBalanced(twoMembers, output({ a: [], b: [['orders', 0], ['orders', 1], ['audit', 0]] }))).toEqual([]);
    expect(judgeBalanced(empty, { assignments: [] })).toEqual([]);
  });
});

describe('normalizeAssignorResult', () => {
  const input: AssignorInput = { topics: [{ name: 'orders', partitionCount: 2 }], members: [member('10', ['orders']), member('9', ['orders'])] };
  const canonical = { ok: true, output: output({ '10': [['orders', 1]], '9': [['orders', 0]] }) };

  test('pairs, a Map and a plain object (numeric-looking keys) give the same canonical output', () => {
    const partitionsOf10 = [{ topic: 'orders', partition: 1 }];
    const partitionsOf9 = [{ topic: 'orders', partition: 0 }];
    expect(normalizeAssignorResult({ assignments: [['9', partitionsOf9], ['10', partitionsOf10]] }, input)).toEqual(canonical);
    expect(normalizeAssignorResult({ assignments: new Map([['9', partitionsOf9], ['10', partitionsOf10]]) }, input)).toEqual(canonical);
    expect(normalizeAssignorResult({ assignments: { 9: partitionsOf9, 10: partitionsOf10 } }, input)).toEqual(canonical);
  });

  test('a member left out gets nothing', () => {
    expect(normalizeAssignorResult({ assignments: [] }, input)).toEqual({ ok: true, output: output({ '10': [], '9': [] }) });
  });

  test.each([
    [undefined, 'malformed-result', 'assign() returned undefined, not {assignments}'],
    [{ assignments: 'all' }, 'malformed-result', 'assign() returned assignments as the string "all", not an array of [memberId, partitions] pairs, a Map or an object'],
    [{ assignments: [['9', 'orders-0']] }, 'malformed-result', 'member "9" is given the string "orders-0", not an array of partitions'],
    [{ assignments: [['9', [{ topic: 'orders', partition: 0.5 }]]] }, 'malformed-result', 'member "9" is given an object, not {topic: string, partition: integer}'],
    [{ assignments: [['9', []], ['9', []]] }, 'malformed-result', 'assignments list member "9" twice'],
    [{ assignments: [['ghost', []]] }, 'unknown-member', 'assignments name member "ghost", which is not in the group'],
    [{ assignments: [['9', [{ topic: 'refunds', partition: 0 }]]] }, 'unknown-topic', 'member "9" is given refunds-0, but the cluster has no topic "refunds"'],
    [{ assignments: [['9', [{ topic: 'orders', partition: 2 }]]] }, 'unknown-partition', 'member "9" is given orders-2, but orders has partitions 0..1'],
    [{ assignments: [['9', [{ topic: 'orders', partition: -1 }]]] }, 'unknown-partition', 'member "9" is given orders--1, but orders has partitions 0..1'],
  ])('%j is %s', (raw, rule, detail) => {
    expect(normalizeAssignorResult(raw, input)).toEqual({ ok: false, breach: { rule, detail } });
  });
});
