/**
 * check-assignor's contract checks reject deliberately broken plugins, one per rule, in both
 * plugin styles (issue 4 "Tests"): each violation names the plugin, the rule, the contract and
 * the (shrunk) input it was given.
 */
import { resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { checkAssignorContract } from '../../../checker/assignorCheck/contract.ts';
import type { AssignorContract, AssignorRule } from '../../../checker/assignorCheck/rules.ts';
import { AssignorHost, loadAssignorPlugin } from '../../../checker/plugins/assignorPlugin.ts';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/assignors');
const SEED = 42;
const host = new AssignorHost();
afterAll(() => host.close());

interface BrokenCase {
  file: string;
  style: 'kmc' | 'kafkajs';
  rule: AssignorRule;
  contract: AssignorContract;
  detail: RegExp;
}

const cases: BrokenCase[] = [
  { file: 'broken-throws.ts', style: 'kmc', rule: 'threw', contract: 'call', detail: /^assign\(\) threw: assignor exploded$/ },
  { file: 'broken-hangs.ts', style: 'kmc', rule: 'timeout', contract: 'call', detail: /^assign\(\) did not return within 300 ms$/ },
  { file: 'broken-exits.mjs', style: 'kmc', rule: 'crashed', contract: 'call', detail: /^the plugin ended its thread \(exit code 7\)$/ },
  { file: 'broken-not-array.ts', style: 'kmc', rule: 'malformed-result', contract: 'call', detail: /assignments as the string "everything to everyone"/ },
  { file: 'broken-unknown-member.ts', style: 'kmc', rule: 'unknown-member', contract: 'valid', detail: /"ghost-member", which is not in the group/ },
  { file: 'broken-unknown-topic.ts', style: 'kmc', rule: 'unknown-topic', contract: 'valid', detail: /the cluster has no topic "no-such-topic"/ },
  { file: 'broken-out-of-range.ts', style: 'kmc', rule: 'unknown-partition', contract: 'valid', detail: /is given \w+-\d+, but \w+ has partitions 0\.\.\d+/ },
  { file: 'broken-double-assign.ts', style: 'kmc', rule: 'double-assigned', contract: 'valid', detail: /^gave \w+-0 (to \S+ and \S+|twice to \S+)$/ },
  { file: 'broken-unassigned.ts', style: 'kmc', rule: 'unassigned', contract: 'complete', detail: /unassigned \(eager: nothing may be withheld\)/ },
  { file: 'broken-nondeterministic.ts', style: 'kmc', rule: 'nondeterministic', contract: 'deterministic', detail: /^two calls with equal input disagree/ },
  { file: 'broken-unbalanced.ts', style: 'kmc', rule: 'unbalanced', contract: 'balanced', detail: /every member subscribes to the same topics/ },
  { file: 'broken-cooperative.ts', style: 'kmc', rule: 'assigned-before-revoked', contract: 'complete', detail: /still owns it/ },
  { file: 'kafkajs-broken-buffer.js', style: 'kafkajs', rule: 'malformed-buffer', contract: 'call', detail: /is not a KafkaJS MemberAssignment: AssignerProtocolError: MemberAssignment userData/ },
  { file: 'kafkajs-broken-metadata.mjs', style: 'kafkajs', rule: 'malformed-buffer', contract: 'call', detail: /^protocol\(\) metadata for member "[^"]+" is not a KafkaJS MemberMetadata/ },
  { file: 'kafkajs-broken-throws.cjs', style: 'kafkajs', rule: 'threw', contract: 'call', detail: /^assign\(\) threw: no assignment for you$/ },
  { file: 'kafkajs-broken-hangs.mjs', style: 'kafkajs', rule: 'timeout', contract: 'call', detail: /^assign\(\) did not return within 300 ms$/ },
  { file: 'kafkajs-broken-unknown-member.js', style: 'kafkajs', rule: 'unknown-member', contract: 'valid', detail: /"ghost-member", which is not in the group/ },
];

describe(`broken plugins are rejected with the rule they break (seed ${SEED})`, () => {
  test.each(cases)('$file: $rule', async ({ file, style, rule, contract, detail }) => {
    const modulePath = `${FIXTURES}/${file}`;
    // A short bound only where the plugin hangs; elsewhere a loaded machine must not turn a slow call into a timeout.
    const plugin = await loadAssignorPlugin(modulePath, { callTimeoutMs: rule === 'timeout' ? 300 : 5_000, host });
    expect(plugin.style).toBe(style);
    const result = checkAssignorContract(plugin, { seed: SEED, runs: 30 });
    expect(result.status).toBe('violated');
    const violation = result.violations.find((candidate) => candidate.rule === rule);
    expect(violation, JSON.stringify(result.violations.map((v) => v.rule))).toBeDefined();
    expect(violation!.plugin).toBe(modulePath);
    expect(violation!.contract).toBe(contract);
    expect(violation!.detail).toMatch(detail);
    expect(violation!.input.members.length).toBeGreaterThan(0);
    expect(violation!.input.topics.length).toBeGreaterThan(0);
    if (rule === 'timeout' || rule === 'crashed') {
      // No shrinking through hangs and crashes, and no other contract pays the time bound again.
      expect(result.checks.filter((check) => check.status === 'skipped')).toHaveLength(3);
    }
  });
});
