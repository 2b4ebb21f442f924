// Positions of values in a source file, keyed by JSON pointer ("/steps/0/model"), so that any
// problem found in the data (schema, model, graph) points at its line and column.
import type { SourcePosition, SourceSpan } from '../types';

export interface Located {
  /** The value's span. */
  value: SourceSpan;
  /** The key's span, for members of an object. */
  key?: SourceSpan;
}

export class SourceMap {
  private readonly lineStarts: number[] = [0];
  private readonly entries = new Map<string, Located>();

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }

  position(offset: number): SourcePosition {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const m = (lo + hi + 1) >>> 1;
      if (this.lineStarts[m] <= o) lo = m;
      else hi = m - 1;
    }
    return { line: lo + 1, column: o - this.lineStarts[lo] + 1, offset: o };
  }

  span(start: number, end: number): SourceSpan {
    return { start: this.position(start), end: this.position(Math.max(start, end)) };
  }

  set(pointer: string, located: Located): void {
    this.entries.set(pointer, located);
  }

  /** The span of the value at `pointer`, or of its nearest located parent. */
  valueSpan(pointer: string): SourceSpan {
    for (let p = pointer; ; p = parentPointer(p)) {
      const hit = this.entries.get(p);
      if (hit) return hit.value;
      if (p === '') return this.span(0, 0);
    }
  }

  /** The span of a member's key where known, else of its value. */
  keySpan(pointer: string): SourceSpan {
    return this.entries.get(pointer)?.key ?? this.valueSpan(pointer);
  }

  has(pointer: string): boolean {
    return this.entries.has(pointer);
  }
}

export function parentPointer(pointer: string): string {
  const i = pointer.lastIndexOf('/');
  return i <= 0 ? '' : pointer.slice(0, i);
}

export function childPointer(pointer: string, key: string | number): string {
  return `${pointer}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}
