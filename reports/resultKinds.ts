/**
 * Telling results apart: an explore result carries the extent of the state space it searched.
 */
import type { ExploreResult, ScenarioResult } from '../checker/api.ts';

export function isExploreResult(result: ScenarioResult): result is ExploreResult {
  return 'depthReached' in result && 'transitions' in result;
}
