/** The ghost entries the last step added (entries carry the step that recorded them). */
export function entriesOfLastStep<T extends { step: number }>(entries: readonly T[], step: number): T[] | null {
  let first = entries.length;
  while (first > 0 && entries[first - 1].step === step) first--;
  return first === entries.length ? null : entries.slice(first);
}
