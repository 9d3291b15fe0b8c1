/**
 * `kmc fuzz`: a search for configurations that break a guarantee (fuzz.ts), over the config
 * space of space.ts.
 */
export { fuzzScenario } from './fuzz.ts';
export { asSetFlags, changesText, isPartOf, pickChanges, type ConfigChanges, type ConfigValue } from './changes.ts';
export { FUZZ_SPACE, FUZZ_MODELS, isExcluded, type FuzzModel, type KeyExclusion, type KeyFuzz, type KeyRange } from './space.ts';
export { VARY_ALL, keysOfModel, rangeOf, varyKeys } from './vary.ts';
export { configSeed, drawConfig, drawOrder, EQUAL_TO_BASE, type DrawFailure, type DrawnConfig, type DrawOutcome, type FuzzBase } from './draw.ts';
export { minimiseKeys, type KeyMinimisation, type KeyMinimiseOptions } from './minimiseKeys.ts';
export type { FuzzFinding, FuzzFindingNotMinimised, FuzzOptions, FuzzProgress, FuzzResult, FuzzStop } from './types.ts';
