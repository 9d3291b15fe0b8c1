import { describe, expect, it } from 'vitest';
import { checkPartitionerModule, renderPartitionerCheck } from '../../../../checker/partitionerCheck/checkPartitioner.ts';

const fixtures = 'test/fixtures/partitioners';
const small = { contract: { runs: 20 }, load: { records: 2000, keyUniverse: 500, partitionCount: 4 } };

describe('checkPartitionerModule (check-partitioner as a library call)', () => {
  it('reports an unusable module with exit code 2', async () => {
    const result = await checkPartitionerModule(`${fixtures}/does-not-exist.ts`, small);
    expect(result).toMatchObject({ status: 'unusable', rule: 'module-not-found', exitCode: 2 });
    expect(renderPartitionerCheck(result)).toMatch(/^test\/fixtures\/partitioners\/does-not-exist.ts: unusable partitioner module \(module-not-found\): module not found/);
  });

  it('runs a broken plugin in its worker: exit code 1, the finding, and the side-by-side table', async () => {
    const result = await checkPartitionerModule(`${fixtures}/out-of-range-kafkajs.mjs`, small);
    expect(result.status).toBe('violated');
    if (result.status === 'unusable') throw new Error('unexpected');
    expect(result.exitCode).toBe(1);
    expect(result.findings.map((f) => [f.rule, f.plugin])).toEqual([['in-range', 'out-of-range-kafkajs']]);
    expect(result.comparison.columns).toEqual(['out-of-range-kafkajs', 'default', 'sticky', 'round-robin']);
    const text = renderPartitionerCheck(result);
    expect(text.split('\n')[0]).toBe('out-of-range-kafkajs (test/fixtures/partitioners/out-of-range-kafkajs.mjs, kafkajs style): 1 rule broken (seed kmc)');
    expect(text).toContain('out-of-range-kafkajs: broke "in-range"');
    expect(text).toContain('Load on 4 partitions, 2000 records per key set');
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});
