// The status bar item: the draft's report level and source count, from
// `truthlens report --format json` on the saved file. It refreshes on open, save and
// editor switch (cached per file modification time), never per keystroke.
import * as fs from 'fs';
import * as vscode from 'vscode';
import { runJson } from './cli';

export interface ReportSummary {
  level?: string;
  sources?: number;
}

/** Level and source count from the report JSON, tolerant of where they sit. */
export function summarize(json: unknown): ReportSummary {
  const j = (json ?? {}) as Record<string, any>;
  const level = j.level ?? j.report?.level ?? j.summary?.level;
  const list = j.sources ?? j.report?.sources;
  const sources = Array.isArray(list) ? list.length
    : typeof j.source_count === 'number' ? j.source_count
      : typeof j.counts?.sources === 'number' ? j.counts.sources : undefined;
  return { level: typeof level === 'string' ? level : level?.name, sources };
}

export function isDraft(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'markdown' || doc.languageId === 'plaintext';
}

export class ReportStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('truthlens.report', vscode.StatusBarAlignment.Left, 10);
  private readonly cache = new Map<string, { mtime: number; summary: ReportSummary | Error }>();
  private generation = 0;

  constructor(private readonly binary: () => string | undefined) {
    this.item.name = 'TruthLens report';
    this.item.command = 'truthlens.editor.showReport';
  }

  async refresh(editor = vscode.window.activeTextEditor): Promise<void> {
    const doc = editor?.document;
    if (!doc || !isDraft(doc) || doc.uri.scheme !== 'file') {
      this.item.hide();
      return;
    }
    const binary = this.binary();
    if (!binary) {
      this.item.hide();
      return;
    }
    const gen = ++this.generation;
    const file = doc.uri.fsPath;
    let mtime = 0;
    try { mtime = fs.statSync(file).mtimeMs; } catch { /* unsaved: shown as an error below */ }
    let entry = this.cache.get(file);
    if (!entry || entry.mtime !== mtime) {
      let summary: ReportSummary | Error;
      try {
        summary = summarize(await runJson(binary, ['report', '--format', 'json', file], file));
      } catch (e) {
        summary = e instanceof Error ? e : new Error(String(e));
      }
      entry = { mtime, summary };
      this.cache.set(file, entry);
    }
    if (gen !== this.generation) return; // a newer refresh is under way
    this.render(entry.summary);
  }

  private render(s: ReportSummary | Error): void {
    if (s instanceof Error) {
      this.item.text = '$(eye) TruthLens';
      this.item.tooltip = `The review report is not available: ${s.message}`;
    } else {
      const parts = [s.level ?? '?'];
      if (s.sources !== undefined) parts.push(`${s.sources} source${s.sources === 1 ? '' : 's'}`);
      this.item.text = `$(eye) TruthLens: ${parts.join(' · ')}`;
      this.item.tooltip = 'Review level of the saved draft. Click to open the report.';
    }
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
