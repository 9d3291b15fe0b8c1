/**
 * `kmc fuzz`: a search for configurations that break a guarantee. Config i of a campaign is the
 * base scenario's config with a draw for each varied key (draw.ts), a pure function of (seed, i);
 * the wall-clock budget only decides how many configs run (an event budget, deterministic, may
 * stand in for it). Each config gets random walks (the random engine, swarm testing) with a
 * per-config run budget, looking only for findings Kafka guarantees against under that config,
 * and for model assertions (bugs in kmc's model).
 *
 * A finding is then minimised: first the config, by delta debugging over the keys it changed
 * (minimiseKeys.ts: a key is reverted to the base while a bounded, deterministic re-search still
 * shows the same property: first the very run that showed it, then a search of as many runs as
 * the config had), then its events, as `kmc check` minimises them (engineReports.ts, shrink.ts);
 * both within an event budget (FUZZ_LIMITS). It is written as a scenario file (kmc-scenario/1,
 * the base config plus the minimal changes, expect hold, whose seed and run budget re-run the
 * search up to the run that shows it) and a counterexample file, both under OUT/fuzz-<seed>/.
 *
 * One finding per property (or model assertion) and set of minimal keys: a config whose changes
 * include a known finding's, or whose minimal keys are a known finding's with other values,
 * counts as that finding again (its configs); only the first is written.
 */
import { join } from 'node:path';
import type { ModelEvent } from '../../model/kernel/model.ts';
import { ConfigError, configToRecord, resolveConfigWith, type KmcConfig } from '../../model/config.ts';
import { subSeed } from '../../model/kernel/rng.ts';
import { formatScenarioFile } from '../../scenarios/file.ts';
import { writeFileAtomic } from '../../reports/atomicWrite.ts';
import type { CheckDeps, Scenario, ViolationReport } from '../api.ts';
import type { Finding } from '../judge.ts';
import type { InternalError } from '../internalError.ts';
import { describeInternalError } from '../internalError.ts';
import { randomRun, randomSearch, type RandomSearchResult } from '../engines/random.ts';
import { reportsFromRandom } from '../engineReports.ts';
import type { RunResult } from '../run.ts';
import { OUT_DIR_DEFAULT, scenarioContext } from '../scenarioContext.ts';
import { checkCommand, replaySeedCommand } from '../commands.ts';
import { FUZZ_LIMITS, SEARCH_LIMITS } from '../limits.ts';
import { startWallBudget, throttle, type WallBudget } from '../wallClock.ts';
import { asSetFlags, changesText, isPartOf, pickChanges, type ConfigChanges } from './changes.ts';
import { configSeed, drawConfig, type DrawFailure, type DrawnConfig, type FuzzBase } from './draw.ts';
import { minimiseKeys } from './minimiseKeys.ts';
import { parallelSearch } from '../parallel/index.ts';
import type { SearchOptions } from '../search.ts';
import type { FuzzModel } from './space.ts';
import { varyKeys } from './vary.ts';
import type { FuzzFinding, FuzzOptions, FuzzResult, FuzzStop } from './types.ts';

/** What a finding is about: a guaranteed property, or a model assertion (by its message, numbers aside). */
type Target = { kind: 'violation'; property: string } | { kind: 'internal-error'; signature: string };

/** A run that shows a target, and the search it belongs to (a scenario file re-runs that search). */
interface Evidence {
  searchSeed: string;
  runIndex: number;
  runSeed: string;
  /** The run (violations), or null (internal errors replay from the run seed). */
  run: RunResult<ModelEvent> | null;
  internalError: InternalError | null;
}

const isGuaranteed = (finding: Finding): boolean => finding.guaranteed;

/** A model assertion's message with its numbers blanked: the same bug at other offsets or epochs. */
function signatureOf(error: InternalError): string {
  return `${error.kind}: ${error.message.replace(/\d+/g, '#')}`;
}

function sameTarget(a: Target, b: Target): boolean {
  return a.kind === 'violation' ? b.kind === 'violation' && a.property === b.property : b.kind === 'internal-error' && a.signature === b.signature;
}

function targetOf(finding: FuzzFinding, signature: string | null): Target {
  return finding.kind === 'violation' ? { kind: 'violation', property: finding.property! } : { kind: 'internal-error', signature: signature! };
}

