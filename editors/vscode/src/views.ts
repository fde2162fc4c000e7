// Read-only documents for the review report and the source table, under the
// `truthlens-view:` scheme so they are never linted themselves.
import * as path from 'path';
import * as vscode from 'vscode';

export const VIEW_SCHEME = 'truthlens-view';

export class ViewProvider implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /** Show TEXT as a Markdown document titled after KIND and the draft. */
  async show(kind: string, draft: vscode.Uri, text: string): Promise<void> {
    const uri = vscode.Uri.from({
      scheme: VIEW_SCHEME,
      path: `/${kind} - ${path.basename(draft.fsPath)}`,
      query: draft.toString(),
    });
    this.contents.set(uri.toString(), text);
    this.changed.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  }
}

const scalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = scalar(v) ? String(v) : Array.isArray(v) ? String(v.length) : JSON.stringify(v);
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/**
 * A Markdown table from `sources --format json`. The columns are read from the rows,
 * so a field added to the JSON shows up without an extension update.
 */
export function sourcesTable(json: unknown, draft: string): string {
  const root = json as Record<string, unknown>;
  const rows = (Array.isArray(json) ? json : root?.sources ?? root?.table ?? []) as Record<string, unknown>[];
  const lines = [`# Sources in ${path.basename(draft)}`, ''];
  if (!Array.isArray(rows) || rows.length === 0) {
    lines.push('No attributed sources found.');
    return lines.join('\n') + '\n';
  }
  const columns: string[] = [];
  for (const row of rows) {
    for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  }
  lines.push(`| ${columns.join(' | ')} |`, `| ${columns.map(() => '---').join(' | ')} |`);
  for (const row of rows) lines.push(`| ${columns.map((c) => cell(row[c])).join(' | ')} |`);
  return lines.join('\n') + '\n';
}
