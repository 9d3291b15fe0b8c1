/**
 * Assignor plugins (issue 4 item 7): a module loaded by path (.js, .mjs, .cjs, .ts, .mts, via
 * loadModule.ts), written against kmc's interface (model/assignors/types.ts: an object with
 * `name`, `supportedProtocols` and `assign(input)`) or KafkaJS's `PartitionAssigner`, detected
 * automatically (checker/assignorCheck/pluginHost.ts). The plugin runs in a worker thread; every
 * call is guarded and bounded in time, so a plugin that throws, hangs, exits, returns something
 * malformed, encodes a bad KafkaJS buffer or names unknown members, topics or partitions yields a
 * rule broken, never a crash of kmc:
 * - `call(input)` (the AssignorSubject the contract checks use) returns the canonical output or
 *   the rule broken;
 * - `toAssignor()` gives a plain kmc Assignor for the model, whose `assign` throws an
 *   AssignorPluginError carrying the violation.
 * A module that cannot be used at all (not found, throws or hangs while loading, exports no
 * assignor, bad `supportedProtocols`) is a PluginLoadError: bad input, exit 2.
 *
 * The caller waits for each reply synchronously (the model calls assignors synchronously) with
 * Atomics.wait on a counter the worker bumps; the wait's timeout is the only use of wall time,
 * to bound a hang. After a hang or a crash the worker is terminated and a fresh one loads the
 * module again for the next call. Plugins may share one AssignorHost (one thread) to save the
 * thread start when many are checked in one process.
 *
 * KafkaJS adaptation: metadata comes from the plugin's own `protocol({topics})` per member
 * (checked to decode as AssignerProtocol MemberMetadata); the awaited `assign()` result must be
 * an array of {memberId, memberAssignment: Buffer}, each buffer a MemberAssignment
 * (model/assignors/kafkajsProtocol.ts). Members it leaves out get nothing, as in KafkaJS. A
 * KafkaJS assigner supports the eager protocol unless it declares `supportedProtocols` itself.
 */
import { createRequire } from 'node:module';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { decodeMemberAssignment } from '../../model/assignors/kafkajsProtocol.ts';
import { REBALANCE_PROTOCOLS, type Assignor, type AssignorInput, type AssignorOutput, type RebalanceProtocol, type TopicPartition } from '../../model/assignors/types.ts';
import { describeValue, normalizeAssignorResult, type Normalized } from '../assignorCheck/normalize.ts';
import type { HostReply, HostRequest } from '../assignorCheck/pluginHost.ts';
import { violationOf, type AssignorViolation, type RuleBreach } from '../assignorCheck/rules.ts';
import type { AssignorSubject, CallOutcome } from '../assignorCheck/subject.ts';
import { checkModulePath, describeThrown, PluginLoadError } from './loadModule.ts';

export const ASSIGNOR_CALL_TIMEOUT_MS_DEFAULT = 2_000;
export const ASSIGNOR_LOAD_TIMEOUT_MS_DEFAULT = 30_000;

export interface AssignorPlugin extends AssignorSubject {
  /** The module path as given. */
  readonly modulePath: string;
  /** KafkaJS assigners' `version`; null for kmc-style plugins. */
  readonly version: number | null;
  readonly callTimeoutMs: number;
  /** A kmc Assignor for the model; its assign() throws AssignorPluginError when the plugin breaks a rule. */
  toAssignor(): Assignor;
  /** Stops its own worker thread, or unloads it from a shared AssignorHost; later calls report `crashed`. */
  close(): Promise<void>;
}

/** A plugin broke a rule while the model was using it. */
export class AssignorPluginError extends Error {
  readonly violation: AssignorViolation;
  constructor(violation: AssignorViolation) {
    super(`${violation.plugin}: ${violation.rule}: ${violation.detail}`);
    this.name = 'AssignorPluginError';
    this.violation = violation;
  }
}

/**
 * A KafkaJS assign() result → kmc's canonical output, or the rule it broke. Exported for tests;
 * pure apart from decoding.
 */
