// Chart labels that fit a narrow sidebar: a category label is shortened with an ellipsis to the
// width it has (the chart's tooltip and its table keep the full text), and axis numbers are
// written compactly (1B, not 1,000,000,000). Pure: the width is measured by the caller.

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumSignificantDigits: 3 });

/** `label` cut after `chars` characters, without the spaces and punctuation before the ellipsis. */
const cut = (label: string, chars: number): string => `${label.slice(0, chars).replace(/[\s,;:.(-]+$/, '')}…`;

/** The longest cut of `label` that, with its ellipsis, measures at most `maxWidth`. */
export function fitLabel(label: string, maxWidth: number, measure: (text: string) => number): string {
  if (measure(label) <= maxWidth) return label;
  let lo = 0;
  let hi = label.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(cut(label, mid)) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return cut(label, lo);
}

/** An axis number, compactly: 1B, 250M, 40, 0.5. */
export function compactNumber(value: number): string {
  return compact.format(value);
}
