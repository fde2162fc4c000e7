// Tells the server where the cursor is (`truthlens/cursor`), so that a finding on the
// word being typed waits until the cursor leaves it. A move that comes with an edit
// (typing) is not sent: the server takes the cursor to be at the end of what a change
// wrote. Every other move is, unless `truthlens.cursor` is off.
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { isDraft } from './statusBar';

export const CURSOR_NOTIFICATION = 'truthlens/cursor';

export function reportCursor(client: () => LanguageClient | undefined): vscode.Disposable {
  // Each draft's version at the last move: a move at a new version came with an edit.
  const versions = new WeakMap<vscode.TextDocument, number>();
  return vscode.window.onDidChangeTextEditorSelection((e) => {
    const doc = e.textEditor.document;
    const running = client();
    if (!running?.isRunning() || !isDraft(doc)) return;
    if (!vscode.workspace.getConfiguration('truthlens').get<boolean>('cursor', true)) return;
    const seen = versions.get(doc);
    versions.set(doc, doc.version);
    if (seen !== undefined && seen !== doc.version) return;
    const converter = running.code2ProtocolConverter;
    void running.sendNotification(CURSOR_NOTIFICATION, {
      uri: converter.asUri(doc.uri),
      position: converter.asPosition(e.selections[0].active),
    });
  });
}