/** File-name-safe text: anything but [A-Za-z0-9._-] becomes "_". */
const safe = (text: string): string => text.replace(/[^A-Za-z0-9._-]/g, '_');

const NAME_LENGTH_MAX = 64;
const TITLE_LENGTH_MAX = 200;

/** "<base>-fuzz-<i>", the base cut so the name fits a scenario file's 64 characters. */
function findingName(baseName: string, index: number): string {
  const suffix = `-fuzz-${index}`;
  return `${baseName.slice(0, NAME_LENGTH_MAX - suffix.length).replace(/[-._]+$/, '')}${suffix}`;
}

/** The scenario a finding replays with: the base config plus `changes`, expecting hold. */
function findingScenario(base: Scenario, set: Record<string, string>, changes: ConfigChanges, name: string, evidence: Evidence, doc: string): Scenario {
  const title = `${base.name} with ${changesText(changes)} (kmc fuzz)`;
  return {
    name,
    title: title.length > TITLE_LENGTH_MAX ? `${title.slice(0, TITLE_LENGTH_MAX - 1)}…` : title,
    doc,
    ...(base.model === undefined ? {} : { model: base.model }),
    config: { ...base.config, ...set, ...changes },
    expect: 'hold',
    budget: { engine: 'random', runs: evidence.runIndex + 1, stepsMax: base.budget.stepsMax },
    seed: evidence.searchSeed,
  };
}

/** "no legal configuration ..." naming the keys, the base, and the rules most often broken. */
function noLegalConfigMessage(scenario: Scenario, keys: readonly string[], failure: DrawFailure): string {
  const rules = failure.reasons
    .slice(0, 3)
    .map((r) => `${r.reason} (${r.count} of ${failure.attempts})`)
    .join('; ');
  return `--vary ${keys.join(',')}: no legal configuration around scenario ${scenario.name} in ${failure.attempts} draws: ${rules}`;
}

/** The campaign's state: totals, findings, and the budget. */
class Campaign {
  runs = 0;
  events = 0;
  readonly findings: FuzzFinding[] = [];
  readonly signatures: (string | null)[] = [];
  readonly notMinimised: FuzzResult['notMinimised'] = [];
  private readonly progressDue = throttle(SEARCH_LIMITS.progressIntervalMs);
  configsDone = 0;

  constructor(
    readonly options: FuzzOptions,
    readonly configsTotal: number,
    readonly wall: WallBudget,
  ) {}

  count(work: { runs?: number; events: number }): void {
    this.runs += work.runs ?? 1;
    this.events += work.events;
  }

  /** Milliseconds left of --time, or undefined without it. */
  remainingMs(): number | undefined {
    return this.options.timeMs === undefined ? undefined : Math.max(0, this.options.timeMs - this.wall.elapsedMs());
  }

  progress(force = false, eventsInSearch = 0): void {
    const onProgress = this.options.onProgress;
    if (!onProgress || !this.progressDue(force)) return;
    onProgress({ configsDone: this.configsDone, configsTotal: this.configsTotal, runs: this.runs, events: this.events + eventsInSearch, findings: this.findings.length });
  }
}

/**
 * Runs a fuzz campaign around `scenario`. Throws ConfigError (bad input: exit 2) for an invalid
 * base, an unknown or unvaried --vary key, or a range that admits no legal config; everything
 * found comes back as data.
 */
