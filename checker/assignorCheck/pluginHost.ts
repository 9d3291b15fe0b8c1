/**
 * The worker-thread side of an assignor plugin (checker/plugins/assignorPlugin.ts starts it): it
 * loads the module, detects its style, and runs each call, so that a plugin that loops forever
 * can be stopped (worker.terminate) and one that exits or throws asynchronously takes down only
 * its own thread. Replies go over a MessagePort; a shared counter is bumped after each reply so
 * the caller can wait synchronously (Atomics.wait) with a time bound.
 *
 * Styles:
 * - kmc: an object with `assign(input)` and `name` (and optionally `supportedProtocols`,
 *   `balanced`), called as is; the raw result is copied back and judged by the caller.
 * - KafkaJS: a `PartitionAssigner` factory `({cluster, groupId, logger}) => ({name, version,
 *   protocol({topics}), assign({members, topics})})` (KJS:types/index.d.ts), or an assigner
 *   object already made. Per call, as KafkaJS's ConsumerGroup does (KJS:src/consumer/consumerGroup.js):
 *   every member's metadata is the plugin's own `protocol({topics})` for that member's
 *   subscription, and `assign({members, topics})` is awaited. `cluster.findTopicPartitionMetadata`
 *   answers from the input's topics. KafkaJS's protocol carries no owned partitions or
 *   generation, so a KafkaJS plugin never sees them.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { decodeMemberMetadata } from '../../model/assignors/kafkajsProtocol.ts';
import type { AssignorInput } from '../../model/assignors/types.ts';
import { extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkModulePath, describeThrown, PluginLoadError, type PluginLoadRule } from '../plugins/loadModule.ts';
import { describeValue } from './normalize.ts';

export interface HostData {
  port: MessagePort;
  /** Int32 [0]: replies sent; [1]: 1 once the thread crashed. */
  signal: SharedArrayBuffer;
}

/** `pluginId` names one loaded plugin; a thread may host several (checker/plugins/assignorPlugin.ts AssignorHost). */
export type HostRequest =
  | { type: 'load'; pluginId: number; modulePath: string; cwd: string; groupId: string }
  | { type: 'call'; pluginId: number; input: AssignorInput }
  | { type: 'unload'; pluginId: number };

export type HostReply =
  | { type: 'loaded'; style: 'kmc' | 'kafkajs'; name: unknown; supportedProtocols: unknown; balanced: unknown; version: unknown }
  | { type: 'load-failed'; rule: PluginLoadRule; detail: string }
  | { type: 'result'; raw: unknown }
  | { type: 'call-failed'; rule: 'threw' | 'malformed-result' | 'malformed-buffer'; detail: string }
  | { type: 'crashed'; detail: string };

interface KmcTarget {
  style: 'kmc';
  assignor: { name: unknown; assign: (input: unknown) => unknown; supportedProtocols?: unknown; balanced?: unknown };
}

interface KafkajsTarget {
  style: 'kafkajs';
  assigner: { name: string; version?: unknown; supportedProtocols?: unknown; protocol: (subscription: { topics: string[] }) => unknown; assign: (group: unknown) => unknown };
  cluster: FakeCluster;
}

type Target = KmcTarget | KafkajsTarget;

/** The part of KafkaJS's Cluster an assigner uses (KJS:src/cluster/index.js findTopicPartitionMetadata). */
class FakeCluster {
  private partitionCounts = new Map<string, number>();

  setTopics(topics: AssignorInput['topics']): void {
    this.partitionCounts = new Map(topics.map((topic) => [topic.name, topic.partitionCount]));
  }

  findTopicPartitionMetadata(topic: string): Array<{ partitionErrorCode: number; partitionId: number; leader: number; replicas: number[]; isr: number[]; offlineReplicas: number[] }> {
    const count = this.partitionCounts.get(topic) ?? 0;
    return Array.from({ length: count }, (_, partitionId) => ({ partitionErrorCode: 0, partitionId, leader: 0, replicas: [0], isr: [0], offlineReplicas: [] }));
  }
}

function silentLogger(): Record<string, unknown> {
  const logger: Record<string, unknown> = {};
  for (const level of ['info', 'warn', 'error', 'debug']) logger[level] = () => undefined;
  logger.namespace = () => logger;
  logger.setLogLevel = () => undefined;
  return logger;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return isObject(value) && typeof value.then === 'function';
}

function asKafkajsAssigner(value: unknown): KafkajsTarget['assigner'] | null {
  if (!isObject(value) || typeof value.name !== 'string' || typeof value.assign !== 'function' || typeof value.protocol !== 'function') return null;
  return value as unknown as KafkajsTarget['assigner'];
}

function asKmcAssignor(value: unknown): KmcTarget['assignor'] | null {
  if (!isObject(value) || typeof value === 'function' || typeof value.assign !== 'function' || typeof value.protocol === 'function') return null;
  return value as unknown as KmcTarget['assignor'];
}

