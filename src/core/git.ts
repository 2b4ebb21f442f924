// Every git command the extension and the CLI run goes through runGit. A repository is data that a
// stranger may have written (a pull request, a downloaded archive or a prepared checkout carries
// its .git/config, .gitattributes and hooks), and git runs programs that its config names. So:
//
// - Only commands that read objects and refs run (READ_ONLY): none reads the work tree or the
//   index, so no clean, smudge or process filter and no textconv driver applies. Drivers are
//   named by the repository (`filter.<name>.clean`, `diff.<name>.textconv`, chosen by its
//   attributes), so no `-c` could list them all: never running a command that applies them is
//   what makes this hold. Blobs are read by the object ids `ls-tree -z` gives, never by path.
//   With no diff, log or show, `--no-ext-diff` and `--no-textconv` have no command to apply to.
// - The settings that make even these commands run a program are overridden (NEUTRAL): the
//   fsmonitor hook, hooks, pagers and the external diff; and `protocol.allow=never` refuses every
//   transport, so a partial clone's lazy fetch of a missing object runs no ssh (`core.sshCommand`),
//   remote helper or `remote.<name>.uploadpack`.
// - The environment: the caller's GIT_* variables are dropped (a GIT_DIR, GIT_EXTERNAL_DIFF or
//   GIT_CONFIG_* from a hook or a terminal would point git elsewhere or run programs); no prompt
//   waits, no lazy fetch (git ≥ 2.44), no optional lock (a read never writes the index). The
//   system and global config are the user's own and stay read.
// - git is looked up from a folder that is not the repository's (Windows runs a program found in
//   the current folder before PATH), and given the repository with -C.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const READ_ONLY = new Set(['rev-parse', 'symbolic-ref', 'ls-tree', 'cat-file']);

const NEUTRAL = [
  'core.fsmonitor=false',
  'core.hooksPath=/dev/null',
  'core.pager=cat',
  'diff.external=',
  'protocol.allow=never',
].flatMap((setting) => ['-c', setting]);

/** The caller's variables that keep their meaning: where repositories are looked for. */
const KEPT_GIT_VARIABLES = new Set(['GIT_CEILING_DIRECTORIES', 'GIT_DISCOVERY_ACROSS_FILESYSTEM']);

function gitEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.toUpperCase().startsWith('GIT_') || KEPT_GIT_VARIABLES.has(key)) env[key] = value;
  return { ...env, GIT_TERMINAL_PROMPT: '0', GIT_NO_LAZY_FETCH: '1', GIT_OPTIONAL_LOCKS: '0' };
}

/** Git's output is read whole: a listing, or a batch of files each under the size limit. */
const MAX_GIT_OUTPUT = 512 * 1024 * 1024;

export interface GitResult {
  ok: boolean;
  stdout: Buffer;
  /** Why it failed, one line: git's message, or the spawn error's. */
  stderr: string;
}

/**
 * Runs `git -C <repository> <args>` (or `git --git-dir=<dir>` for `{ gitDir }`), feeding `input`;
 * only the read-only commands above run.
 */
export function runGit(repository: string | { gitDir: string }, args: readonly string[], input?: string): GitResult {
  if (!READ_ONLY.has(args[0])) throw new Error(`git ${args[0]} is not one of the commands Agent Cost Lens runs`);
  const where = typeof repository === 'string' ? ['-C', path.resolve(repository)] : [`--git-dir=${path.resolve(repository.gitDir)}`];
  const r = spawnSync('git', [...where, ...NEUTRAL, ...args], {
    cwd: path.dirname(process.execPath), env: gitEnvironment(), input, maxBuffer: MAX_GIT_OUTPUT, windowsHide: true,
  });
  const stderr = r.error ? r.error.message : (r.stderr ?? Buffer.alloc(0)).toString('utf8').trim().split('\n')[0].slice(0, 300);
  return { ok: r.status === 0 && !r.error, stdout: r.stdout ?? Buffer.alloc(0), stderr };
}