export function fuzzScenario(scenario: Scenario, options: FuzzOptions, deps: CheckDeps): FuzzResult {
  const model: FuzzModel = scenario.model ?? 'cluster';
  const seed = options.seed ?? scenario.seed;
  if (seed.length > FUZZ_LIMITS.seedLengthMax) throw new ConfigError(`--seed ${seed}: kmc fuzz takes a seed of at most ${FUZZ_LIMITS.seedLengthMax} characters (config and run seeds are derived from it)`);
  const keys = varyKeys(model, options.vary ?? 'all');
  const set = options.set ?? {};
  const resolve = (...layers: Record<string, unknown>[]): KmcConfig => resolveConfigWith(deps.configExtensions ?? {}, ...layers);
  let baseConfig: KmcConfig;
  try {
    baseConfig = resolve(scenario.config, set);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(`scenario ${scenario.name}: ${error.message}`);
    throw error;
  }
  const base: FuzzBase = { layers: [scenario.config, set], config: baseConfig, record: configToRecord(baseConfig), resolve };
  const runsPerConfig = options.runs ?? FUZZ_LIMITS.runsPerConfigDefault;
  const timeMs = options.timeMs ?? (options.configs === undefined && options.eventsMax === undefined ? FUZZ_LIMITS.timeMsDefault : undefined);
  const configsMax = Math.min(options.configs ?? FUZZ_LIMITS.configsMax, FUZZ_LIMITS.configsMax);
  const wall = startWallBudget(timeMs);
  const campaign = new Campaign({ ...options, timeMs }, options.configs ?? 0, wall);

  const first = drawConfig(base, keys, seed, 0);
  if (!first.ok) throw new ConfigError(noLegalConfigMessage(scenario, keys, first.failure));

  const ctx: FuzzContext = { scenario, set, seed, base, deps, runsPerConfig, stepsMax: scenario.budget.stepsMax, campaign, outDir: options.outDir === undefined ? OUT_DIR_DEFAULT : options.outDir, parallel: parallelSearch(options.workers, deps) };
  let configsSkipped = 0;
  let stoppedBy: FuzzStop = 'configs';
  for (let index = 0; index < configsMax; index++) {
    if (options.signal?.aborted) {
      stoppedBy = 'interrupted';
      break;
    }
    if (wall.expired()) {
      stoppedBy = 'time';
      break;
    }
    if (options.eventsMax !== undefined && campaign.events >= options.eventsMax) {
      stoppedBy = 'events';
      break;
    }
    const outcome = index === 0 ? first : drawConfig(base, keys, seed, index);
    campaign.configsDone++;
    if (!outcome.ok) configsSkipped++;
    else searchConfig(ctx, outcome.drawn);
    campaign.progress();
  }
  campaign.progress(true);
  return {
    scenario: scenario.name,
    scenarioRef: options.scenarioRef ?? scenario.name,
    model,
    seed,
    vary: keys,
    runsPerConfig,
    stepsMax: scenario.budget.stepsMax,
    configsTried: campaign.configsDone - configsSkipped,
    configsSkipped,
    runs: campaign.runs,
    events: campaign.events,
    stoppedBy,
    findings: campaign.findings,
    notMinimised: campaign.notMinimised,
    durationMs: wall.elapsedMs(),
  };
}

interface FuzzContext {
  scenario: Scenario;
  set: Record<string, string>;
  seed: string;
  base: FuzzBase;
  deps: CheckDeps;
  runsPerConfig: number;
  stepsMax: number;
  campaign: Campaign;
  outDir: string | null;
  /** Worker threads for the walks (--workers), or undefined to run them here. */
  parallel: SearchOptions['parallel'];
}

/** One config: its random walks, then each guaranteed finding and model assertion it showed. */
function searchConfig(ctx: FuzzContext, drawn: DrawnConfig): void {
  const { deps, campaign } = ctx;
  const searchSeed = configSeed(ctx.seed, drawn.index);
  const judge = deps.judgeFor(drawn.config);
  const search = randomSearch(deps.model, drawn.config, judge, {
    seed: searchSeed,
    runs: ctx.runsPerConfig,
    stepsMax: ctx.stepsMax,
    counts: isGuaranteed,
    timeMs: campaign.remainingMs(),
    parallel: ctx.parallel,
    signal: campaign.options.signal,
    onProgress: (p) => campaign.progress(false, p.events),
  });
  campaign.count(search);
  if (search.internalError) {
    const evidence: Evidence = { searchSeed, runIndex: search.runs - 1, runSeed: search.internalError.runSeed, run: null, internalError: search.internalError };
    noteFinding(ctx, drawn, { kind: 'internal-error', signature: signatureOf(search.internalError) }, evidence);
  }
  for (const violation of search.violations) {
    const properties = [...new Set(violation.run.findings.filter(isGuaranteed).map((f) => f.property))];
    for (const property of properties) {
      const evidence: Evidence = { searchSeed, runIndex: violation.runIndex, runSeed: violation.runSeed, run: violation.run, internalError: null };
      noteFinding(ctx, drawn, { kind: 'violation', property }, evidence);
    }
  }
}

