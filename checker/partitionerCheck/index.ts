/** `check-partitioner` as a library: contract checks, load statistics, comparison with the built-ins. */
export { checkPartitionerContract, CONTRACT_TOPIC, type ContractOptions, type ContractResult } from './contract.ts';
export { describeBytes, findingInput, formatContractFinding, type ContractFinding, type FindingInput } from './finding.ts';
export {
  KEY_SETS,
  LOAD_TOPIC,
  generateKeySet,
  generateKeyUniverse,
  generateLoadWorkload,
  loadOf,
  partitionerLoadStats,
  resolveLoadStatsOptions,
  type GrowthRemap,
  type KeySetLoad,
  type KeySetName,
  type LoadStatsOptions,
  type LoadStatsResult,
  type LoadWorkload,
} from './loadStats.ts';
export { chiSquareUniform, logGamma, regularizedGammaP, regularizedGammaQ, type ChiSquareResult } from './chiSquare.ts';
export {
  COMPARED_BUILT_INS_DEFAULT,
  comparePartitioners,
  comparisonTable,
  renderComparisonTable,
  type CompareOptions,
  type Comparison,
  type ComparisonMetric,
  type ComparisonRow,
  type ComparisonTable,
} from './compare.ts';
export {
  checkPartitionerModule,
  renderPartitionerCheck,
  type PartitionerCheckOptions,
  type PartitionerCheckResult,
  type PartitionerChecked,
  type PartitionerUnusable,
} from './checkPartitioner.ts';
