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

  /**
   * Show TEXT as a Markdown document titled after KIND and the draft: rendered in
   * the Markdown preview when RENDERED (a report is read, not edited), else as text.
   */
  async show(kind: string, draft: vscode.Uri, text: string, rendered = false): Promise<void> {
    const uri = vscode.Uri.from({
      scheme: VIEW_SCHEME,
      path: `/${kind} - ${path.basename(draft.fsPath)}`,
      query: draft.toString(),
    });
    this.contents.set(uri.toString(), text);
    this.changed.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
    if (rendered) {
      // The built-in Markdown extension previews any document it can open, ours too.
      await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
      return;
    }
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  }
}

interface SourceRow {
  name?: string;
  kind?: string;
  statements?: number;
  share?: number;
  pseudonym?: boolean;
  first_mention?: { line?: number };
}

const cell = (v: unknown) => String(v ?? '').replace(/\|/g, '\\|').replace(/\s+/g, ' ');

/**
 * A Markdown table from `truthlens sources --format json`
 * ({ version, files: [{ path, sources: [...] }] }), most-quoted source first.
 */
export function sourcesTable(json: unknown, draft: string): string {
  const root = (json ?? {}) as { files?: { sources?: SourceRow[] }[]; sources?: SourceRow[] };
  const rows = [...(root.files?.[0]?.sources ?? root.sources ?? [])];
  rows.sort((a, b) => (b.statements ?? 0) - (a.statements ?? 0));
  const lines = [`# Sources in ${path.basename(draft)}`, ''];
  if (rows.length === 0) {
    lines.push('No attributed statements found.');
    return lines.join('\n') + '\n';
  }
  lines.push('| Source | Kind | Statements | Share | First mention |', '| --- | --- | ---: | ---: | ---: |');
  for (const r of rows) {
    const name = cell(r.name) + (r.pseudonym ? ' (pseudonym)' : '');
    const share = typeof r.share === 'number' ? `${Math.round(r.share * 100)}%` : '';
    const line = r.first_mention?.line ? `line ${r.first_mention.line}` : '';
    lines.push(`| ${name} | ${cell(r.kind)} | ${cell(r.statements)} | ${share} | ${line} |`);
  }
  return lines.join('\n') + '\n';
}
