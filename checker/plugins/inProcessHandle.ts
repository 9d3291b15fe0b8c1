/**
 * Partitioner handles that run in kmc's own thread: the built-ins (trusted code), and plugins
 * when the caller accepts the risk (no hang guard: a plugin that never returns hangs the caller;
 * faster to start, which suits a user's own test suite). check-partitioner uses the worker host.
 */
import { createRng } from '../../model/kernel/rng.ts';
import { createBuiltInPartitioner, type BuiltInPartitionerName } from '../../model/partitioners/builtIns.ts';
import type { Partitioner } from '../../model/partitioners/types.ts';
import { runCalls, runSends, type Interruption } from './batchRuns.ts';
import { describeThrown, loadModule, type LoadModuleOptions } from './loadModule.ts';
import type { PartitionerHandle } from './partitionerHandle.ts';
import { detectPartitioner } from './partitionerPlugin.ts';

/**
 * A handle over partitioners made fresh for every request, from the request's seed and (for
 * sends) the simulated `batch.size`.
 */
export function inProcessPartitionerHandle(create: (seed: string, batchSizeBytes: number | undefined) => Partitioner): PartitionerHandle {
  const probe = create('probe', undefined);
  return {
    name: probe.name,
    modulePath: null,
    style: 'built-in',
    convention: probe.convention ?? 'java-custom',
    hasOnNewBatch: typeof probe.onNewBatch === 'function',
    calls: async (records, cluster, options) => runCalls(create(options.seed, undefined), records, cluster, { callOnNewBatch: options.callOnNewBatch }),
    sends: async (records, cluster, options) => runSends(create(options.seed, options.batchSizeBytes), records, cluster, { batchSizeBytes: options.batchSizeBytes }),
    close: async () => undefined,
  };
}

export interface BuiltInHandleOptions {
  /** `partitioner.ignore.keys` for `default`. */
  ignoreKeys?: boolean;
}

/** A built-in partitioner by name, seeded per request; `default` switches after the request's `batch.size`. */
export function builtInPartitionerHandle(name: BuiltInPartitionerName, options: BuiltInHandleOptions = {}): PartitionerHandle {
  return inProcessPartitionerHandle((seed, batchSizeBytes) => createBuiltInPartitioner(name, { rng: createRng(seed), batchSizeBytes, ignoreKeys: options.ignoreKeys }));
}

/**
 * Loads a partitioner plugin into this thread (kmc or KafkaJS style, any supported extension).
 * Throws PluginLoadError like loadPartitionerPlugin. Throws, Promises and invalid results are
 * still reported; a call that never returns is not (use loadPartitionerPlugin for that).
 */
export async function loadPartitionerPluginInProcess(modulePath: string, options: LoadModuleOptions = {}): Promise<PartitionerHandle> {
  const detected = detectPartitioner(await loadModule(modulePath, options), modulePath);
  const probe = detected.create();
  const fresh = (): { partitioner: Partitioner } | { failure: Interruption } => {
    try {
      return { partitioner: detected.create() };
    } catch (thrown) {
      return { failure: { index: 0, violation: { rule: 'no-throw', detail: `creating the partitioner threw: ${describeThrown(thrown)}` } } };
    }
  };
  return {
    name: detected.name,
    modulePath,
    style: detected.style,
    convention: probe.convention ?? 'java-custom',
    hasOnNewBatch: detected.hasOnNewBatch,
    calls: async (records, cluster, requestOptions) => {
      const made = fresh();
      if ('failure' in made) return { outcomes: [], interruption: made.failure };
      return runCalls(made.partitioner, records, cluster, { callOnNewBatch: requestOptions.callOnNewBatch });
    },
    sends: async (records, cluster, requestOptions) => {
      const made = fresh();
      if ('failure' in made) return { partitions: [], failure: made.failure };
      return runSends(made.partitioner, records, cluster, { batchSizeBytes: requestOptions.batchSizeBytes });
    },
    close: async () => undefined,
  };
}
