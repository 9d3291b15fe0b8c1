import { describe, expect, it } from 'vitest';
import { comparePartitioners, renderComparisonTable } from '../../../../checker/partitionerCheck/compare.ts';
import { inProcessPartitionerHandle, loadPartitionerPluginInProcess } from '../../../../checker/plugins/inProcessHandle.ts';

const small = { seed: 'compare', records: 3000, keyUniverse: 1000, partitionCount: 6 };

describe('comparePartitioners', () => {
  it('puts the plugin next to default, sticky and round-robin, measured on the same key sets', async () => {
    const { table, stats } = await comparePartitioners(await loadPartitionerPluginInProcess('test/fixtures/partitioners/kafkajs-hash.js'), small);
    expect(table.columns).toEqual(['kafkajs-hash', 'default', 'sticky', 'round-robin']);
    expect(table.rows.map((row) => row.label)).toEqual([
      'uniform max/mean',
      'uniform chi² (df 5)',
      'uniform p-value',
      'zipf max/mean',
      'zipf chi² (df 5)',
      'zipf p-value',
      'hot-keys max/mean',
      'hot-keys chi² (df 5)',
      'hot-keys p-value',
      'null-keys max/mean',
      'null-keys chi² (df 5)',
      'null-keys p-value',
      'P→P+1 remapped',
      'P→2P remapped',
    ]);
    for (const row of table.rows) for (const value of row.values) expect(typeof value).toBe('number');
    expect(table.failures).toEqual([]);
    expect(stats.map((s) => s.partitioner)).toEqual(table.columns);
    // default and sticky hash keys the same way.
    const uniformRatio = table.rows[0].values;
    expect(uniformRatio[1]).toBe(uniformRatio[2]);
  });

  it('renders aligned columns, with a dash where the plugin failed and the failure below', async () => {
    const broken = inProcessPartitionerHandle(() => ({ name: 'half', partition: () => 0.5 }));
    const { table } = await comparePartitioners(broken, small);
    expect(table.failures.map((f) => f.rule)).toEqual(['integer']);
    const text = renderComparisonTable(table);
    const lines = text.split('\n');
    expect(lines[0]).toBe('Load on 6 partitions, 3000 records per key set, seed compare (chi² against uniform; a small p-value means uneven load)');
    expect(lines[1].trim().split(/\s+/)).toEqual(['half', 'default', 'sticky', 'round-robin']);
    expect(lines[2]).toMatch(/^uniform max\/mean\s+—\s+\d+\.\d\d\s+\d+\.\d\d\s+2\.00$/);
    expect(lines[lines.length - 1]).toBe('half: stopped measuring: broke "integer": returned 0.5, not an integer');
    const widths = new Set(lines.slice(1, -1).map((line) => line.length));
    expect(widths.size).toBe(1);
  });
});
