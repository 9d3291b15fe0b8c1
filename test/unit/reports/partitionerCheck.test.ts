import { describe, expect, it } from 'vitest';
import type { EndToEndResult } from '../../../checker/partitionerCheck/endToEnd.ts';
import type { ContractFinding } from '../../../checker/partitionerCheck/finding.ts';
import { formatPartitionerJsonReport, toJsonPartitionerReport } from '../../../reports/partitionerCheckJson.ts';
import { formatPartitionerTextReport, formatUnusableLine } from '../../../reports/partitionerCheckText.ts';
import { fakePartitionerReport } from '../cli/fakes.ts';
import { fakeResult, fakeViolation } from './fixtures.ts';

const finding: ContractFinding = {
  rule: 'no-throw',
  plugin: 'p',
  module: 'p.ts',
  input: { topic: 'kmc-e2e', key: '"k3"', value: '"v4"', partition: null, partitionCount: 3, partitionsWithoutLeader: [] },
  detail: 'partition() threw: no partition for k3',
};

function entry(overrides: Partial<EndToEndResult>): EndToEndResult {
  return { scenario: 'partitioner-keyed-failover', partitioner: 'p', plan: '0,1;1,0', planFailure: null, result: fakeResult(), verdict: 'as-expected', builtIn: false, ...overrides };
}

describe('the check-partitioner report', () => {
  it('names a rule the plugin broke while choosing a plan, with the record, and counts the scenario as not held', () => {
    const report = fakePartitionerReport('p.ts', { ok: false, exitCode: 1, plugin: 'p', findings: [finding], endToEnd: [entry({ plan: null, planFailure: finding, result: null, verdict: 'unexpected' })] });
    const text = formatPartitionerTextReport(report);
    expect(text).toContain('  ✗ partitioner-keyed-failover: did not run: p broke "no-throw" (partition() and onNewBatch() must not throw) while choosing partitions\n');
    expect(text).toContain('      partition() threw: no partition for k3\n      input: topic "kmc-e2e" with 3 partitions (all with a leader); record with key "k3", value "v4", no explicit partition\n');
    expect(text).toContain('✗ p: contract holds, 0 of 1 scenarios held, load measured');
    expect(JSON.parse(formatPartitionerJsonReport(report)).endToEnd[0]).toMatchObject({ verdict: 'unexpected', violations: [], planFailure: { rule: 'no-throw' }, runs: 0 });
  });

  it('shows at most 3 violations of a scenario, the first in full and the others in a few lines, each starting with its replay', () => {
    const violations = ['a', 'b', 'c', 'd'].map((name) =>
      fakeViolation({ property: 'key-partition-stable', replay: `npx kmc replay kmc-out/${name}.json`, file: `kmc-out/${name}.json`, cases: [{ property: 'key-partition-stable', summary: `case ${name}`, data: {} }] }),
    );
    const report = fakePartitionerReport('p.ts', { ok: false, exitCode: 1, endToEnd: [entry({ verdict: 'unexpected', result: fakeResult({ verdict: 'unexpected', status: 'violated', violations }) })] });
    const text = formatPartitionerTextReport(report);
    expect(text).toContain('\n\n    npx kmc replay kmc-out/a.json\n    trace: 5 events (minimised from 212), seed 42/run-17\n');
    expect(text).toContain('\n\n    npx kmc replay kmc-out/b.json\n    property: key-partition-stable: ');
    expect(text).toContain('      case b; the replay shows the trace and the explanation\n');
    expect(text).not.toContain('kmc-out/d.json\n');
    expect(text).toContain('    ... 1 more violation (--json has them all)\n');
    expect(JSON.parse(formatPartitionerJsonReport(report)).endToEnd[0].violations).toHaveLength(4);
    expect(text).toContain('  replay the first violation: npx kmc replay kmc-out/a.json\nexit 1: ');
  });

  it('reports a model assertion as an internal error, exit 3', () => {
    const report = fakePartitionerReport('p.ts', {
      ok: false,
      exitCode: 3,
      internalErrors: ['partitioner-keyed-failover.plugin-p: model assertion: boom'],
      endToEnd: [entry({ verdict: 'unexpected', result: fakeResult({ verdict: 'unexpected', status: 'interrupted', internalError: 'model assertion: boom' }) })],
    });
    const text = formatPartitionerTextReport(report);
    expect(text).toContain('  ✗ partitioner-keyed-failover INTERNAL ERROR: model assertion: boom');
    expect(text.trimEnd().split('\n').slice(-2)).toEqual([
      '  internal error: partitioner-keyed-failover.plugin-p: model assertion: boom',
      'exit 3: internal error (a model assertion failed: a bug in kmc, not a finding)',
    ]);
  });

  it('says what skipped the scenarios, and prints an unusable module in one line', () => {
    const skipped = fakePartitionerReport('p.ts', { ok: false, exitCode: 1, endToEndSkipped: 'the contract is broken (in-range)' });
    expect(formatPartitionerTextReport(skipped)).toContain('(b) End to end: skipped: the contract is broken (in-range); fix the contract first\n');
    const unusable = fakePartitionerReport('gone.ts', { ok: false, exitCode: 2, contract: null, unusable: { rule: 'module-not-found', detail: 'module not found (looked for /x/gone.ts)' } });
    expect(formatUnusableLine(unusable)).toBe('gone.ts: unusable partitioner module (module-not-found): module not found (looked for /x/gone.ts)');
    expect(toJsonPartitionerReport(unusable)).toMatchObject({ ok: false, plugin: 'fake', contract: null, endToEnd: [], loadStats: null, comparison: null, exitCode: 2 });
  });
});
