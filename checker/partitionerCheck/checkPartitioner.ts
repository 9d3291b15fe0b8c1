/**
 * `kmc check-partitioner MODULE` as a library call: load the plugin (exit 2 when unusable), check
 * its contract, measure its load next to the built-ins (exit 1 when a rule is broken). The
 * end-to-end fault scenarios of the issue (ordering and loss under retries) are run elsewhere.
 */
import { PluginLoadError, type PluginLoadRule } from '../plugins/loadModule.ts';
import type { PartitionerHandle } from '../plugins/partitionerHandle.ts';
import { loadPartitionerPlugin, type PluginHostOptions } from '../plugins/partitionerHost.ts';
import { comparePartitioners, renderComparisonTable, type CompareOptions, type ComparisonTable } from './compare.ts';
import { checkPartitionerContract, type ContractOptions, type ContractResult } from './contract.ts';
import { formatContractFinding, type ContractFinding } from './finding.ts';
import type { LoadStatsResult } from './loadStats.ts';

export interface PartitionerCheckOptions extends PluginHostOptions {
  contract?: ContractOptions;
  load?: CompareOptions;
}

export interface PartitionerUnusable {
  status: 'unusable';
  module: string;
  rule: PluginLoadRule;
  detail: string;
  exitCode: 2;
}

export interface PartitionerChecked {
  status: 'passed' | 'violated';
  module: string;
  plugin: string;
  style: PartitionerHandle['style'];
  contract: ContractResult;
  comparison: ComparisonTable;
  loadStats: LoadStatsResult[];
  /** Every rule the plugin broke: contract findings, then a measurement failure of another rule. */
  findings: ContractFinding[];
  exitCode: 0 | 1;
}

export type PartitionerCheckResult = PartitionerUnusable | PartitionerChecked;

/** Checks one partitioner module; never throws for a bad module (it is reported). */
export async function checkPartitionerModule(modulePath: string, options: PartitionerCheckOptions = {}): Promise<PartitionerCheckResult> {
  let handle: PartitionerHandle;
  try {
    handle = await loadPartitionerPlugin(modulePath, options);
  } catch (thrown) {
    if (thrown instanceof PluginLoadError) return { status: 'unusable', module: modulePath, rule: thrown.rule, detail: thrown.detail, exitCode: 2 };
    throw thrown;
  }
  try {
    const contract = await checkPartitionerContract(handle, options.contract);
    const comparison = await comparePartitioners(handle, options.load);
    const findings = [...contract.findings];
    const measuring = comparison.stats[0].failure;
    if (measuring !== null && !findings.some((f) => f.rule === measuring.rule)) findings.push(measuring);
    const violated = findings.length > 0;
    return {
      status: violated ? 'violated' : 'passed',
      module: modulePath,
      plugin: handle.name,
      style: handle.style,
      contract,
      comparison: comparison.table,
      loadStats: comparison.stats,
      findings,
      exitCode: violated ? 1 : 0,
    };
  } finally {
    await handle.close();
  }
}

/** The result as text: verdict, findings, the side-by-side table. */
export function renderPartitionerCheck(result: PartitionerCheckResult): string {
  if (result.status === 'unusable') return `${result.module}: unusable partitioner module (${result.rule}): ${result.detail}`;
  const lines = [
    `${result.plugin} (${result.module}, ${result.style} style): ${result.status === 'passed' ? 'contract holds' : `${result.findings.length} rule${result.findings.length === 1 ? '' : 's'} broken`} (seed ${result.contract.seed})`,
  ];
  for (const finding of result.findings) lines.push(formatContractFinding(finding));
  if (result.contract.stoppedEarly) lines.push("(contract checks stopped after a call that hung or ended the plugin's thread)");
  lines.push('', renderComparisonTable(result.comparison));
  return lines.join('\n');
}
