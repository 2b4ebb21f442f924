// The project's shared reference folder (../shared beside the clone): the corpus of real public
// config files and the reference data. CI has it; a contributor's fresh clone does not. Suites
// that need it run only where it exists; elsewhere each says so in one line and is not run
// (never counted as passed).
import fs from 'node:fs';
import path from 'node:path';

export const SHARED = path.resolve(__dirname, '../../../../shared');
export const CORPUS = path.join(SHARED, 'corpus');
export const SHARED_DATA = path.join(SHARED, 'data');

/** Registers the suite where `folder` exists; prints why it is not run otherwise. */
export function describeWithShared(folder: string, title: string, suite: (this: Mocha.Suite) => void): void {
  if (fs.existsSync(folder)) {
    describe(title, suite);
    return;
  }
  console.log(`  not run: "${title}" needs ${path.relative(process.cwd(), folder) || folder}, which this clone does not have (CI has it)`);
}

/** A single test that needs `file`, registered where it exists, noted in one line otherwise. */
export function itWithShared(file: string, title: string, test: (this: Mocha.Context) => void): void {
  if (fs.existsSync(file)) {
    it(title, test);
    return;
  }
  console.log(`  not run: "${title}" needs ${path.relative(process.cwd(), file) || file}, which this clone does not have (CI has it)`);
}
