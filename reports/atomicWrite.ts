/**
 * Writing a result file so that a reader never sees it half-written: the text goes to a
 * temporary file in the same directory, which is then renamed into place.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes `text` to `dir/fileName` (the directory is created if missing) and returns the path. */
export function writeFileAtomic(dir: string, fileName: string, text: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, fileName);
  const temporary = join(dir, `.${fileName}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  return path;
}