export function adaptKafkajsResult(raw: unknown, input: AssignorInput): Normalized {
  const fail = (rule: RuleBreach['rule'], detail: string): Normalized => ({ ok: false, breach: { rule, detail } });
  if (!Array.isArray(raw)) return fail('malformed-result', `assign() resolved to ${describeValue(raw)}, not an array of {memberId, memberAssignment}`);
  const assignments: Array<[string, TopicPartition[]]> = [];
  for (const entry of raw as unknown[]) {
    if (typeof entry !== 'object' || entry === null || typeof (entry as { memberId?: unknown }).memberId !== 'string') {
      return fail('malformed-result', `assign() returned an entry without a string memberId (${describeValue(entry)})`);
    }
    const { memberId, memberAssignment } = entry as { memberId: string; memberAssignment: unknown };
    if (!(memberAssignment instanceof Uint8Array)) {
      return fail('malformed-buffer', `memberAssignment for ${JSON.stringify(memberId)} is ${describeValue(memberAssignment)}, not a Buffer encoded with AssignerProtocol.MemberAssignment`);
    }
    let decoded: ReturnType<typeof decodeMemberAssignment>;
    try {
      decoded = decodeMemberAssignment(memberAssignment);
    } catch (thrown) {
      return fail('malformed-buffer', `memberAssignment for ${JSON.stringify(memberId)} is not a KafkaJS MemberAssignment: ${describeThrown(thrown)}`);
    }
    const partitions: TopicPartition[] = [];
    const topicsSeen = new Set<string>();
    for (const { topic, partitions: ids } of decoded?.assignment ?? []) {
      if (topicsSeen.has(topic)) {
        return fail('malformed-buffer', `memberAssignment for ${JSON.stringify(memberId)} lists topic ${JSON.stringify(topic)} twice (KafkaJS would keep only the last list)`);
      }
      topicsSeen.add(topic);
      for (const partition of ids) partitions.push({ topic, partition });
    }
    assignments.push([memberId, partitions]);
  }
  return normalizeAssignorResult({ assignments }, input);
}

function validProtocols(value: unknown): RebalanceProtocol[] | null {
  if (value === undefined) return ['eager'];
  if (!Array.isArray(value) || value.length === 0) return null;
  if (!value.every((protocol) => (REBALANCE_PROTOCOLS as readonly unknown[]).includes(protocol))) return null;
  return [...new Set(value as RebalanceProtocol[])];
}

type Waited = { kind: 'reply'; message: HostReply } | { kind: 'timeout' } | { kind: 'crashed'; detail: string };

/**
 * Waits for the worker's next reply, bounded by `timeoutMs` of wall time (the only wall-time
 * use here: it bounds a hang and decides nothing else).
 */
function waitForReply(signal: Int32Array, port: MessagePort, repliesBefore: number, timeoutMs: number): Waited {
  const waited = Atomics.wait(signal, 0, repliesBefore, timeoutMs);
  if (waited === 'timed-out' && Atomics.load(signal, 0) === repliesBefore) return { kind: 'timeout' };
  const received = receiveMessageOnPort(port);
  if (received === undefined) return { kind: 'crashed', detail: 'the plugin thread stopped without replying' };
  const message = received.message as HostReply;
  if (message.type === 'crashed') return { kind: 'crashed', detail: message.detail };
  return { kind: 'reply', message };
}

