/**
 * The checker's public face: engines (random, pbt, exhaustive), runs, shrinking, replay, and
 * the scenario-level API the CLI and library use (checkScenario, exploreScenario, replays).
 * Generic over the Model interface; the model and its judge come in as CheckDeps.
 */
export type {
  CheckDeps,
  CheckOptions,
  EngineName,
  ExploreOptions,
  ExploreResult,
  RunStatus,
  Scenario,
  ScenarioResult,
  ViolationReport,
} from './api.ts';
export type { Finding, Judge } from './judge.ts';

export { checkScenario } from './check.ts';
export { exploreScenario } from './explore.ts';
export { replayCounterexample, replaySeed } from './replayReport.ts';
export {
  ReplayError,
  replayCounterexampleEvents,
  replayEvents,
  replayFile,
  replayScenario,
  whyNotEnabled,
  type ReplayOutcome,
  type ReplayResult,
  type ScenarioReplayOptions,
} from './replay.ts';
export { OUT_DIR_DEFAULT, scenarioContext, type ScenarioContext } from './scenarioContext.ts';

export { runModel, completeRun, Execution, hasFinding, findingOf, findingStepOf, type Chooser, type RunPhase, type RunRecording, type RunResult, type RunSpec } from './run.ts';
export { shrinkCounterexample, listChooser, runList, type ShrinkResult } from './shrink.ts';
export { randomSearch, randomRun, randomRunSeed, type RandomSearchOptions, type RandomSearchResult, type RandomViolation } from './engines/random.ts';
export { SwarmMix, FAULT_WEIGHTS, NON_FAULT_WEIGHTS } from './engines/swarm.ts';
export {
  pbtSearch,
  pbtRun,
  pbtReplay,
  pbtSeed,
  pbtModelSeed,
  choicesArbitrary,
  PBT_PATH_PATTERN,
  type PbtSearchOptions,
  type PbtSearchResult,
  type PbtViolation,
} from './engines/pbt.ts';
export { exhaustiveSearch, type ExhaustiveOptions, type ExhaustiveResult, type ExhaustiveViolation } from './engines/exhaustive.ts';
export type { SearchOptions } from './search.ts';
export { RUN_LIMITS, SEARCH_LIMITS, type RunLimits } from './limits.ts';
export { DID_NOT_SETTLE, FINAL_READ_INCOMPLETE, LIVENESS_PROPERTIES } from './liveness.ts';
export { describeInternalError, type InternalError } from './internalError.ts';
export { effectiveExpectation, stopWhenFor, verdictFor, violationRole, type ViolationSeen } from './verdict.ts';
export { replayFileCommand, replaySeedCommand, exploreCommand, shellQuote } from './commands.ts';
export { canonicalJson, eventKey } from './eventKey.ts';
export {
  COUNTEREXAMPLE_FORMAT,
  CounterexampleError,
  readCounterexample,
  writeCounterexample,
  type Counterexample,
} from '../reports/counterexample.ts';