/** Whether `run` shows `target`. */
function shows(run: { findings: readonly Finding[]; internalError: InternalError | null }, target: Target): boolean {
  if (target.kind === 'internal-error') return run.internalError !== null && signatureOf(run.internalError) === target.signature;
  return run.findings.some((f) => f.guaranteed && f.property === target.property);
}

/** Config `index` shows `finding` again. */
function showsAgain(finding: FuzzFinding, index: number): void {
  finding.configsShowing++;
  if (finding.configs.length < FUZZ_LIMITS.configsListedMax) finding.configs.push(index);
}

/** Records a finding: again under known changes, beyond the bound, or minimised and written. */
function noteFinding(ctx: FuzzContext, drawn: DrawnConfig, target: Target, evidence: Evidence): void {
  const { campaign } = ctx;
  const known = campaign.findings.findIndex((f, i) => sameTarget(targetOf(f, campaign.signatures[i]), target) && isPartOf(f.changes, drawn.changes));
  if (known !== -1) {
    showsAgain(campaign.findings[known], drawn.index);
    return;
  }
  const property = target.kind === 'violation' ? target.property : null;
  if (campaign.findings.length >= FUZZ_LIMITS.findingsMax) {
    campaign.notMinimised.push({ kind: target.kind, property, config: drawn.index, runSeed: evidence.runSeed, changes: drawn.changes });
    return;
  }
  const minimal = minimiseFinding(ctx, drawn, target, evidence);
  // The same property under the same keys with other values (delivery.timeout.ms=3005 and 3110)
  // is one finding: the first one's files replay it.
  const keys = Object.keys(minimal.changes).join(',');
  const alike = campaign.findings.findIndex((f, i) => sameTarget(targetOf(f, campaign.signatures[i]), target) && Object.keys(f.changes).join(',') === keys);
  if (alike !== -1) {
    showsAgain(campaign.findings[alike], drawn.index);
    return;
  }
  campaign.findings.push(writtenFinding(ctx, drawn, target, minimal));
  campaign.signatures.push(target.kind === 'internal-error' ? target.signature : null);
}

/** The re-search of delta debugging: does the base plus `changes` still show `target`? */
function reSearch(ctx: FuzzContext, drawn: DrawnConfig, target: Target, evidence: Evidence, changes: ConfigChanges, cut: { byTime: boolean }): Evidence | null {
  const { deps, campaign, base } = ctx;
  let config: KmcConfig;
  try {
    config = base.resolve(...base.layers, changes);
  } catch (error) {
    if (error instanceof ConfigError) return null;
    throw error;
  }
  const judge = deps.judgeFor(config);
  const run = randomRun(deps.model, config, judge, { runSeed: evidence.runSeed, stepsMax: ctx.stepsMax });
  campaign.count({ events: run.events.length });
  campaign.progress();
  if (shows(run, target)) return { ...evidence, run, internalError: run.internalError };

  const searchSeed = subSeed(configSeed(ctx.seed, drawn.index), 'minimise');
  const search = randomSearch(deps.model, config, judge, {
    seed: searchSeed,
    runs: ctx.runsPerConfig,
    stepsMax: ctx.stepsMax,
    counts: (f) => target.kind === 'violation' && f.guaranteed && f.property === target.property,
    timeMs: campaign.remainingMs(),
    parallel: ctx.parallel,
    signal: campaign.options.signal,
    onProgress: (p) => campaign.progress(false, p.events),
  });
  campaign.count(search);
  // A re-search cut by --time (or an interruption) proves nothing: minimisation is then incomplete.
  if (search.status === 'budget-exhausted' || (search.status === 'interrupted' && search.internalError === null)) cut.byTime = true;
  if (target.kind === 'internal-error') {
    const error = search.internalError;
    if (error === null || !shows({ findings: [], internalError: error }, target)) return null;
    return { searchSeed, runIndex: search.runs - 1, runSeed: error.runSeed, run: null, internalError: error };
  }
  const violation = search.violations[0];
  return violation ? { searchSeed, runIndex: violation.runIndex, runSeed: violation.runSeed, run: violation.run, internalError: null } : null;
}

/** A finding minimised over its keys: the changes it needs, and a run that shows it under them. */
interface MinimalFinding {
  changes: ConfigChanges;
  evidence: Evidence;
  /** False when a budget cut delta debugging short. */
  complete: boolean;
}

