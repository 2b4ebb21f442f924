// The extension loads its core only for files that look like workflows (src/core/formats/fileNames.ts):
// that test must never miss a workflow, and must turn away the YAML and JSON every project has.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { looksLikeWorkflow, mayBeWorkflowFile } from '../../src/core/formats/fileNames';
import { readWorkflow } from '../../src/core/formats/workflowFile';
import { companionReader } from '../../src/core/files';
import { CORPUS, describeWithShared } from './shared';

const root = path.resolve(__dirname, '../../..');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full) : mayBeWorkflowFile(full) ? [full] : [];
  });
}

/** Files the core reads as workflows that the cheap test would have turned away. */
function missed(files: string[]): string[] {
  return files.filter((file) => {
    const text = fs.readFileSync(file, 'utf8');
    return readWorkflow(file, text, { read: companionReader(file) }).kind === 'workflow' && !looksLikeWorkflow(file, text);
  });
}

describe('the cheap test for workflow files', () => {
  it('passes every example and test fixture that is a workflow', () => {
    const files = [...filesUnder(path.join(root, 'examples')), ...filesUnder(path.join(root, 'test/fixtures'))];
    assert.ok(files.length >= 10, `${files.length} files`);
    assert.deepEqual(missed(files).map((f) => path.relative(root, f)), []);
  });

  it('turns away the YAML and JSON every project has', () => {
    const others: [string, string][] = [
      ['package.json', '{"name": "x", "version": "1.0.0", "description": "A tool", "scripts": {"test": "mocha"}, "dependencies": {"yaml": "^2"}}'],
      ['tsconfig.json', '{"compilerOptions": {"strict": true, "target": "ES2022"}, "include": ["src"]}'],
      ['.vscode/settings.json', '{"editor.formatOnSave": true, "files.exclude": {"out": true}}'],
      ['docker-compose.yml', 'services:\n  web:\n    image: nginx\n    ports: ["80:80"]\n'],
      ['.github/workflows/ci.yml', 'name: CI\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm test\n'],
      ['action.yml', 'name: Build\ndescription: Builds it\ninputs:\n  token:\n    description: A token\nruns:\n  using: node20\n  main: index.js\n'],
      ['k8s/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  template:\n    spec:\n      containers: [{ name: web, image: nginx }]\n'],
      ['openapi.yaml', 'openapi: 3.0.0\ninfo: { title: API, version: "1" }\npaths: {}\ncomponents:\n  schemas:\n    Pet: { type: object, description: A pet }\n'],
      ['.eslintrc.json', '{"rules": {"eqeqeq": "error"}}'],
      ['notes.md', '# providers: and prompts: in prose'],
    ];
    for (const [file, text] of others) assert.equal(looksLikeWorkflow(file, text), false, file);
  });
});

describeWithShared(CORPUS, 'the cheap test on the shared corpus', () => {
  it('passes every corpus file the core reads as a workflow', function () {
    this.timeout(120_000);
    const files = filesUnder(CORPUS);
    assert.ok(files.length > 250);
    assert.deepEqual(missed(files).map((f) => path.relative(CORPUS, f)), []);
  });
});
