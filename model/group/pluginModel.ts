/**
 * The group model with assignor plugins (`kmc check-assignor`, issue 4 items 7-8b): the same
 * model, whose runs may name the given assignors in partition.assignment.strategy and whose group
 * leaders call them synchronously when they compute the assignment for SyncGroup
 * (ConsumerCoordinator.onLeaderElected). The assignors travel in the state as a dependency, like
 * `config`: shared by clones, left out of fingerprints, never recorded in traces.
 *
 * Every assign() call must be a pure function of its input for runs to replay: a plugin behind a
 * worker thread (checker/plugins/assignorPlugin.ts) is; its time bound and error handling are the
 * caller's. An assign() that throws ends the run like any exception from the model; the checker
 * attributes it to the plugin (checker/assignorCheck/scenarios.ts).
 */
import type { KmcConfig } from '../config.ts';
import type { Model } from '../kernel/model.ts';
import type { Assignor } from '../assignors/types.ts';
import { groupModel } from './index.ts';
import type { GroupEvent } from './events.ts';
import { initGroupModel } from './init.ts';
import type { GroupModelState } from './types.ts';

export function groupModelWith(assignors: readonly Assignor[]): Model<GroupModelState, GroupEvent, KmcConfig> {
  if (assignors.length === 0) return groupModel;
  return { ...groupModel, init: (config) => initGroupModel(config, assignors) };
}
