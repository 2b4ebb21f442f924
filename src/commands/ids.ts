// Every command id, as contributed in package.json.
export const enum CommandId {
  EstimateFile = 'agentCost.estimateFile',
  EstimateWorkspace = 'agentCost.estimateWorkspace',
  CompareModels = 'agentCost.compareModels',
  ExportReport = 'agentCost.exportReport',
  OpenPanel = 'agentCost.openPanel',
  SelectCatalog = 'agentCost.selectCatalog',
  ImportLiteLLM = 'agentCost.importLiteLLM',
  ShowLog = 'agentCost.showLog',
  TryStepAlternative = 'agentCost.tryStepAlternative',
  OpenExample = 'agentCost.openExample',
  CompareWithBranch = 'agentCost.compareWithBranch',
  Calibrate = 'agentCost.calibrate',
}

export const PANEL_VIEW_ID = 'agentCost.panel';