/** Finds the assignor a module exports: default export first, then well-known names, the namespace itself, its only function. */
function detect(namespace: Record<string, unknown>, groupId: string): Target | { rule: PluginLoadRule; detail: string } {
  const fallback = isObject(namespace.default) ? (namespace.default as Record<string, unknown>).default : undefined;
  // Last resort: a module whose only exported function is a PartitionAssigner (`export const MyAssigner = ...`).
  const functions = Object.values(namespace).filter((value) => typeof value === 'function');
  const onlyFunction = functions.length === 1 ? functions[0] : undefined;
  const candidates = [namespace.default, fallback, namespace.assignor, namespace.assigner, namespace.PartitionAssigner, namespace, onlyFunction];
  for (const candidate of candidates) {
    if (candidate === undefined) continue;
    const kmc = asKmcAssignor(candidate);
    if (kmc !== null) return { style: 'kmc', assignor: kmc };
    const ready = asKafkajsAssigner(candidate);
    if (ready !== null) return { style: 'kafkajs', assigner: ready, cluster: new FakeCluster() };
    if (typeof candidate === 'function') {
      const cluster = new FakeCluster();
      let made: unknown;
      try {
        made = (candidate as (config: unknown) => unknown)({ cluster, groupId, logger: silentLogger() });
      } catch (thrown) {
        return { rule: 'threw-while-loading', detail: `the exported PartitionAssigner threw when called with {cluster, groupId, logger}: ${describeThrown(thrown)}` };
      }
      const assigner = asKafkajsAssigner(made);
      if (assigner === null) {
        return { rule: 'exports-nothing-usable', detail: `the exported function returned ${describeValue(made)}, not a KafkaJS assigner {name, version, protocol(), assign()}` };
      }
      return { style: 'kafkajs', assigner, cluster };
    }
  }
  const exported = Object.keys(namespace).join(', ') || 'nothing';
  return {
    rule: 'exports-nothing-usable',
    detail: `exports no assignor (exports: ${exported}); expected a kmc assignor {name, supportedProtocols, assign(input)} or a KafkaJS PartitionAssigner ({cluster, groupId, logger}) => ({name, version, protocol, assign})`,
  };
}

function copyable(value: unknown): unknown {
  try {
    return structuredClone(value);
  } catch {
    return `<${describeValue(value)} that cannot be copied>`;
  }
}

async function callKafkajs(target: KafkajsTarget, input: AssignorInput): Promise<HostReply> {
  const { assigner, cluster } = target;
  cluster.setTopics(input.topics);
  const members: Array<{ memberId: string; groupInstanceId: string | null; memberMetadata: Buffer }> = [];
  for (const member of input.members) {
    let state: unknown;
    try {
      state = assigner.protocol({ topics: [...member.topics] });
    } catch (thrown) {
      return { type: 'call-failed', rule: 'threw', detail: `protocol() threw for member ${JSON.stringify(member.memberId)}: ${describeThrown(thrown)}` };
    }
    if (!isObject(state) || isThenable(state)) {
      return { type: 'call-failed', rule: 'malformed-result', detail: `protocol() returned ${describeValue(state)}, not {name, metadata} (KafkaJS calls it synchronously)` };
    }
    if (!(state.metadata instanceof Uint8Array)) {
      return { type: 'call-failed', rule: 'malformed-buffer', detail: `protocol() returned metadata ${describeValue(state.metadata)}, not a Buffer` };
    }
    try {
      decodeMemberMetadata(state.metadata);
    } catch (thrown) {
      return { type: 'call-failed', rule: 'malformed-buffer', detail: `protocol() metadata for member ${JSON.stringify(member.memberId)} is not a KafkaJS MemberMetadata: ${describeThrown(thrown)}` };
    }
    if (state.name !== assigner.name) {
      return {
        type: 'call-failed',
        rule: 'malformed-result',
        detail: `protocol() returned name ${describeValue(state.name)}, but the assigner is named ${JSON.stringify(assigner.name)} (KafkaJS picks the assigner whose name is the group protocol)`,
      };
    }
    const metadata = state.metadata;
    members.push({ memberId: member.memberId, groupInstanceId: member.groupInstanceId, memberMetadata: Buffer.from(metadata.buffer, metadata.byteOffset, metadata.byteLength) });
  }
  const topics = [...new Set(input.members.flatMap((member) => member.topics))].sort();
  let raw: unknown;
  try {
    raw = await assigner.assign({ members, topics });
  } catch (thrown) {
    return { type: 'call-failed', rule: 'threw', detail: `assign() threw: ${describeThrown(thrown)}` };
  }
  return { type: 'result', raw };
}

