// The core (parsers, schema check, catalog, estimator, reports) is a chunk of its own,
// dist/core.js, loaded on the first file that looks like a workflow: activation loads only the
// wiring, and a window with no workflow never loads it.
import type * as Core from './core/api';

export type CoreApi = typeof Core;

let loaded: CoreApi | undefined;

export function core(): CoreApi {
  // The extension's bundle maps this require to ./core.js beside it (see esbuild.js).
  loaded ??= require('./core/api') as CoreApi;
  return loaded;
}

/** Whether the core has been loaded in this extension host (for the activation tests). */
export function coreLoaded(): boolean {
  return loaded !== undefined;
}
