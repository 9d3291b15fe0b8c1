/** A failed internal consistency check: a bug in the model, never a finding (exit 3). */
export class ModelAssertionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelAssertionError';
  }
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new ModelAssertionError(message);
}

export function assertNever(value: never, what: string): never {
  throw new ModelAssertionError(`unhandled ${what}: ${JSON.stringify(value)}`);
}