function callKmc(target: KmcTarget, input: AssignorInput): HostReply {
  let raw: unknown;
  try {
    raw = target.assignor.assign(input);
  } catch (thrown) {
    return { type: 'call-failed', rule: 'threw', detail: `assign() threw: ${describeThrown(thrown)}` };
  }
  if (isThenable(raw)) {
    Promise.resolve(raw).catch(() => undefined);
    return { type: 'call-failed', rule: 'malformed-result', detail: 'assign() returned a Promise; a kmc assignor is synchronous (the group leader needs the assignment before SyncGroup)' };
  }
  return { type: 'result', raw };
}

/**
 * Imports the plugin. This host was itself loaded through tsx's ESM API, and tsx resolves the
 * imports of the modules it loads, so a TypeScript plugin is imported from here directly (a
 * second tsImport, as loadModule.ts does in the main thread, would register a second loader).
 * JavaScript plugins are imported by the bootstrap's plain Node `import()`, outside tsx, which
 * would otherwise resolve `plugin.mjs` to a sibling `plugin.mts`.
 */
async function importPlugin(modulePath: string, cwd: string, importNative: (url: string) => Promise<unknown>): Promise<Record<string, unknown>> {
  const absolute = checkModulePath(modulePath, cwd);
  const url = pathToFileURL(absolute).href;
  try {
    const namespace = TYPESCRIPT_EXTENSIONS.has(extname(absolute)) ? await import(url) : await importNative(url);
    return namespace as Record<string, unknown>;
  } catch (thrown) {
    throw new PluginLoadError(modulePath, 'threw-while-loading', `threw while loading: ${describeThrown(thrown)}`);
  }
}

const TYPESCRIPT_EXTENSIONS = new Set(['.ts', '.mts', '.cts']);

/**
 * Entry point, called in the worker thread by the bootstrap in assignorPlugin.ts, which passes
 * its own `import()` (plain Node, outside tsx). Every request but `unload` gets one reply.
 */
export function runAssignorHost(importNative: (url: string) => Promise<unknown>): void {
  const { port, signal: signalBuffer } = workerData as HostData;
  const signal = new Int32Array(signalBuffer);
  const bump = (): void => {
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  };
  const reply = (message: HostReply): void => {
    try {
      port.postMessage(message);
    } catch (thrown) {
      // Nothing was queued (the copy failed first); say why the result cannot be used.
      port.postMessage({ type: 'call-failed', rule: 'malformed-result', detail: `assign() returned a value that cannot be copied out of the plugin's thread: ${describeThrown(thrown)}` });
    }
    bump();
  };
  const crash = (detail: string): void => {
    if (Atomics.load(signal, 1) === 1) return;
    Atomics.store(signal, 1, 1);
    try {
      port.postMessage({ type: 'crashed', detail });
    } catch {
      // The port may be closing; the flag says enough.
    }
    bump();
  };
  process.on('uncaughtException', (thrown) => crash(`an uncaught error in the plugin's thread: ${describeThrown(thrown)}`));
  process.on('unhandledRejection', (thrown) => crash(`an unhandled Promise rejection in the plugin's thread: ${describeThrown(thrown)}`));
  process.on('exit', (code) => crash(`the plugin ended its thread (exit code ${code})`));

  const targets = new Map<number, Target>();
  port.on('message', (request: HostRequest) => {
    if (request.type === 'unload') {
      targets.delete(request.pluginId);
      return;
    }
    void (async () => {
      if (request.type === 'load') {
        let namespace: Record<string, unknown>;
        try {
          namespace = await importPlugin(request.modulePath, request.cwd, importNative);
        } catch (thrown) {
          if (thrown instanceof PluginLoadError) reply({ type: 'load-failed', rule: thrown.rule, detail: thrown.detail });
          else reply({ type: 'load-failed', rule: 'threw-while-loading', detail: `threw while loading: ${describeThrown(thrown)}` });
          return;
        }
        const found = detect(namespace, request.groupId);
        if (!('style' in found)) {
          reply({ type: 'load-failed', rule: found.rule, detail: found.detail });
          return;
        }
        targets.set(request.pluginId, found);
        const source = found.style === 'kmc' ? found.assignor : found.assigner;
        reply({
          type: 'loaded',
          style: found.style,
          name: copyable(source.name),
          supportedProtocols: copyable(source.supportedProtocols),
          balanced: copyable((source as { balanced?: unknown }).balanced),
          version: copyable((source as { version?: unknown }).version),
        });
        return;
      }
      const target = targets.get(request.pluginId);
      if (target === undefined) {
        reply({ type: 'call-failed', rule: 'threw', detail: 'kmc called the plugin before it was loaded' });
        return;
      }
      reply(target.style === 'kmc' ? callKmc(target, request.input) : await callKafkajs(target, request.input));
    })();
  });
}
