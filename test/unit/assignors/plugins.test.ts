/**
 * kmc-style assignor plugins through checker/plugins/assignorPlugin.ts: loaded by path in every
 * extension, detected, run in a worker thread; load errors; the model-facing Assignor view; a
 * hang is bounded and the next call gets a fresh thread.
 */
import { resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { checkAssignorContract } from '../../../checker/assignorCheck/contract.ts';
import { AssignorHost, AssignorPluginError, loadAssignorPlugin } from '../../../checker/plugins/assignorPlugin.ts';
import { PluginLoadError } from '../../../checker/plugins/loadModule.ts';
import type { AssignorInput } from '../../../model/assignors/types.ts';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/assignors');
const fixture = (name: string): string => `${FIXTURES}/${name}`;
const SEED = 42;

// One worker thread for this file's plugins (a hang restarts it; the others reload themselves).
const host = new AssignorHost();
const load = (name: string, callTimeoutMs = 5_000) => loadAssignorPlugin(fixture(name), { callTimeoutMs, host });
afterAll(() => host.close());

const group: AssignorInput = {
  topics: [{ name: 'orders', partitionCount: 3 }],
  members: ['consumer-1', 'consumer-2'].map((memberId) => ({ memberId, groupInstanceId: null, topics: ['orders'], ownedPartitions: [], generation: -1, rackId: null })),
};

describe(`correct kmc-style plugins pass the contract in every extension (seed ${SEED})`, () => {
  test.each([
    ['kmc-good.ts', 'least-loaded', ['eager']],
    ['kmc-named-exports.mjs', 'least-loaded-mjs', ['eager']],
    ['kmc-commonjs.cjs', 'least-loaded-cjs', ['eager']],
    ['kmc-cooperative.mts', 'cooperative-least-loaded', ['cooperative', 'eager']],
  ])('%s', async (file, name, protocols) => {
    const plugin = await load(file);
    expect(plugin).toMatchObject({ plugin: fixture(file), style: 'kmc', name, supportedProtocols: protocols, version: null, balanced: true });
    for (const protocol of protocols as Array<'eager' | 'cooperative'>) {
      const result = checkAssignorContract(plugin, { protocol, seed: SEED, runs: 40 });
      expect(result.violations).toEqual([]);
      expect(result.checks.map((check) => check.status)).toEqual(['passed', 'passed', 'passed', 'passed']);
    }
  });
});

describe('the model-facing Assignor view', () => {
  test('returns the canonical output, and throws AssignorPluginError naming plugin, rule and input', async () => {
    const good = (await load('kmc-good.ts')).toAssignor();
    expect(good.assign(group)).toEqual({
      assignments: [
        ['consumer-1', [{ topic: 'orders', partition: 0 }, { topic: 'orders', partition: 2 }]],
        ['consumer-2', [{ topic: 'orders', partition: 1 }]],
      ],
    });
    const broken = (await load('broken-unknown-topic.ts')).toAssignor();
    let caught: unknown;
    try {
      broken.assign(group);
    } catch (thrown) {
      caught = thrown;
    }
    expect(caught).toBeInstanceOf(AssignorPluginError);
    expect((caught as AssignorPluginError).violation).toEqual({
      plugin: fixture('broken-unknown-topic.ts'),
      contract: 'valid',
      rule: 'unknown-topic',
      detail: 'member "consumer-1" is given no-such-topic-0, but the cluster has no topic "no-such-topic"',
      input: group,
    });
  });
});

describe('a hang is bounded', () => {
  test('the hanging call times out; the next call runs in a fresh thread, and so do the thread\'s other plugins', async () => {
    const neighbour = await load('kmc-good.ts');
    const plugin = await load('broken-hangs-sometimes.ts', 300);
    const slow: AssignorInput = { ...group, members: [...group.members, { ...group.members[0], memberId: 'slow' }] };
    expect(plugin.call(slow)).toEqual({ ok: false, breach: { rule: 'timeout', detail: 'assign() did not return within 300 ms' } });
    const next = plugin.call(group);
    expect(next.ok).toBe(true);
    expect(neighbour.call(group).ok).toBe(true);
  });

  test('a plugin on a thread of its own is stopped by close()', async () => {
    const plugin = await loadAssignorPlugin(fixture('kmc-commonjs.cjs'));
    expect(plugin.call(group).ok).toBe(true);
    await plugin.close();
    expect(plugin.call(group)).toEqual({ ok: false, breach: { rule: 'crashed', detail: 'the plugin was closed' } });
  });
});

describe('modules kmc cannot use are PluginLoadErrors (bad input, exit 2)', () => {
  test.each([
    ['not-an-assignor.ts', 'exports-nothing-usable', /exports no assignor \(exports: greeting\)/],
    ['bad-protocols.ts', 'exports-nothing-usable', /supportedProtocols is \["eventually-consistent"\]; expected a non-empty array of 'eager' and 'cooperative'/],
    ['missing.ts', 'module-not-found', /module not found/],
    ['../../../package.json', 'unsupported-extension', /unsupported extension "\.json"/],
  ])('%s: %s', async (file, rule, detail) => {
    const failure = await loadAssignorPlugin(fixture(file), { host }).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(failure).toBeInstanceOf(PluginLoadError);
    expect(failure).toMatchObject({ rule, modulePath: fixture(file) });
    expect((failure as PluginLoadError).detail).toMatch(detail);
  });
});
