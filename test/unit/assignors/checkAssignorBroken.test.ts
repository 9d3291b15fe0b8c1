/**
 * `checkAssignor` (kmc check-assignor as a library) rejects deliberately broken assignors, one
 * per rule, in both plugin styles (issue 4 "Tests"): exit code 1, and a finding that names the
 * plugin (its module path), the rule, what happened and the input the plugin was given. A module
 * kmc cannot use, or a protocol the plugin does not declare, is exit 2 with `unusable`.
 */
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { AssignorRule } from '../../../checker/assignorCheck/rules.ts';
import { checkAssignor } from '../../../index.ts';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/assignors');

interface BrokenCase {
  file: string;
  style: 'kmc' | 'kafkajs';
  rule: AssignorRule;
  detail: RegExp;
  protocol?: 'eager' | 'cooperative';
}

const cases: BrokenCase[] = [
  { file: 'broken-throws.ts', style: 'kmc', rule: 'threw', detail: /^assign\(\) threw: assignor exploded$/ },
  { file: 'broken-hangs.ts', style: 'kmc', rule: 'timeout', detail: /^assign\(\) did not return within 300 ms$/ },
  { file: 'broken-exits.mjs', style: 'kmc', rule: 'crashed', detail: /exit code 7/ },
  { file: 'broken-not-array.ts', style: 'kmc', rule: 'malformed-result', detail: /not an array of \[memberId, partitions\] pairs/ },
  { file: 'broken-unknown-member.ts', style: 'kmc', rule: 'unknown-member', detail: /"ghost-member", which is not in the group/ },
  { file: 'broken-unknown-topic.ts', style: 'kmc', rule: 'unknown-topic', detail: /no topic "no-such-topic"/ },
  { file: 'broken-out-of-range.ts', style: 'kmc', rule: 'unknown-partition', detail: /but \w+ has partitions 0\.\.\d+/ },
  { file: 'broken-unsubscribed.ts', style: 'kmc', rule: 'unsubscribed-topic', detail: /which subscribes to/ },
  { file: 'broken-double-assign.ts', style: 'kmc', rule: 'double-assigned', detail: /^gave \w+-0 / },
  { file: 'broken-unassigned.ts', style: 'kmc', rule: 'unassigned', detail: /nothing may be withheld/ },
  { file: 'broken-nondeterministic.ts', style: 'kmc', rule: 'nondeterministic', detail: /^two calls with equal input disagree/ },
  { file: 'broken-unbalanced.ts', style: 'kmc', rule: 'unbalanced', detail: /every member subscribes to the same topics/ },
  { file: 'broken-cooperative.ts', style: 'kmc', rule: 'assigned-before-revoked', detail: /still owns it/, protocol: 'cooperative' },
  { file: 'kafkajs-broken-throws.cjs', style: 'kafkajs', rule: 'threw', detail: /^assign\(\) threw: no assignment for you$/ },
  { file: 'kafkajs-broken-hangs.mjs', style: 'kafkajs', rule: 'timeout', detail: /^assign\(\) did not return within 300 ms$/ },
  { file: 'kafkajs-broken-crashed.cjs', style: 'kafkajs', rule: 'crashed', detail: /exit code 7/ },
  { file: 'kafkajs-broken-malformed-result.cjs', style: 'kafkajs', rule: 'malformed-result', detail: /not an array of \{memberId, memberAssignment\}/ },
  { file: 'kafkajs-broken-buffer.js', style: 'kafkajs', rule: 'malformed-buffer', detail: /is not a KafkaJS MemberAssignment/ },
  { file: 'kafkajs-broken-metadata.mjs', style: 'kafkajs', rule: 'malformed-buffer', detail: /is not a KafkaJS MemberMetadata/ },
  { file: 'kafkajs-broken-unknown-member.js', style: 'kafkajs', rule: 'unknown-member', detail: /"ghost-member", which is not in the group/ },
  { file: 'kafkajs-broken-unknown-topic.cjs', style: 'kafkajs', rule: 'unknown-topic', detail: /no topic "no-such-topic"/ },
  { file: 'kafkajs-broken-unknown-partition.cjs', style: 'kafkajs', rule: 'unknown-partition', detail: /but \w+ has partitions 0\.\.\d+/ },
  { file: 'kafkajs-broken-unsubscribed-topic.cjs', style: 'kafkajs', rule: 'unsubscribed-topic', detail: /which subscribes to/ },
  { file: 'kafkajs-broken-double-assigned.cjs', style: 'kafkajs', rule: 'double-assigned', detail: /^gave \w+-\d+ / },
  { file: 'kafkajs-broken-unassigned.cjs', style: 'kafkajs', rule: 'unassigned', detail: /nothing may be withheld/ },
  { file: 'kafkajs-broken-nondeterministic.cjs', style: 'kafkajs', rule: 'nondeterministic', detail: /^two calls with equal input disagree/ },
  { file: 'kafkajs-broken-unbalanced.cjs', style: 'kafkajs', rule: 'unbalanced', detail: /every member subscribes to the same topics/ },
];

describe('check-assignor rejects a broken assignor with the rule it breaks (exit 1)', () => {
  test.each(cases)('$style $file: $rule', async ({ file, style, rule, detail, protocol }) => {
    const modulePath = `${FIXTURES}/${file}`;
    const report = await checkAssignor(modulePath, {
      protocol: protocol ?? 'eager',
      contractRuns: 30,
      runs: 10,
      outDir: null,
      // A short bound only where the plugin hangs: a loaded machine must not turn a slow call into a timeout.
      callTimeoutMs: rule === 'timeout' ? 300 : 30_000,
    });
    expect(report.unusable).toBeNull();
    expect(report.style).toBe(style);
    expect(report.exitCode).toBe(1);
    expect(report.ok).toBe(false);
    const finding = report.findings.find((candidate) => candidate.rule === rule);
    expect(finding, JSON.stringify(report.findings.map((f) => [f.rule, f.detail]))).toBeDefined();
    expect(finding!.plugin).toBe(modulePath);
    expect(finding!.detail).toMatch(detail);
    expect(finding!.input.members.length).toBeGreaterThan(0);
  });
});

describe('a module kmc cannot use, or a protocol it does not declare, is exit 2', () => {
  test('a module that exports no assignor', async () => {
    const report = await checkAssignor(`${FIXTURES}/not-an-assignor.ts`, { outDir: null });
    expect(report.exitCode).toBe(2);
    expect(report.unusable).toMatchObject({ rule: 'exports-nothing-usable' });
    expect(report.protocols).toEqual([]);
  });

  test('a missing module', async () => {
    const report = await checkAssignor(`${FIXTURES}/no-such-assignor.ts`, { outDir: null });
    expect(report.exitCode).toBe(2);
    expect(report.unusable?.detail).toMatch(/no-such-assignor\.ts/);
  });

  test('--protocol cooperative for an eager-only assignor', async () => {
    const report = await checkAssignor(`${FIXTURES}/kmc-good.ts`, { protocol: 'cooperative', outDir: null });
    expect(report.exitCode).toBe(2);
    expect(report.unusable).toEqual({ rule: 'unsupported-protocol', detail: 'least-loaded supports eager, not the cooperative protocol' });
  });
});
