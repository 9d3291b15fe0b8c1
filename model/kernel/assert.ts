/** A failed internal consistency check: a bug in the model, never a finding (exit 3). */
export class ModelAssertionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelAssertionError';
  }
}

/**
 * Throws a ModelAssertionError with `message` unless `condition` holds. A message that formats
 * values is better given as a function (`() => \`no broker ${id}\``): the model asserts on every
 * step, and a message built eagerly costs its formatting every time although it is only read when
 * the assertion fails.
 */
export function assert(condition: unknown, message: string | (() => string)): asserts condition {
  if (!condition) throw new ModelAssertionError(typeof message === 'function' ? message() : message);
}

export function assertNever(value: never, what: string): never {
  throw new ModelAssertionError(`unhandled ${what}: ${JSON.stringify(value)}`);
}
