/**
 * The real wiring of the commands to kmc. Modules load on first use, so `kmc --help` and bad
 * usage answer without loading the model, and `kmc scenarios` without loading the engines.
 */
import type { CliDeps } from './deps.ts';

export const realDeps: CliDeps = {
  async loadScenarios() {
    const { BUILTIN_SCENARIOS } = await import('../scenarios/registry.ts');
    return BUILTIN_SCENARIOS;
  },
  async loadPropertyNames() {
    const { PROPERTIES } = await import('../properties/index.ts');
    const { GROUP_PROPERTIES } = await import('../properties/group/index.ts');
    return [...PROPERTIES, ...GROUP_PROPERTIES].map((p: { name: string }) => p.name);
  },
  async check(scenario, options) {
    const kmc = await import('../index.ts');
    return kmc.runScenario(scenario, options);
  },
  async explore(scenario, options) {
    const kmc = await import('../index.ts');
    return kmc.exploreClusterScenario(scenario, options);
  },
  async replayFile(file, options) {
    const kmc = await import('../index.ts');
    return kmc.replayCounterexampleFile(file, options.assignor === undefined ? {} : { assignor: options.assignor });
  },
  async replaySeed(scenario, { onProgress: _, ...options }) {
    const kmc = await import('../index.ts');
    return kmc.replayScenarioSeed(scenario, options);
  },
  async checkPartitioner(modulePath, request) {
    const kmc = await import('../index.ts');
    return kmc.checkPartitioner(modulePath, request);
  },
  async checkAssignor(modulePath, request) {
    const kmc = await import('../index.ts');
    return kmc.checkAssignor(modulePath, request);
  },
  async fuzz(scenario, options) {
    const kmc = await import('../index.ts');
    return kmc.runFuzz(scenario, options);
  },
};
