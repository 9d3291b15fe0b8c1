/**
 * An in-memory Io and fake CliDeps: the commands run for real, the engines do not.
 */
import type { CheckOptions, ScenarioResult } from '../../../checker/api.ts';
import type { PartitionerCheckReport } from '../../../checker/partitionerCheck/runPartitionerCheck.ts';
import type { AssignorCheckReport } from '../../../checker/assignorCheck/runAssignorCheck.ts';
import type { AssignorCheckRequest, CliDeps, PartitionerCheckRequest, ReplaySeedOptions } from '../../../cli/deps.ts';
import type { Io } from '../../../cli/io.ts';
import type { Scenario } from '../../../scenarios/scenario.ts';
import type { FuzzOptions, FuzzResult } from '../../../checker/fuzz/types.ts';
import { fakeResult } from '../reports/fixtures.ts';

export interface MemoryIo extends Io {
  stdout: string;
  stderr: string;
  /** Advances the fake wall clock. */
  advanceMs(ms: number): void;
}

export function memoryIo(options: { tty?: boolean; columns?: number } = {}): MemoryIo {
  let nowMs = 0;
  const io: MemoryIo = {
    stdout: '',
    stderr: '',
    out: (text) => void (io.stdout += text),
    err: (text) => void (io.stderr += text),
    errIsTTY: options.tty ?? false,
    errColumns: options.columns ?? 80,
    nowMs: () => nowMs,
    advanceMs: (ms) => void (nowMs += ms),
  };
  return io;
}

export function fakeScenario(name: string, overrides: Partial<Scenario> = {}): Scenario {
  return {
    name,
    title: `title of ${name}`,
    doc: `doc of ${name}`,
    config: {},
    expect: 'hold',
    budget: { engine: 'random', runs: 100, stepsMax: 50 },
    seed: '1',
    ...overrides,
  };
}

export const BUILTINS: Scenario[] = [
  fakeScenario('acks-all-min-isr-2', { config: { acks: 'all', 'min.insync.replicas': 2 } }),
  fakeScenario('acks-1-leader-crash', { config: { acks: 1 }, expect: ['lost-write'] }),
  fakeScenario('unclean-election', { config: { 'unclean.leader.election.enable': true }, expect: ['lost-write'] }),
];

export const PROPERTY_NAMES = ['lost-write', 'duplicate', 'unseen', 'inconsistent-offsets', 'strong-isr'];

export interface Call {
  kind: 'check' | 'explore' | 'replayFile' | 'replaySeed' | 'checkPartitioner' | 'checkAssignor' | 'fuzz';
  /** The scenario, counterexample file or partitioner module. */
  scenario: string;
  options: Omit<CheckOptions, 'onProgress'> | ReplaySeedOptions | Omit<PartitionerCheckRequest, 'progress'> | Omit<AssignorCheckRequest, 'progress'> | { assignor: string } | Omit<FuzzOptions, 'onProgress'> | Record<string, never>;
}

export interface FakeDeps extends CliDeps {
  calls: Call[];
}

/** A check-partitioner report: the module passed, or (with `unusable`) could not be used. */
export function fakePartitionerReport(modulePath: string, overrides: Partial<PartitionerCheckReport> = {}): PartitionerCheckReport {
  return {
    ok: true,
    exitCode: 0,
    module: modulePath,
    plugin: 'fake',
    style: 'kmc',
    seed: 'kmc',
    unusable: null,
    contract: { plugin: 'fake', module: modulePath, style: 'kmc', seed: 'kmc', rules: ['no-throw'], passed: true, findings: [], stoppedEarly: false },
    endToEnd: [],
    runsPerScenarioMax: 200,
    endToEndSkipped: null,
    loadStats: null,
    comparison: null,
    findings: [],
    internalErrors: [],
    durationMs: 1,
    ...overrides,
  };
}

/** A check-assignor report: the module passed (nothing checked), or per overrides. */
export function fakeAssignorReport(modulePath: string, overrides: Partial<AssignorCheckReport> = {}): AssignorCheckReport {
  return {
    ok: true,
    exitCode: 0,
    module: modulePath,
    plugin: 'fake',
    style: 'kmc',
    supportedProtocols: ['eager'],
    seed: 'kmc',
    unusable: null,
    protocols: [],
    findings: [],
    scenarioFailures: [],
    internalErrors: [],
    durationMs: 1,
    ...overrides,
  };
}

/** Deps whose engines return `result(scenario)` (by default an as-expected result named after it). */
export function fakeDeps(
  result: (scenario: Scenario) => ScenarioResult = (s) => fakeResult({ name: s.name, expect: s.expect }),
  partitionerReport: (modulePath: string) => PartitionerCheckReport = (m) => fakePartitionerReport(m),
  assignorReport: (modulePath: string) => AssignorCheckReport = (m) => fakeAssignorReport(m),
  fuzzResult: (scenario: Scenario) => FuzzResult = (s) => fakeFuzzResult(s),
): FakeDeps {
  const calls: Call[] = [];
  const strip = <T extends { onProgress?: unknown }>(options: T): Omit<T, 'onProgress'> => {
    const { onProgress: _, ...rest } = options;
    return rest;
  };
  return {
    calls,
    loadScenarios: async () => BUILTINS,
    loadPropertyNames: async () => PROPERTY_NAMES,
    async check(scenario, options) {
      calls.push({ kind: 'check', scenario: scenario.name, options: strip(options) });
      options.onProgress?.({ scenario: scenario.name, runsDone: 1, runsTotal: 2, events: 10 });
      return result(scenario);
    },
    async explore(scenario, options) {
      calls.push({ kind: 'explore', scenario: scenario.name, options: strip(options) });
      return result(scenario);
    },
    async replayFile(file, options) {
      calls.push({ kind: 'replayFile', scenario: file, options: options.assignor === undefined ? {} : { assignor: options.assignor } });
      return result(fakeScenario('from-file', { expect: ['lost-write'] }));
    },
    async replaySeed(scenario, options) {
      calls.push({ kind: 'replaySeed', scenario: scenario.name, options: strip(options) });
      return result(scenario);
    },
    async checkPartitioner(modulePath, request) {
      const { progress, ...rest } = request;
      calls.push({ kind: 'checkPartitioner', scenario: modulePath, options: rest });
      progress?.start(1, 1, `checking ${modulePath}`);
      return partitionerReport(modulePath);
    },
    async checkAssignor(modulePath, request) {
      const { progress, ...rest } = request;
      calls.push({ kind: 'checkAssignor', scenario: modulePath, options: rest });
      progress?.start(1, 1, `checking ${modulePath}`);
      return assignorReport(modulePath);
    },
    async fuzz(scenario, options) {
      calls.push({ kind: 'fuzz', scenario: scenario.name, options: strip(options) });
      options.onProgress?.({ configsDone: 1, configsTotal: 2, runs: 10, events: 100, findings: 0 });
      return fuzzResult(scenario);
    },
  };
}

/** A fuzz result: nothing found in 2 configs, or per overrides. */
export function fakeFuzzResult(scenario: Scenario, overrides: Partial<FuzzResult> = {}): FuzzResult {
  return {
    scenario: scenario.name,
    scenarioRef: scenario.name,
    model: scenario.model ?? 'cluster',
    seed: scenario.seed,
    vary: ['linger.ms'],
    runsPerConfig: 5,
    stepsMax: scenario.budget.stepsMax,
    configsTried: 2,
    configsSkipped: 0,
    runs: 10,
    events: 100,
    stoppedBy: 'configs',
    findings: [],
    notMinimised: [],
    durationMs: 1,
    ...overrides,
  };
}
