// Workspace text (step ids, model names, file names, messages that quote them) made inert for
// each output: in Markdown it can form no emphasis, link, image, autolink or HTML; in a terminal
// it can send no control sequence. JSON needs nothing (JSON.stringify escapes control characters),
// CSV has its own rule (csv.ts).

/** C0 controls but tab, DEL, and C1 controls: shown as escapes (`\x1b`), never sent. */
// eslint-disable-next-line no-control-regex -- control characters are what this matches
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const hex = (c: string): string => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;

/** Text for a terminal: control characters (escape sequences among them) shown, not sent. */
export function terminalText(s: string): string {
  return s.replace(CONTROL, hex);
}

/** On one line: line breaks and tabs as spaces, control characters shown as escapes. */
function oneLine(s: string): string {
  return s.replace(/[\r\n\t\u2028\u2029]+/g, ' ').replace(CONTROL, hex);
}

/**
 * Workspace text for Markdown, on one line, with backslash escapes (which CommonMark allows on any
 * ASCII punctuation) wherever syntax could start: emphasis, code, links and images (their `[`),
 * HTML, entities, tables, headings and math; and where an autolink could form: `:` or `/` before a `/` (`https://`,
 * `//host`), and a `.` before a letter (`www.`, `host.com`, `a@b.org`). Other text reads as written.
 */
export function mdText(s: string): string {
  return oneLine(s).replace(/[\\`*_[\]<>!&~|#$]|[:/](?=\/)|\.(?=[A-Za-z])/g, '\\$&');
}

/**
 * Workspace text as an inline code span (not for table cells: use mdText there), fenced with one
 * more backtick than its longest run of backticks, so it cannot close early.
 */
export function mdCode(s: string): string {
  const text = oneLine(s);
  if (!text) return '';
  let longest = 0;
  for (const m of text.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || /^ .* $/.test(text) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}
