/** "Did you mean" hints for scenario names, property names, file fields, flags and commands. */
export { didYouMean, editDistance, nearestName } from '../model/kernel/nearestName.ts';
