// Workspace text (step ids, model names, file names, messages that quote them) made inert for the
// place it lands, one function per place, used by every report:
//   mdText        Markdown inline text: a paragraph, a list item, a heading, a table cell
//   ghText        the same, in a comment GitHub shows (where `@name` would ping)
//   mdCode        a code span outside a table        mdCellCode   a code span in a table cell
//   htmlText      text inside raw HTML (`<summary>`), where backslash escapes do not apply
//   terminalText  a piece of a terminal line          terminalLine a whole terminal line
//   csvText       a CSV cell                         jsonText     a JSON report, once written
// The rules: a file's text reaches raw HTML only through htmlText, and no report builds a link or
// an image from it (so there is no function for that). In Markdown it forms no emphasis, link,
// image, autolink, heading or HTML, and on GitHub pings nobody (`@name` gets a zero-width joiner
// after the `@`; GitHub links no mention inside code: html-pipeline's MentionFilter,
// IGNORE_PARENTS). Everywhere, the characters that change how the text around them reads are
// neutralised: control characters, the line and paragraph separators and the bidi controls, shown
// visibly (`\n`, `\u202e`) where a line break is not wanted as a space. And no line of the
// terminal, CSV or JSON output carries a GitHub Actions workflow command from a file: the runner
// reads `::` at a line's start (after spaces) and `##[` anywhere in it (actions/runner,
// src/Runner.Common/ActionCommand.cs, TryParseV2 and TryParse).

/** The line and paragraph separators and the bidi controls (U+061C, U+200E and F, U+202A to E, U+2066 to 9). */
const FORMAT_CONTROLS = '\\u2028\\u2029\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';
/** C0 and C1 controls, DEL and the format controls: never written as they are. */
const HIDDEN = new RegExp(`[\\u0000-\\u001f\\u007f-\\u009f${FORMAT_CONTROLS}]`, 'g');
/** What of HIDDEN JSON.stringify writes as it is (it escapes C0 controls itself). */
const LEFT_BY_JSON = new RegExp(`[\\u007f-\\u009f${FORMAT_CONTROLS}]`, 'g');
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const hex = (c: string, digits: number): string => c.charCodeAt(0).toString(16).padStart(digits, '0');
/** `\n`, `\x1b`, `\u202e`: a hidden character as it is written in code. */
const shown = (c: string): string => NAMED[c] ?? (c.charCodeAt(0) < 0x100 ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`);

/** Text for a terminal: every hidden character shown, never sent, and `##[` broken. */
export function terminalText(s: string): string {
  return s.replace(HIDDEN, shown).replace(/##\[/g, '\\x23#[');
}

/** A whole line for a terminal: its text as terminalText shows it, and a `::` it would begin with broken. */
export function terminalLine(s: string): string {
  return terminalText(s).replace(/^(\s*)::/, '$1\\x3a:');
}

/** On one line: line breaks and tabs as spaces, the other hidden characters shown. */
function oneLine(s: string): string {
  return s.replace(/[\r\n\t\u2028\u2029]+/g, ' ').replace(HIDDEN, shown);
}

/** `@name` and `@org/team` made no mention: a zero-width joiner after an `@` that begins a word. */
const noMentions = (s: string): string => s.replace(/(^|\W)@(?=[A-Za-z0-9])/g, '$1@\u200d');

/**
 * Workspace text for Markdown, on one line, with backslash escapes (which CommonMark allows on any
 * ASCII punctuation) wherever syntax could start: emphasis, code, links and images (their `[`),
 * HTML, entities, tables, headings and math; and where an autolink could form: `:` or `/` before a `/` (`https://`,
 * `//host`), and a `.` before a letter (`www.`, `host.com`, `a@b.org`). Other text reads as written.
 */
export function mdText(s: string): string {
  return oneLine(s).replace(/[\\`*_[\]<>!&~|#$]|[:/](?=\/)|\.(?=[A-Za-z])/g, '\\$&');
}

/** Workspace text for Markdown that GitHub shows (the pull-request comment): mdText, and no mention. */
export function ghText(s: string): string {
  return noMentions(mdText(s));
}

/** Text fenced with one more backtick than its longest run of backticks, so it cannot close early. */
function codeSpan(text: string): string {
  if (!text) return '';
  let longest = 0;
  for (const m of text.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || /^ .* $/.test(text) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** Code that a terminal printing the Markdown would not read as a workflow command: `##[` broken by a zero-width space. */
const codeText = (s: string): string => oneLine(s).replace(/##\[/g, '#\u200b#[');

/** Workspace text as an inline code span, outside a table (in a table cell, use mdCellCode). */
export function mdCode(s: string): string {
  return codeSpan(codeText(s));
}

/**
 * Workspace text as an inline code span in a GFM table cell: each `|` escaped, as GFM wants even
 * inside code, so that it ends neither the cell nor the span. A run of backslashes before a `|` is
 * doubled first, so that markdown-it (which escapes a `|` after any backslash) and GitHub (which
 * reads backslashes in pairs) split the row alike: such a run then shows doubled.
 */
export function mdCellCode(s: string): string {
  return codeSpan(codeText(s).replace(/(\\*)\|/g, (_, run: string) => `${run}${run}\\|`));
}

/** Workspace text inside raw HTML (the pull-request comment's), on one line: its markup characters as entities, and no mention. */
export function htmlText(s: string): string {
  const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  return noMentions(oneLine(s).replace(/[&<>"']/g, (c) => entities[c]));
}

/**
 * A text cell of a CSV file, on one line (hidden characters shown as terminalText shows them),
 * quoted where CSV needs it; a text that a spreadsheet would run as a formula (=, +, -, @, tab,
 * carriage return first) is prefixed with ', and a `::` it would begin with is broken.
 */
export function csvText(v: string): string {
  const s = /^[=+\-@\t\r]/.test(v) ? `'${terminalText(v)}` : terminalLine(v);
  return /[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * A JSON report as written by JSON.stringify, with the characters it leaves as they are (DEL, C1
 * controls, U+2028 and U+2029, the bidi controls) and `##[` written as JSON escapes: the same data,
 * read back, and nothing a terminal or a runner acts on.
 */
export function jsonText(json: string): string {
  return json.replace(LEFT_BY_JSON, (c) => `\\u${hex(c, 4)}`).replace(/##\[/g, '#\\u0023[');
}
