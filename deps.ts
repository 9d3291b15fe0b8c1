/**
 * The deps of kmc's two models (the model, and the judge for a run's config), each with the
 * recipe a worker thread (--workers, checker/parallel/) follows to build the same deps: this
 * module's URL and the model's name. A worker imports only this module, so it starts without
 * loading the CLI, the reports or the scenarios.
 */
import type { CheckDeps } from './checker/api.ts';
import { clusterModel } from './model/cluster/index.ts';
import { groupModel, groupModelWith } from './model/group/index.ts';
import type { Assignor } from './model/assignors/types.ts';
import { createClusterJudge } from './properties/index.ts';
import { createGroupJudge } from './properties/group/index.ts';

/** What a worker thread is told to build: the deps of a built-in model. */
export type RemoteDepsArgs = { model: 'cluster' | 'group' };

const remote = (args: RemoteDepsArgs): CheckDeps['remote'] => ({ module: import.meta.url, args });

/** What the engines need for the cluster model: the model, and the judge for a run's config. */
export const clusterDeps: CheckDeps = { model: clusterModel, judgeFor: createClusterJudge, remote: remote({ model: 'cluster' }) };

/** What the engines need for the consumer-group model (scenarios with model: 'group'). */
export const groupDeps: CheckDeps = { model: groupModel, judgeFor: createGroupJudge, remote: remote({ model: 'group' }) };

/** The group model whose runs may also name these assignors (plugins) in partition.assignment.strategy. */
export function groupDepsWith(assignors: readonly Assignor[]): CheckDeps {
  if (assignors.length === 0) return groupDeps;
  return { model: groupModelWith(assignors), judgeFor: createGroupJudge, configExtensions: { assignors } };
}

/** This module, for worker threads that build deps (check-assignor's scenario tasks import groupDepsWith from it). */
export const DEPS_MODULE = import.meta.url;

/** The deps a worker thread builds from a recipe above (checker/parallel/runWorkerMain.ts). */
export function remoteDeps(args: RemoteDepsArgs): CheckDeps {
  return args.model === 'group' ? groupDeps : clusterDeps;
}
