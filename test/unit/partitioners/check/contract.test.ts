import { describe, expect, it } from 'vitest';
import { checkPartitionerContract } from '../../../../checker/partitionerCheck/contract.ts';
import { formatContractFinding } from '../../../../checker/partitionerCheck/finding.ts';
import { builtInPartitionerHandle, inProcessPartitionerHandle, loadPartitionerPluginInProcess } from '../../../../checker/plugins/inProcessHandle.ts';
import type { ContractRule } from '../../../../checker/plugins/callGuard.ts';
import type { Partitioner } from '../../../../model/partitioners/types.ts';

const fixtures = 'test/fixtures/partitioners';
const quick = { runs: 40 };

describe('contract checks accept correct partitioners', () => {
  it.each(['kmc-hash.js', 'kmc-hash.mjs', 'kmc-hash.cjs', 'kmc-hash.ts', 'kmc-hash.mts', 'kafkajs-hash.js', 'kafkajs-hash.mjs', 'kafkajs-hash.cjs', 'kafkajs-hash.ts', 'kafkajs-hash.mts'])(
    '%s holds the contract (seed kmc)',
    async (file) => {
      const result = await checkPartitionerContract(await loadPartitionerPluginInProcess(`${fixtures}/${file}`), quick);
      expect(result.findings.map(formatContractFinding)).toEqual([]);
      expect(result.passed).toBe(true);
      expect(result.rules.includes('explicit-partition')).toBe(file.startsWith('kafkajs'));
    },
  );

  it.each(['default', 'sticky', 'kafkajs-default', 'kafkajs-legacy'] as const)('built-in %s holds the contract', async (name) => {
    const result = await checkPartitionerContract(builtInPartitionerHandle(name), quick);
    expect(result.findings).toEqual([]);
  });

  it('round-robin breaks only "deterministic": it ignores keys', async () => {
    const result = await checkPartitionerContract(builtInPartitionerHandle('round-robin'), quick);
    expect(result.findings.map((f) => f.rule)).toEqual(['deterministic']);
    expect(result.findings[0].plugin).toBe('round-robin');
    expect(result.findings[0].module).toBeNull();
  });
});

describe('contract checks reject each broken plugin with the rule, the plugin and the input', () => {
  const cases: [string, string, ContractRule, (input: { key: string | null; partition: number | null; partitionCount: number }) => void][] = [
    ['throws-on-record.ts', 'throws-on-record', 'no-throw', (input) => expect(input.key).toBeNull()],
    ['throws-on-record-kafkajs.js', 'throws-on-record-kafkajs', 'no-throw', (input) => expect(input.key).toBe('""')],
    ['non-integer.ts', 'non-integer', 'integer', (input) => expect(input.key).not.toBeNull()],
    ['non-integer-kafkajs.cjs', 'non-integer-kafkajs', 'integer', (input) => expect(input.partition).toBeNull()],
    ['negative.js', 'negative', 'non-negative', (input) => expect(input.key).not.toBeNull()],
    ['negative-kmc.mts', 'negative-kmc', 'non-negative', (input) => expect(input.partitionCount).toBeGreaterThan(1)],
    ['out-of-range.cjs', 'out-of-range', 'in-range', (input) => expect(input.key).not.toBeNull()],
    ['out-of-range-kafkajs.mjs', 'out-of-range-kafkajs', 'in-range', (input) => expect(input.partition).toBeNull()],
    ['never-returns-kafkajs.mjs', 'never-returns-kafkajs', 'returns-in-time', (input) => expect(input.partitionCount).toBe(1)],
    ['nondeterministic.ts', 'nondeterministic', 'deterministic', (input) => expect(input.key).not.toBeNull()],
    ['ignores-explicit-partition.js', 'ignores-explicit-partition', 'explicit-partition', (input) => expect(input.partition).not.toBeNull()],
  ];

  it.each(cases)('%s → %s breaks %s', async (file, plugin, rule, checkInput) => {
    const result = await checkPartitionerContract(await loadPartitionerPluginInProcess(`${fixtures}/${file}`), quick);
    expect(result.passed).toBe(false);
    expect(result.findings.map((f) => f.rule)).toEqual([rule]);
    const [finding] = result.findings;
    expect(finding.plugin).toBe(plugin);
    expect(finding.module).toBe(`${fixtures}/${file}`);
    expect(finding.input.topic).toBe('kmc-contract');
    checkInput(finding.input);
    expect(formatContractFinding(finding)).toContain(`${plugin}: broke "${rule}"`);
  });

  it('shrinks to a small input: an off-by-one is shown on a 1-partition topic', async () => {
    const result = await checkPartitionerContract(await loadPartitionerPluginInProcess(`${fixtures}/out-of-range-kafkajs.mjs`), quick);
    expect(result.findings[0].input.partitionCount).toBe(1);
    expect(result.findings[0].detail).toBe('returned 1, but the topic has 1 partition (0..0)');
  });

  it('reports every rule a plugin breaks, once each', async () => {
    let calls = 0;
    const handle = inProcessPartitionerHandle(() => ({
      name: 'many-faults',
      partition: (record, cluster): number => {
        calls++;
        if (record.key === null) throw new Error('null key');
        if (record.key.length === 1) return -1;
        if (record.key.length === 2) return cluster.partitionCount;
        return (record.key.length + calls) % cluster.partitionCount;
      },
    }) satisfies Partitioner);
    const result = await checkPartitionerContract(handle, quick);
    expect(result.findings.map((f) => f.rule)).toEqual(['no-throw', 'non-negative', 'in-range', 'deterministic']);
  });

  it('finds the same findings from the same seed, and checks the hand-picked edge cases (seed contract-again)', async () => {
    const run = async () => (await checkPartitionerContract(await loadPartitionerPluginInProcess(`${fixtures}/negative.js`), { runs: 25, seed: 'contract-again' })).findings;
    expect(await run()).toEqual(await run());
    // A partitioner that only breaks when no partition has a leader is caught by the edge cases.
    const noLeader = inProcessPartitionerHandle(() => ({
      name: 'no-leader',
      partition: (_record, cluster): number => (cluster.availablePartitions.length === 0 ? -5 : 0),
    }));
    const result = await checkPartitionerContract(noLeader, { runs: 1 });
    expect(result.findings.map((f) => f.rule)).toEqual(['non-negative']);
  });
});
