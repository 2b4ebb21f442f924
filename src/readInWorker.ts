// Observation files read in a worker thread (dist/observeWorker.js), bounded: its heap is capped
// (resourceLimits) and it is stopped after a timeout, so that a huge or hostile file costs the
// extension host neither its memory nor its time. What comes back is each file's calls, or a
// short error: never the file's text. No `vscode` here, so that a unit test runs it.
import type { Worker as WorkerThread } from 'node:worker_threads';
import type { ObservationResult } from './core/observed/readers';

export interface WorkerLimits {
  /** The thread's V8 heap, in MB. */
  heapMb: number;
  timeoutMs: number;
}

/** A 100 MB trace export reads in a few seconds under a few hundred MB. */
export const WORKER_LIMITS: WorkerLimits = { heapMb: 1024, timeoutMs: 120_000 };

/** Each file's observations, or why it cannot be read; every file's error where the reader itself fails. */
export function readInWorker(workerFile: string, files: readonly string[], limits = WORKER_LIMITS): Promise<ObservationResult[]> {
  // worker_threads is loaded when first needed: activation does not pay for it
  const { Worker } = require('node:worker_threads') as { Worker: typeof WorkerThread };
  return new Promise((resolve) => {
    const failed = (why: string) => resolve(files.map((f) => ({ error: `${f}: ${why}` })));
    const worker = new Worker(workerFile, { workerData: [...files], resourceLimits: { maxOldGenerationSizeMb: limits.heapMb } });
    const timer = setTimeout(() => {
      failed(`not read within ${limits.timeoutMs / 1000} s: split the file`);
      void worker.terminate();
    }, limits.timeoutMs);
    worker.once('message', (results: ObservationResult[]) => {
      clearTimeout(timer);
      resolve(results);
      void worker.terminate();
    });
    worker.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      failed(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `reading it would take more than ${limits.heapMb} MB: split the file` : `the reader failed (${e.message.slice(0, 200)})`);
    });
    worker.once('exit', (code) => {
      clearTimeout(timer);
      if (code !== 0) failed(`the reader stopped (exit code ${code})`);
    });
  });
}
