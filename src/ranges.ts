// The core's 1-based line/column spans as VS Code ranges.
import * as vscode from 'vscode';
import type { SourceSpan } from './core/types';

export function toRange(span: SourceSpan): vscode.Range {
  return new vscode.Range(span.start.line - 1, span.start.column - 1, span.end.line - 1, span.end.column - 1);
}
