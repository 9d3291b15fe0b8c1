import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPartitioner, formatPartitionerJsonReport, formatPartitionerTextReport, type CheckPartitionerOptions } from '../../../../index.ts';

const fixtures = 'test/fixtures/partitioners';
const outDir = mkdtempSync(join(tmpdir(), 'kmc-check-partitioner-'));
/** A small budget: 20 walks per scenario, a small contract search and load measurement. */
const small: CheckPartitionerOptions = { outDir, runs: 20, contract: { runs: 20 }, load: { records: 2000, keyUniverse: 500, partitionCount: 4 } };

describe('checkPartitioner (kmc check-partitioner as a library call, as a user test would call it)', () => {
  it('passes a correct kmc-style plugin: contract, 3 scenarios with it and each built-in, the table', async () => {
    const report = await checkPartitioner(`${fixtures}/kmc-hash.ts`, small);
    expect(report.findings).toEqual([]);
    expect(report).toMatchObject({ ok: true, exitCode: 0, plugin: 'kmc-hash-ts', style: 'kmc', seed: 'kmc', unusable: null, endToEndSkipped: null, internalErrors: [] });
    expect(report.contract?.passed).toBe(true);
    const plugin = report.endToEnd.filter((e) => !e.builtIn);
    expect(plugin.map((e) => [e.scenario, e.verdict])).toEqual([
      ['partitioner-keyed-failover', 'as-expected'],
      ['partitioner-keyed-retries', 'as-expected'],
      ['partitioner-null-keys-failover', 'as-expected'],
    ]);
    expect([...new Set(report.endToEnd.filter((e) => e.builtIn).map((e) => e.partitioner))]).toEqual(['default', 'sticky', 'round-robin']);
    expect(report.comparison?.columns).toEqual(['kmc-hash-ts', 'default', 'sticky', 'round-robin']);
    expect(report.loadStats?.partitioner).toBe('kmc-hash-ts');
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('passes a correct KafkaJS-style plugin', async () => {
    const report = await checkPartitioner(`${fixtures}/kafkajs-hash.mjs`, small);
    expect([report.exitCode, report.style, report.findings]).toEqual([0, 'kafkajs', []]);
  });

  it('reports a module it cannot use with exit code 2, and runs nothing', async () => {
    const report = await checkPartitioner(`${fixtures}/does-not-exist.ts`, small);
    expect(report).toMatchObject({ ok: false, exitCode: 2, plugin: 'does-not-exist', contract: null, endToEnd: [], comparison: null, unusable: { rule: 'module-not-found' } });
    expect(formatPartitionerTextReport(report)).toMatch(/^test\/fixtures\/partitioners\/does-not-exist\.ts: unusable partitioner module \(module-not-found\): module not found/);
  });

  it('reports a broken contract with exit code 1 and skips the scenarios, yet still measures load', async () => {
    const report = await checkPartitioner(`${fixtures}/out-of-range-kafkajs.mjs`, small);
    expect(report.exitCode).toBe(1);
    expect(report.findings.map((f) => [f.rule, f.plugin])).toEqual([['in-range', 'out-of-range-kafkajs']]);
    expect(report.endToEnd).toEqual([]);
    expect(report.endToEndSkipped).toBe('the contract is broken (in-range)');
    expect(report.comparison?.columns).toEqual(['out-of-range-kafkajs', 'default', 'sticky', 'round-robin']);
  });

  it('catches end to end what the contract cannot see: a key hashed differently by each producer (seed kmc)', async () => {
    const report = await checkPartitioner(`${fixtures}/salted-per-instance.mjs`, small);
    expect(report.contract?.passed).toBe(true);
    expect(report.findings).toEqual([]);
    expect(report.exitCode).toBe(1);
    const keyed = report.endToEnd.find((e) => !e.builtIn && e.scenario === 'partitioner-keyed-failover');
    expect(keyed?.verdict).toBe('unexpected');
    expect(keyed?.result?.violations.map((v) => v.property)).toContain('key-partition-stable');
    const nullKeys = report.endToEnd.find((e) => !e.builtIn && e.scenario === 'partitioner-null-keys-failover');
    expect(nullKeys?.verdict).toBe('as-expected');

    const text = formatPartitionerTextReport(report);
    const violation = keyed?.result?.violations[0];
    // The violation's block starts with the command that replays it.
    expect(text).toContain(`\n\n    ${violation?.replay}\n    trace: `);
    expect(text.trimEnd().split('\n').slice(-2)).toEqual([`  replay the first violation: ${violation?.replay}`, 'exit 1: a broken contract or an end-to-end violation']);

    const json = JSON.parse(formatPartitionerJsonReport(report));
    expect(json.endToEnd[0]).toMatchObject({ scenario: 'partitioner-keyed-failover', verdict: 'unexpected' });
    expect(json.endToEnd[0].violations[0]).toMatchObject({ property: 'key-partition-stable', replay: violation?.replay, file: violation?.file, replayBySeed: null });
  });

  it('uses one seed for everything with seed, and gives the same report for the same seed', async () => {
    const options = { ...small, seed: '7', builtIns: [] };
    const first = await checkPartitioner(`${fixtures}/kafkajs-hash.js`, options);
    const second = await checkPartitioner(`${fixtures}/kafkajs-hash.js`, options);
    expect(first.contract?.seed).toBe('7');
    expect(first.comparison?.seed).toBe('7');
    expect(first.endToEnd.map((e) => e.result?.seed)).toEqual(['7', '7', '7']);
    const strip = (r: typeof first) => JSON.stringify({ ...r, durationMs: 0, endToEnd: r.endToEnd.map((e) => ({ ...e, result: e.result && { ...e.result, durationMs: 0 } })) });
    expect(strip(second)).toBe(strip(first));
  });
});

describe('the text report', () => {
  it('prints (a), (b), (c) in order, the summary and what the exit code means', async () => {
    const report = await checkPartitioner(`${fixtures}/kmc-hash.ts`, { ...small, builtIns: ['default'] });
    const text = formatPartitionerTextReport(report);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('kmc check-partitioner: kmc-hash-ts (test/fixtures/partitioners/kmc-hash.ts, kmc style), seed kmc');
    const sections = ['(a) Contract: ✓ holds', '(b) End to end: 3 scenarios', '(c) Load, side by side', '✓ kmc-hash-ts: contract holds, 3 of 3 scenarios held, load measured'];
    const at = sections.map((prefix) => lines.findIndex((line) => line.startsWith(prefix)));
    expect(at.every((index) => index > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(text).toContain('  ✓ partitioner-keyed-failover holds (20 runs, ');
    expect(text).toContain('    plan (model.partition.plan): ');
    expect(text).toContain('    ✓ default: 3 of 3 scenarios held (60 runs, ');
    expect(lines[lines.length - 1]).toBe('exit 0: the partitioner keeps its contract and every scenario held');
    expect(lines.length).toBeLessThan(60);
  });
});

describe('the README example (default budget)', () => {
  it('keeps the contract, keeps keys on one partition under failover, and spreads load (seed kmc)', async () => {
    const report = await checkPartitioner(`${fixtures}/kmc-hash.ts`, { seed: 'kmc', outDir });
    const violations = report.endToEnd.filter((e) => !e.builtIn).flatMap((e) => e.result?.violations ?? []);
    expect(report.findings, 'contract').toEqual([]);
    expect(violations.map((v) => v.replay), 'end to end').toEqual([]);
    expect(report.exitCode).toBe(0);
    const uniform = report.loadStats?.keySets.find((k) => k.keySet === 'uniform');
    expect(uniform?.maxMeanRatio).toBeLessThan(1.2);
    expect(report.endToEnd.filter((e) => !e.builtIn).map((e) => e.result?.runs)).toEqual([200, 200, 200]);
  }, 60_000);
});
