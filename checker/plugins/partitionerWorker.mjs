// Entry of a partitioner plugin's worker thread: loads the TypeScript worker through tsx's ESM
// API (Node 20 cannot run TypeScript by itself; ../shared/TOOLCHAIN.md) and hands it this
// file's own import(), which resolves JavaScript plugins with plain Node rules.
import { tsImport } from 'tsx/esm/api';

const main = await tsImport('./partitionerWorkerMain.ts', import.meta.url);
main.startWorker((url) => import(url));
