/**
 * Where the CLI writes, and the few facts it reads about its terminal. Commands take an Io so
 * tests can run them in memory; processIo() is the real one.
 */
export interface Io {
  /** stdout: the report (text, or exactly one JSON document with --json). */
  out(text: string): void;
  /** stderr: progress and errors. */
  err(text: string): void;
  /** Whether stderr is a terminal (a single updating progress line) or not (plain lines). */
  errIsTTY: boolean;
  /** Width of the stderr terminal, to keep the progress line on one line. */
  errColumns: number;
  /** Wall-clock milliseconds, read only to pace progress output. */
  nowMs(): number;
}

/**
 * A reader that goes away (`kmc check | head`) is not an error: writes to that stream stop, the
 * run goes on, and the exit code is still the one the results call for.
 */
function closableWriter(stream: NodeJS.WriteStream): (text: string) => void {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed = true;
  });
  return (text) => {
    if (!closed) stream.write(text);
  };
}

export function processIo(): Io {
  return {
    out: closableWriter(process.stdout),
    err: closableWriter(process.stderr),
    errIsTTY: Boolean(process.stderr.isTTY),
    errColumns: process.stderr.columns || 80,
    nowMs: () => performance.now(),
  };
}
