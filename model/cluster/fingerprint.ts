/**
 * The cluster state's fingerprint (Model.fingerprint): a hash of the state minus the config
 * (shared, immutable) and the step counter (path-dependent), in which equal states hash equal
 * whatever path reached them. hashPlain hashes nested objects by their values in key order (their
 * key names stand for a fixed shape), which is right for records the code builds in one shape but
 * not for the two dictionaries of the state, whose keys appear in the order events first touched
 * them: state.faultCounts (a fault kind -> count; a cut then an election gives {total, link,
 * elect}, the other order {total, elect, link}) and state.ghost.minIsrWrites (record value ->
 * write). Those are hashed as [key, value] entries sorted by key, names included.
 */
import { hashPlain, sortedEntries } from '../kernel/plainData.ts';
import type { ClusterState } from './types.ts';

const SKIP = ['config', 'stepCount'];

export function clusterFingerprint(state: ClusterState): string {
  const canonical = {
    ...state,
    faultCounts: sortedEntries(state.faultCounts),
    ghost: { ...state.ghost, minIsrWrites: sortedEntries(state.ghost.minIsrWrites) },
  };
  return hashPlain(canonical as unknown as Record<string, unknown>, SKIP);
}
