// A worker thread that reads observation files (dist/observeWorker.js): a 100 MB trace export
// takes seconds to read, which the extension host must never spend blocked. It reads the files
// it is given and posts each one's observations, or why it cannot be read, then ends.
import { parentPort, workerData } from 'node:worker_threads';
import { readObservations } from './core/observed/readers';

const files: unknown = workerData;
parentPort?.postMessage(Array.isArray(files) ? files.filter((f): f is string => typeof f === 'string').map((f) => readObservations(f)) : []);