/** Delta debugging over the keys `drawn` changed (minimiseKeys.ts, with reSearch as the test). */
function minimiseFinding(ctx: FuzzContext, drawn: DrawnConfig, target: Target, found: Evidence): MinimalFinding {
  const { campaign } = ctx;
  const cut = { byTime: false };
  const eventsBefore = campaign.events;
  const minimisation = minimiseKeys(Object.keys(drawn.changes), (kept) => reSearch(ctx, drawn, target, found, pickChanges(drawn.changes, kept), cut), {
    attemptsMax: FUZZ_LIMITS.keyMinimiseAttemptsMax,
    expired: () => campaign.wall.expired() || (campaign.options.signal?.aborted ?? false) || campaign.events - eventsBefore >= FUZZ_LIMITS.keyMinimiseEventsMax,
  });
  return { changes: pickChanges(drawn.changes, minimisation.kept), evidence: minimisation.evidence ?? found, complete: minimisation.complete && !cut.byTime };
}

/** Minimises a finding's events, writes its scenario and counterexample files, and describes it. */
function writtenFinding(ctx: FuzzContext, drawn: DrawnConfig, target: Target, minimal: MinimalFinding): FuzzFinding {
  const { campaign, scenario, set, deps } = ctx;
  const { changes, evidence } = minimal;
  const name = findingName(scenario.name, drawn.index);
  const what = target.kind === 'violation' ? `${target.property}, which Kafka guarantees under this config` : `a model assertion (${describeInternalError(evidence.internalError!)})`;
  const doc =
    `Found by kmc fuzz --scenario ${campaign.options.scenarioRef ?? scenario.name} --seed ${ctx.seed} (config ${drawn.index}): ${what}. ` +
    `Changed from the base: ${changesText(changes)}. The seed and run budget re-run the search up to the run that shows it (run seed ${evidence.runSeed}).`;
  const dir = ctx.outDir === null ? null : join(ctx.outDir, `fuzz-${safe(ctx.seed)}`);
  const replayScenario = findingScenario(scenario, set, changes, name, evidence, doc);
  const scenarioFile = dir === null ? null : writeFileAtomic(dir, `${name}.json`, formatScenarioFile(replayScenario));
  const context =
    scenarioFile === null
      ? scenarioContext(scenario, { outDir: null, scenarioRef: campaign.options.scenarioRef ?? scenario.name, set: { ...set, ...asSetFlags(changes) } }, deps)
      : scenarioContext(replayScenario, { outDir: dir, scenarioRef: scenarioFile }, deps);
  const bySeed = replaySeedCommand(context.scenarioRef, evidence.runSeed, context.set);
  const search = scenarioFile === null ? [] : [checkCommand(scenarioFile)];

  let violation: ViolationReport | null = null;
  if (target.kind === 'violation') {
    const run = evidence.run!;
    const only: RandomSearchResult<ModelEvent> = {
      status: 'violated',
      runs: 1,
      events: run.events.length,
      violations: [{ runIndex: evidence.runIndex, runSeed: evidence.runSeed, run: { ...run, findings: run.findings.filter((f) => f.property === target.property) } }],
      internalError: null,
    };
    // As many shrink attempts as fit the event budget, at the run's length each (at least a few).
    const attemptsMax = Math.min(SEARCH_LIMITS.shrinkAttemptsMax, Math.max(8, Math.floor(FUZZ_LIMITS.shrinkEventsMax / Math.max(1, run.events.length))));
    violation = reportsFromRandom(context, only, { attemptsMax, expired: () => campaign.wall.expired() })[0];
  }
  const first = violation?.file ? [violation.replay] : [];
  return {
    kind: target.kind,
    property: target.kind === 'violation' ? target.property : null,
    summary: violation ? violation.doc : describeInternalError(evidence.internalError!),
    configs: [drawn.index],
    configsShowing: 1,
    changes,
    changesDrawn: drawn.changes,
    keysMinimised: minimal.complete,
    runSeed: evidence.runSeed,
    scenarioFile,
    counterexample: violation?.file ?? null,
    replay: [...first, bySeed, ...search],
    violation,
    internalError: evidence.internalError ? describeInternalError(evidence.internalError) : null,
  };
}
