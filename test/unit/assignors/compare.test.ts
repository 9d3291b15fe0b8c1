/**
 * Side-by-side statistics (checker/assignorCheck/compare.ts): one seeded sequence of joins and
 * leaves, every assignor through it, results as data.
 */
import { describe, expect, test } from 'vitest';
import { builtInSubjects, compareAssignors, compareScenario } from '../../../checker/assignorCheck/index.ts';
import { inProcessSubject } from '../../../checker/assignorCheck/subject.ts';
import type { Assignor } from '../../../model/assignors/types.ts';

const SEED = 'compare-1';

describe(`compareScenario (seed ${SEED})`, () => {
  test('one seed, one sequence; another seed, another sequence', () => {
    expect(compareScenario({ seed: SEED })).toEqual(compareScenario({ seed: SEED }));
    expect(compareScenario({ seed: SEED })).not.toEqual(compareScenario({ seed: 'compare-2' }));
    const scenario = compareScenario({ seed: SEED, changes: 12 });
    expect(scenario.changes).toHaveLength(12);
    expect(scenario.initialMembers).toHaveLength(3);
    expect(scenario.topics.every((topic) => topic.partitionCount >= 4 && topic.partitionCount <= 12)).toBe(true);
  });
});

describe(`compareAssignors, equal subscriptions (seed ${SEED})`, () => {
  const eager = compareAssignors(builtInSubjects(), 'eager', { seed: SEED });
  const byName = new Map(eager.stats.map((stats) => [stats.name, stats]));

  test('every built-in runs the whole sequence under eager', () => {
    expect(eager.stats.map((stats) => stats.name)).toEqual(['range', 'roundrobin', 'sticky', 'cooperative-sticky', 'kafkajs-roundrobin']);
    for (const stats of eager.stats) {
      expect(stats.violation).toBeNull();
      expect(stats.rebalances).toHaveLength(eager.scenario.changes.length + 1);
      expect(stats.roundsMax).toBe(1);
    }
  });

  test('balanced assignors keep the spread within one; range does not', () => {
    for (const name of ['roundrobin', 'sticky', 'cooperative-sticky', 'kafkajs-roundrobin']) expect(byName.get(name)!.loadSpreadMax).toBeLessThanOrEqual(1);
    expect(byName.get('range')!.loadSpreadMax).toBeGreaterThan(1);
  });

  test('sticky moves fewer partitions than round robin', () => {
    expect(byName.get('sticky')!.movedTotal).toBeLessThan(byName.get('roundrobin')!.movedTotal);
  });

  test('cooperative-sticky under cooperative: as sticky as eager sticky, and withholding costs a second round', () => {
    const cooperative = compareAssignors(builtInSubjects(), 'cooperative', { seed: SEED });
    expect(cooperative.stats.map((stats) => stats.name)).toEqual(['cooperative-sticky']);
    const [stats] = cooperative.stats;
    expect(stats.violation).toBeNull();
    expect(stats.notConverged).toBe(0);
    expect(stats.roundsMax).toBe(2);
    expect(stats.loadSpreadMax).toBeLessThanOrEqual(1);
    expect(stats.movedTotal).toBe(byName.get('sticky')!.movedTotal);
  });
});

describe(`compareAssignors stops an assignor at its first broken rule (seed ${SEED})`, () => {
  test("KafkaJS's RoundRobinAssigner with differing subscriptions", () => {
    const result = compareAssignors(builtInSubjects(), 'eager', { seed: SEED, subscriptions: 'any' });
    const kafkajs = result.stats.find((stats) => stats.name === 'kafkajs-roundrobin')!;
    expect(kafkajs.violation).toMatchObject({ rule: 'unsubscribed-topic', plugin: 'kafkajs-roundrobin' });
    expect(kafkajs.rebalances).toEqual([]);
    for (const stats of result.stats.filter((other) => other.name !== 'kafkajs-roundrobin')) expect(stats.violation).toBeNull();
  });

  test('a plugin that forgets partitions once the group grows', () => {
    const forgetful: Assignor = {
      name: 'forgetful',
      supportedProtocols: ['eager'],
      assign(input) {
        const members = input.members.map((member) => member.memberId).sort();
        const partitions = input.topics.flatMap((topic) => Array.from({ length: topic.partitionCount }, (_, partition) => ({ topic: topic.name, partition })));
        const kept = members.length > 3 ? partitions.slice(1) : partitions;
        return { assignments: members.map((memberId, index) => [memberId, kept.filter((_, i) => i % members.length === index)]) };
      },
    };
    const [stats] = compareAssignors([inProcessSubject(forgetful, './forgetful.ts', 'kmc')], 'eager', { seed: SEED }).stats;
    expect(stats.violation).toMatchObject({ plugin: './forgetful.ts', rule: 'unassigned' });
    expect(stats.violation!.input.members.length).toBe(4);
  });
});