const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.tsxApiUrl)
  .then((api) => (api.tsImport ?? api.default.tsImport)(workerData.hostUrl, { parentURL: workerData.hostUrl }))
  .then((host) => host.runAssignorHost((url) => import(url)))
  .catch((error) => {
    const signal = new Int32Array(workerData.signal);
    workerData.port.postMessage({ type: 'crashed', detail: 'kmc could not start the plugin host: ' + (error && error.message ? error.message : String(error)) });
    Atomics.store(signal, 1, 1);
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  });
`;

/** tsx's ESM API, resolved from kmc's own dependencies with the `import` condition. */
function tsxEsmApiUrl(): string {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve('tsx/package.json');
  const manifest = require(manifestPath) as { exports: Record<string, { import?: { default?: string } } | string> };
  const entry = manifest.exports['./esm/api'];
  const relative = typeof entry === 'object' && entry.import?.default !== undefined ? entry.import.default : './dist/esm/api/index.mjs';
  return new URL(relative, pathToFileURL(manifestPath)).href;
}

/** One worker thread hosting the plugin. */
class HostThread {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly signal: Int32Array;

  constructor() {
    const signalBuffer = new SharedArrayBuffer(8);
    this.signal = new Int32Array(signalBuffer);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: {
        port: port2,
        signal: signalBuffer,
        hostUrl: new URL('../assignorCheck/pluginHost.ts', import.meta.url).href,
        tsxApiUrl: tsxEsmApiUrl(),
      },
      transferList: [port2],
    });
    // Errors surface as 'crashed' replies; never let a worker error reach kmc's own process.
    this.worker.on('error', () => undefined);
    this.worker.unref();
  }

  get crashed(): boolean {
    return Atomics.load(this.signal, 1) === 1;
  }

  /** The detail of a crash that happened between calls (drains the port). */
  crashDetail(): string {
    let detail = 'the plugin thread crashed';
    for (let received = receiveMessageOnPort(this.port); received !== undefined; received = receiveMessageOnPort(this.port)) {
      const message = received.message as HostReply;
      if (message.type === 'crashed') detail = message.detail;
    }
    return detail;
  }

  /** A request that gets no reply (unload). */
  send(request: HostRequest): void {
    this.port.postMessage(request);
  }

  request(request: HostRequest, timeoutMs: number): Waited {
    const repliesBefore = Atomics.load(this.signal, 0);
    this.port.postMessage(request);
    return waitForReply(this.signal, this.port, repliesBefore, timeoutMs);
  }

  stop(): Promise<void> {
    this.port.close();
    return this.worker.terminate().then(
      () => undefined,
      () => undefined,
    );
  }
}

interface LoadedInfo {
  style: 'kmc' | 'kafkajs';
  name: string;
  supportedProtocols: RebalanceProtocol[];
  balanced: boolean;
  version: number | null;
}

export interface AssignorHostOptions {
  /** Bound on starting a worker and loading a module into it. */
  loadTimeoutMs?: number;
}

/**
 * A worker thread that hosts assignor plugins. Every plugin gets its own host unless one is
 * passed to loadAssignorPlugin: sharing saves the thread start (tsx included) when many plugins
 * are checked in one process, at the price that a plugin that hangs or crashes restarts the
 * thread for all of them (each reloads itself on its next call).
 */
export class AssignorHost {
  private thread: HostThread | null = null;
  private pluginIdNext = 1;
  private closed = false;
  /** Bumped at every thread start, so plugins know to reload. */
  epoch = 0;
  readonly loadTimeoutMs: number;

  constructor(options: AssignorHostOptions = {}) {
    this.loadTimeoutMs = options.loadTimeoutMs ?? ASSIGNOR_LOAD_TIMEOUT_MS_DEFAULT;
  }

  newPluginId(): number {
    return this.pluginIdNext++;
  }

  /** The running thread, started if needed; null once closed. */
  current(): HostThread | null {
    if (this.closed) return null;
    if (this.thread === null) {
      this.thread = new HostThread();
      this.epoch++;
    }
    return this.thread;
  }

  /** Stops the thread (after a hang or a crash); the next current() starts a new one. */
  restart(): void {
    const stopping = this.thread;
    this.thread = null;
    if (stopping !== null) void stopping.stop();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  async close(): Promise<void> {
    this.closed = true;
    const stopping = this.thread;
    this.thread = null;
    if (stopping !== null) await stopping.stop();
  }
}

type LoadOutcome = { ok: true; info: LoadedInfo } | { ok: false; error: PluginLoadError };

/** Loads the module into the host's current thread as plugin `pluginId`. */
function loadInto(host: AssignorHost, pluginId: number, modulePath: string, cwd: string, groupId: string): LoadOutcome {
  const fail = (rule: ConstructorParameters<typeof PluginLoadError>[1], detail: string): LoadOutcome => ({ ok: false, error: new PluginLoadError(modulePath, rule, detail) });
  const thread = host.current();
  if (thread === null) return fail('threw-while-loading', 'the plugin host was closed');
  const waited = thread.request({ type: 'load', pluginId, modulePath, cwd, groupId }, host.loadTimeoutMs);
  if (waited.kind === 'timeout') {
    host.restart();
    return fail('hung-while-loading', `did not finish loading within ${host.loadTimeoutMs} ms`);
  }
  if (waited.kind === 'crashed') {
    host.restart();
    return fail('threw-while-loading', `crashed while loading: ${waited.detail}`);
  }
  const message = waited.message;
  if (message.type === 'load-failed') return fail(message.rule, message.detail);
  if (message.type !== 'loaded') return fail('threw-while-loading', `unexpected reply while loading (${message.type})`);
  if (typeof message.name !== 'string' || message.name === '') return fail('exports-nothing-usable', `the assignor's name is ${describeShort(message.name)}, not a non-empty string`);
  const supportedProtocols = validProtocols(message.supportedProtocols);
  if (supportedProtocols === null) {
    return fail('exports-nothing-usable', `supportedProtocols is ${describeShort(message.supportedProtocols)}; expected a non-empty array of 'eager' and 'cooperative'`);
  }
  if (message.balanced !== undefined && typeof message.balanced !== 'boolean') return fail('exports-nothing-usable', `balanced is ${describeShort(message.balanced)}, not a boolean`);
  return {
    ok: true,
    info: {
      style: message.style,
      name: message.name,
      supportedProtocols,
      balanced: message.balanced !== false,
      version: typeof message.version === 'number' ? message.version : null,
    },
  };
}

