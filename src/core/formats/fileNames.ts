// Which files may hold a workflow, by name and by their text, without parsing: the extension asks
// this for every YAML, JSON and Prompty file it sees, and loads the core only when the answer is
// yes. Dependency-free, so it costs nothing at activation. A superset of what the adapters
// recognise: a false "yes" only loads the core, a false "no" would hide a workflow (the corpus
// test checks there is none).

export const AGENTFLOW_FILE = /(?:^|[\\/])(?:[^\\/]*\.)?agentflow\.(?:ya?ml|json)$/i;
export const SIDECAR_FILE = /\.agentcost\.ya?ml$/i;
export const PROMPTY_FILE = /\.prompty$/i;
export const DATA_FILE = /\.(ya?ml|jsonc?)$/i;

/** Names that tell a file's format (its content is still checked). */
export const CLAIMED_NAMES = {
  promptfoo: /(^|[\\/])promptfooconfig[^\\/]*\.(ya?ml|json)$/i,
  crewai: /(^|[\\/])(crew\.jsonc|config[\\/](agents|tasks)\.ya?ml)$/i,
  promptflow: /(^|[\\/])flow\.(dag|flex)\.ya?ml$/i,
} as const;

/** The file's name without folders and the agentflow suffix: a workflow's name when it gives none. */
export function workflowNameFromFile(file: string): string {
  const base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  return base.replace(/\.?agentflow\.(ya?ml|json)$/i, '') || base;
}

export function isAgentflowFile(path: string): boolean {
  return AGENTFLOW_FILE.test(path);
}

/** Files worth reading to find out (by content) whether they are workflows. */
export function mayBeWorkflowFile(path: string): boolean {
  return (DATA_FILE.test(path) || PROMPTY_FILE.test(path)) && !SIDECAR_FILE.test(path);
}

/** Keys written in YAML (`key:`, `- key:`, `"key":`) or JSON (`"key":`). */
const KEY = /(?:^|[\s{,[])["']?([A-Za-z_][\w-]*)["']?[ \t]*:(?=\s|$)/gm;
/** Past this much text, a file is judged by its beginning (n8n exports are long: their signs come early). */
const SNIFF_CHARS = 512 * 1024;

function keysOf(text: string): Set<string> {
  const keys = new Set<string>();
  for (const m of text.slice(0, SNIFF_CHARS).matchAll(KEY)) keys.add(m[1]);
  return keys;
}

/**
 * True where the file may be a workflow of a format Agent Cost Lens reads: a name that says so,
 * or the keys one of the formats is recognised by (see each adapter's `recognize`).
 */
export function looksLikeWorkflow(path: string, text: string): boolean {
  if (!mayBeWorkflowFile(path)) return false;
  if (isAgentflowFile(path) || PROMPTY_FILE.test(path) || Object.values(CLAIMED_NAMES).some((re) => re.test(path))) return true;
  const k = keysOf(text);
  const any = (...names: string[]) => names.some((n) => k.has(n));
  return (any('providers', 'targets') && any('prompts', 'tests', 'redteam')) // promptfoo
    || (k.has('app') && any('workflow', 'model_config')) // Dify
    || (k.has('nodes') && any('connections', 'inputs', 'outputs')) // n8n, Prompt Flow
    || any('expected_output', 'backstory') || (k.has('role') && k.has('goal')) || (k.has('description') && k.has('agent')) // CrewAI
    || (k.has('agents') && k.has('tasks')) || text.includes('crewai.flow/')
    || k.has('component_type') || (k.has('components') && any('teams', 'agents')) // AutoGen Studio
    || k.has('execution_settings') || (k.has('template') && any('input_variables', 'template_format')) // Semantic Kernel
    || (k.has('type') && k.has('model') && /agent|assistant/i.test(text.slice(0, SNIFF_CHARS)));
}

/**
 * Files that show a workflow another listed file already shows, left out of reports so it is
 * counted once: a crew's agents.yaml beside its tasks.yaml.
 */
export function withoutSecondViews<T>(files: readonly T[], pathOf: (f: T) => string): T[] {
  const paths = new Set(files.map((f) => pathOf(f).replace(/\\/g, '/')));
  return files.filter((f) => {
    const m = /^(.*\/config\/)agents\.ya?ml$/i.exec(pathOf(f).replace(/\\/g, '/'));
    return !m || !(paths.has(`${m[1]}tasks.yaml`) || paths.has(`${m[1]}tasks.yml`));
  });
}
