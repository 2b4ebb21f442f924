// Random mutations of workflow files, for the robustness tests and the benchmark: deletions,
// insertions of YAML's special characters and extreme numbers, duplicated and swapped lines.
import type { Random } from '../../src/core/estimate/rng';

/** A case that takes this long has hung: speed itself is measured by `npm run bench`. */
export const HANG_GUARD_MS = 10_000;

const FRAGMENTS = ['-', ':', '[', ']', '{', '}', '&a', '*a', '!!str', '|', '>', '"', "'", '#', '\t', '\n', '  ', '-1', '1e308', 'NaN', '.inf', '0', '999999999', 'null', '~', 'after: [x]', 'model: nope', '[1, 0]', 'turns: 100000'];

export function mutate(text: string, random: Random): string {
  const pick = (n: number) => Math.floor(random() * n);
  let out = text;
  for (let k = 1 + pick(3); k > 0; k--) {
    const at = pick(out.length + 1);
    switch (pick(6)) {
      case 0: out = out.slice(0, at) + out.slice(at + 1 + pick(20)); break; // delete
      case 1: out = out.slice(0, at) + FRAGMENTS[pick(FRAGMENTS.length)] + out.slice(at); break; // insert
      case 2: { // duplicate a line
        const lines = out.split('\n');
        const i = pick(lines.length);
        lines.splice(i, 0, lines[i]);
        out = lines.join('\n');
        break;
      }
      case 3: { // swap two lines
        const lines = out.split('\n');
        const [i, j] = [pick(lines.length), pick(lines.length)];
        [lines[i], lines[j]] = [lines[j], lines[i]];
        out = lines.join('\n');
        break;
      }
      case 4: out = out.replace(/\d+/, FRAGMENTS[pick(FRAGMENTS.length)]); break; // break a number
      default: out = out.slice(0, at) + String.fromCharCode(pick(0x3000)) + out.slice(at); // any character
    }
  }
  return out;
}
