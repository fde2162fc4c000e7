// Palette commands. Inserts go through the server (it edits the buffer with
// workspace/applyEdit); the report and the source table come from the CLI.
import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient } from 'vscode-languageclient/node';
import { runCli, runJson } from './cli';
import { isDraft } from './statusBar';
import { sourcesTable, ViewProvider } from './views';

export interface Host {
  client(): LanguageClient | undefined;
  binary(): string | undefined;
  restart(): Promise<void>;
  output: vscode.OutputChannel;
  views: ViewProvider;
}

function activeDraft(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor && isDraft(editor.document)) return editor;
  void vscode.window.showErrorMessage('TruthLens: open a Markdown or plain-text draft first.');
  return undefined;
}

async function insert(host: Host, command: string): Promise<void> {
  const editor = activeDraft();
  if (!editor) return;
  const client = host.client();
  if (!client || !client.isRunning()) {
    void vscode.window.showErrorMessage('TruthLens: the server is not running.');
    return;
  }
  const offered = client.initializeResult?.capabilities.executeCommandProvider?.commands ?? [];
  if (!offered.includes(command)) {
    void vscode.window.showErrorMessage(`TruthLens: this server does not offer ${command} yet.`);
    return;
  }
  try {
    await client.sendRequest(ExecuteCommandRequest.type, {
      command,
      arguments: [editor.document.uri.toString()],
    });
  } catch (e) {
    void vscode.window.showErrorMessage(`TruthLens: ${command} failed: ${e instanceof Error ? e.message : e}`);
  }
}

// The CLI reads the file on disk: views of a draft with unsaved edits say so.
async function savedDraft(host: Host): Promise<{ file: string; uri: vscode.Uri; binary: string } | undefined> {
  const editor = activeDraft();
  if (!editor) return undefined;
  const doc = editor.document;
  const binary = host.binary();
  if (!binary) {
    void vscode.window.showErrorMessage('TruthLens: the truthlens binary was not found.');
    return undefined;
  }
  if (doc.uri.scheme !== 'file') {
    void vscode.window.showErrorMessage('TruthLens: save the draft first.');
    return undefined;
  }
  if (doc.isDirty) void vscode.window.showWarningMessage('TruthLens: showing the last saved version of the draft.');
  return { file: doc.uri.fsPath, uri: doc.uri, binary };
}

async function showReport(host: Host): Promise<void> {
  const d = await savedDraft(host);
  if (!d) return;
  try {
    await host.views.show('Report', d.uri, await runCli(d.binary, ['report', d.file], d.file), true);
  } catch (e) {
    void vscode.window.showErrorMessage(`TruthLens: ${e instanceof Error ? e.message : e}`);
  }
}

async function showSources(host: Host): Promise<void> {
  const d = await savedDraft(host);
  if (!d) return;
  try {
    const json = await runJson(d.binary, ['sources', '--format', 'json', d.file], d.file);
    await host.views.show('Sources', d.uri, sourcesTable(json, d.file));
  } catch (e) {
    void vscode.window.showErrorMessage(`TruthLens: ${e instanceof Error ? e.message : e}`);
  }
}

export function registerCommands(host: Host): vscode.Disposable[] {
  const reg = vscode.commands.registerCommand;
  return [
    reg('truthlens.editor.insertSummary', () => insert(host, 'truthlens.insertSummary')),
    reg('truthlens.editor.insertHeadline', () => insert(host, 'truthlens.insertHeadline')),
    reg('truthlens.editor.insertReport', () => insert(host, 'truthlens.insertReport')),
    reg('truthlens.editor.showReport', () => showReport(host)),
    reg('truthlens.editor.showSources', () => showSources(host)),
    reg('truthlens.editor.restartServer', () => host.restart()),
    reg('truthlens.editor.showOutput', () => host.output.show(true)),
  ];
}
