#!/usr/bin/env node
// The `kmc` launcher: registers tsx's ESM loader so Node 20 runs the TypeScript sources as they
// are, then hands the arguments to cli/main.ts. The exit code comes from main.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