/** A value as JSON when that is short, else its kind. */
function describeShort(value: unknown): string {
  try {
    const json = JSON.stringify(value);
    if (json !== undefined && json.length <= 80) return json;
  } catch {
    // Not JSON-able: fall through.
  }
  return describeValue(value);
}

export interface LoadAssignorPluginOptions {
  /** Base for a relative module path (default: the working directory). */
  cwd?: string;
  /** Bound on one assign() call, KafkaJS's async assign included. */
  callTimeoutMs?: number;
  /** Bound on starting the worker and loading the module (when no host is given). */
  loadTimeoutMs?: number;
  /** The groupId a KafkaJS PartitionAssigner is created with. */
  groupId?: string;
  /** A shared host thread (default: a thread of the plugin's own, stopped by close()). */
  host?: AssignorHost;
}

/**
 * Loads an assignor plugin into a worker thread. Throws PluginLoadError when the module cannot be
 * used; afterwards, calls never throw.
 */
export async function loadAssignorPlugin(modulePath: string, options: LoadAssignorPluginOptions = {}): Promise<AssignorPlugin> {
  const cwd = options.cwd ?? process.cwd();
  checkModulePath(modulePath, cwd);
  const callTimeoutMs = options.callTimeoutMs ?? ASSIGNOR_CALL_TIMEOUT_MS_DEFAULT;
  const groupId = options.groupId ?? 'kmc-check-assignor';
  const ownHost = options.host === undefined;
  const host = options.host ?? new AssignorHost({ loadTimeoutMs: options.loadTimeoutMs });
  const pluginId = host.newPluginId();
  const first = loadInto(host, pluginId, modulePath, cwd, groupId);
  if (!first.ok) {
    if (ownHost) await host.close();
    throw first.error;
  }
  const { info } = first;
  let loadedEpoch = host.epoch;
  let closed = false;

  const breach = (rule: RuleBreach['rule'], detail: string): CallOutcome => ({ ok: false, breach: { rule, detail } });

  const call = (input: AssignorInput): CallOutcome => {
    if (closed || host.isClosed) return breach('crashed', 'the plugin was closed');
    let thread = host.current()!;
    if (thread.crashed) {
      const detail = thread.crashDetail();
      host.restart();
      return breach('crashed', `${detail} (after an earlier call returned)`);
    }
    if (host.epoch !== loadedEpoch) {
      // The thread was restarted (this plugin's failure or another's): load again.
      const reloaded = loadInto(host, pluginId, modulePath, cwd, groupId);
      if (!reloaded.ok) return breach('crashed', `could not reload the plugin after a restart: ${reloaded.error.detail}`);
      loadedEpoch = host.epoch;
      thread = host.current()!;
    }
    const waited = thread.request({ type: 'call', pluginId, input }, callTimeoutMs);
    if (waited.kind === 'timeout') {
      host.restart();
      return breach('timeout', `assign() did not return within ${callTimeoutMs} ms`);
    }
    if (waited.kind === 'crashed') {
      host.restart();
      return breach('crashed', waited.detail);
    }
    const message = waited.message;
    switch (message.type) {
      case 'result': {
        const normalized = info.style === 'kmc' ? normalizeAssignorResult(message.raw, input) : adaptKafkajsResult(message.raw, input);
        return normalized.ok ? normalized : { ok: false, breach: normalized.breach };
      }
      case 'call-failed':
        return breach(message.rule, message.detail);
      default:
        host.restart();
        return breach('crashed', `unexpected reply from the plugin thread (${message.type})`);
    }
  };

  return {
    plugin: modulePath,
    modulePath,
    name: info.name,
    style: info.style,
    supportedProtocols: info.supportedProtocols,
    balanced: info.balanced,
    version: info.version,
    callTimeoutMs,
    call,
    toAssignor(): Assignor {
      return {
        name: info.name,
        supportedProtocols: info.supportedProtocols,
        balanced: info.balanced,
        assign(input: AssignorInput): AssignorOutput {
          const outcome = call(input);
          if (!outcome.ok) throw new AssignorPluginError(violationOf(modulePath, input, outcome.breach));
          return outcome.output;
        },
      };
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      if (ownHost) {
        await host.close();
        return;
      }
      if (host.epoch === loadedEpoch) host.current()?.send({ type: 'unload', pluginId });
    },
  };
}
