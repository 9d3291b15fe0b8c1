/**
 * Which errors are bad input (exit 2, one line, no stack trace) and which are internal (exit 3).
 * Errors are told apart by name, so the CLI need not load a module to recognise its errors.
 */

/**
 * Bad input: the user's arguments, config, scenario file or counterexample file broke a rule
 * (ReplayError: a recorded event the model no longer offers, or a seed and path that lead nowhere).
 */
export const BAD_INPUT_ERRORS: readonly string[] = ['UsageError', 'ConfigError', 'ScenarioFileError', 'UnknownScenarioError', 'CounterexampleError', 'ReplayError'];

export function isBadInput(error: unknown): error is Error {
  return error instanceof Error && BAD_INPUT_ERRORS.includes(error.name);
}

/** A failed model assertion: a bug in the model, reported as such. */
export function isModelAssertion(error: unknown): error is Error {
  return error instanceof Error && error.name === 'ModelAssertionError';
}

export function errorMessage(error: unknown): string {
  return oneLine(error instanceof Error ? error.message : String(error));
}

export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
