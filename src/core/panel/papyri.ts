// The papyri scale calculator: a collection read by an OCR model, in days and money.

export interface PapyriInput {
  documents: number;
  pagesPerDocument: number;
  /** USD per 1,000 pages. */
  pricePer1000Pages: number;
  /** Pages the model reads per minute. */
  pagesPerMinute: number;
}

export interface PapyriResult {
  pages: number;
  days: number;
  costUsd: number;
}

export function papyriScale(input: PapyriInput): PapyriResult {
  const pages = input.documents * input.pagesPerDocument;
  return {
    pages,
    days: input.pagesPerMinute > 0 ? pages / input.pagesPerMinute / 60 / 24 : Infinity,
    costUsd: (pages * input.pricePer1000Pages) / 1000,
  };
}
