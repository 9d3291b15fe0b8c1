/**
 * Bad usage or bad input on the command line: exit 2, one line on stderr naming the input and
 * the rule broken ("--runs 0: must be a whole number from 1 to 1,000,000,000").
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
