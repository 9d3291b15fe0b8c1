/**
 * The group state's fingerprint (Model.fingerprint): a hash of the state minus the config and the
 * assignors (shared, immutable) and the step counter (path-dependent), in which equal states hash
 * equal whatever path reached them. state.faultCounts is a dictionary (fault kind -> count) whose
 * keys appear in the order faults first happened (a crash then a pause gives {total, crash,
 * pause}, the other order {total, pause, crash}); it is hashed as entries sorted by key, names
 * included, as the cluster model does (model/cluster/fingerprint.ts).
 */
import { hashPlain, sortedEntries } from '../kernel/plainData.ts';
import type { GroupModelState } from './types.ts';

const SKIP = ['config', 'assignors', 'stepCount'];

export function groupFingerprint(state: GroupModelState): string {
  const canonical = { ...state, faultCounts: sortedEntries(state.faultCounts) };
  return hashPlain(canonical as unknown as Record<string, unknown>, SKIP);
}
