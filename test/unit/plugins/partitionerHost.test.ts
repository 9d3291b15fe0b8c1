/**
 * Plugins in their worker thread: each test here starts a worker (tsx inside it costs ~0.5 s),
 * so the style, rule and contract coverage lives in the in-process suites; this file covers what
 * only the worker does: bounding hangs, surviving a dead thread, load failures, TypeScript loading.
 */
import { describe, expect, it } from 'vitest';
import { checkPartitionerContract } from '../../../checker/partitionerCheck/contract.ts';
import { PluginLoadError } from '../../../checker/plugins/loadModule.ts';
import { loadPartitionerPlugin } from '../../../checker/plugins/partitionerHost.ts';
import { simpleClusterView } from '../../../model/partitioners/types.ts';

const fixtures = 'test/fixtures/partitioners';
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

async function loadFailure(path: string, options = {}): Promise<PluginLoadError> {
  const thrown = await loadPartitionerPlugin(path, options).then(
    async (handle) => {
      await handle.close();
      return null;
    },
    (error: unknown) => error,
  );
  expect(thrown).toBeInstanceOf(PluginLoadError);
  return thrown as PluginLoadError;
}

describe.concurrent('partitioner plugins in a worker thread', () => {
  it('loads a TypeScript kmc-style plugin and a CommonJS KafkaJS-style plugin; the TypeScript one holds the contract', async () => {
    const [kmc, kafkajs] = await Promise.all([loadPartitionerPlugin(`${fixtures}/kmc-hash.ts`), loadPartitionerPlugin(`${fixtures}/kafkajs-hash.cjs`)]);
    try {
      expect({ style: kmc.style, name: kmc.name, modulePath: kmc.modulePath, convention: kmc.convention }).toEqual({ style: 'kmc', name: 'kmc-hash-ts', modulePath: `${fixtures}/kmc-hash.ts`, convention: 'java-custom' });
      expect({ style: kafkajs.style, name: kafkajs.name, convention: kafkajs.convention }).toEqual({ style: 'kafkajs', name: 'kafkajs-hash', convention: 'kafkajs' });
      const explicit = await kafkajs.calls([{ topic: 't', key: null, value: null, partition: 2 }], simpleClusterView('t', 3), { callOnNewBatch: false, seed: 's' });
      expect(explicit).toEqual({ outcomes: [2], interruption: null });
      const result = await checkPartitionerContract(kmc, { runs: 30 });
      expect(result.findings).toEqual([]);
    } finally {
      await Promise.all([kmc.close(), kafkajs.close()]);
    }
  });

  it('reports a plugin that never returns (a synchronous infinite loop) as returns-in-time, with the record, then keeps working', async () => {
    const handle = await loadPartitionerPlugin(`${fixtures}/never-returns.ts`, { callTimeBoundMs: 600 });
    try {
      const cluster = simpleClusterView('t', 3);
      const records = [
        { topic: 't', key: utf8('ab'), value: null },
        { topic: 't', key: null, value: null },
      ];
      const result = await handle.calls(records, cluster, { callOnNewBatch: false, seed: 's' });
      expect(result.interruption).toEqual({ index: 1, violation: { rule: 'returns-in-time', detail: 'did not return within 600 ms (abandoned; its worker thread was restarted)' } });
      // A fresh thread serves the next request.
      const again = await handle.calls([records[0]], cluster, { callOnNewBatch: false, seed: 's' });
      expect(again).toEqual({ outcomes: [2], interruption: null });

      const contract = await checkPartitionerContract(handle, { runs: 20 });
      expect(contract.findings.map((f) => [f.rule, f.plugin, f.input.key])).toEqual([['returns-in-time', 'never-returns', null]]);
      expect(contract.stoppedEarly).toBe(true);
    } finally {
      await handle.close();
    }
  });

  it('reports a plugin that ends its thread (process.exit) as no-throw, naming the record', async () => {
    const handle = await loadPartitionerPlugin(`${fixtures}/exits-thread.js`);
    try {
      const cluster = simpleClusterView('t', 4);
      const result = await handle.sends(
        [
          { topic: 't', key: utf8('abc'), value: null },
          { topic: 't', key: null, value: null },
        ],
        cluster,
        { seed: 's' },
      );
      expect(result.partitions).toEqual([]);
      expect(result.failure?.index).toBe(1);
      expect(result.failure?.violation.rule).toBe('no-throw');
      expect(result.failure?.violation.detail).toContain('exit code 3');
      const contract = await checkPartitionerContract(handle, { runs: 20 });
      expect(contract.findings.map((f) => [f.rule, f.plugin])).toEqual([['no-throw', 'exits-thread']]);
      expect(contract.findings[0].input.key).toBeNull();
      expect(contract.stoppedEarly).toBe(true);
    } finally {
      await handle.close();
    }
  });

  it('reports modules that cannot be used: missing (no thread started), throwing on load', async () => {
    const missing = await loadFailure(`${fixtures}/does-not-exist.mjs`);
    expect([missing.rule, missing.modulePath]).toEqual(['module-not-found', `${fixtures}/does-not-exist.mjs`]);
    const throws = await loadFailure(`${fixtures}/throws-on-load.mjs`);
    expect(throws.rule).toBe('threw-while-loading');
    expect(throws.message).toBe(`${fixtures}/throws-on-load.mjs: threw while loading: boom while loading the partitioner`);
  });
});
