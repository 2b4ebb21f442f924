// The core as the extension loads it: one chunk (dist/core.js) with the parsers, the schema check,
// the catalog, the estimator and the reports, required on the first file that looks like a
// workflow (see src/coreLoader.ts), so that activation loads only the wiring.
export { closest as nearestName } from 'fastest-levenshtein';
export { bundledCatalog, type Catalog } from './catalog/catalog';
export { looksLikeLiteLLM } from './catalog/litellm';
export { readCatalogText } from './catalog/userCatalog';
export { today } from './dates';
export { compareWithModel } from './estimate/compare';
export { estimateAtRevision } from './diff/atRevision';
export { costDiff } from './diff/costDiff';
export { diffMarkdown } from './reports/diffReport';
export { renamesSince } from './diff/renames';
export { defaultBase, openRevision } from './revision';
export { estimateWorkflow, failedEstimate, type EstimateOptions } from './estimate/estimate';
export { readForEdit, readTextFile, resolveReference, writeFileAtomic } from './files';
export { emptyWorkflow } from './formats/emptyWorkflow';
export { sidecarName } from './formats/sidecar';
export { withDeployment } from './formats/sidecarEdit';
export { readWorkflow, type FileReading } from './formats/workflowFile';
export { loopSeries, workflowSeries } from './panel/compounding';
export { panelData } from './panel/panelData';
export { comparisonReport } from './reports/comparison';
export { csvReport } from './reports/csv';
export { lensTitle, modelHover, stepHover, workflowHover } from './reports/explain';
export { usd } from './reports/format';
export { jsonReport, workflowJson } from './reports/json';
export { markdownReport } from './reports/markdown';
export { observedLine } from './reports/observed';
export { observedWorkflow } from './observed/compare';
export { calibrate } from './observed/calibrate';
export { sidecarEdits } from './observed/sidecarEdits';

