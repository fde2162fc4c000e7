// Entry point: wires the language client, the commands, the status bar and settings.
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { createClient, notifySettings } from './client';
import { registerCommands } from './commands';
import { reportCursor } from './cursor';
import { RestartingErrorHandler } from './errorHandler';
import { ResolvedServer, resolveServer } from './serverPath';
import { needsRestart } from './settings';
import { isDraft, ReportStatus } from './statusBar';
import { VIEW_SCHEME, ViewProvider } from './views';

let client: LanguageClient | undefined;
let server: ResolvedServer | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('TruthLens');
  const errorHandler = new RestartingErrorHandler(output);
  const views = new ViewProvider();
  const status = new ReportStatus(() => server?.command);

  async function start(): Promise<void> {
    const resolved = resolveServer(context);
    if (typeof resolved === 'string') {
      server = undefined;
      output.appendLine(`[truthlens] ${resolved}`);
      void vscode.window.showErrorMessage(`TruthLens: ${resolved}`, 'Open Settings').then((c) => {
        if (c) void vscode.commands.executeCommand('workbench.action.openSettings', 'truthlens.server.path');
      });
      return;
    }
    server = resolved;
    output.appendLine(`[truthlens] starting ${server.command} lsp --stdio (from ${server.origin})`);
    client = createClient(server, output, errorHandler);
    try {
      await client.start();
      await notifySettings(client);
    } catch (e) {
      output.appendLine(`[truthlens] the server did not start: ${e instanceof Error ? e.message : e}`);
      void vscode.window.showErrorMessage('TruthLens: the server did not start. See the TruthLens output.');
    }
  }

  // One edit of settings can fire a change event per scope it touches: push once.
  let pushTimer: NodeJS.Timeout | undefined;
  function pushSettings(): void {
    clearTimeout(pushTimer);
    pushTimer = setTimeout(() => { if (client?.isRunning()) void notifySettings(client); }, 50);
  }

  async function restart(): Promise<void> {
    const old = client;
    client = undefined;
    if (old) await old.stop().catch(() => undefined);
    errorHandler.reset();
    await start();
    void status.refresh();
  }

  context.subscriptions.push(
    output,
    status,
    vscode.workspace.registerTextDocumentContentProvider(VIEW_SCHEME, views),
    ...registerCommands({ client: () => client, binary: () => server?.command, restart, output, views }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('truthlens')) return;
      if (needsRestart(e)) void restart();
      else pushSettings();
    }),
    vscode.window.onDidChangeActiveTextEditor((editor) => void status.refresh(editor)),
    reportCursor(() => client),
    vscode.workspace.onDidSaveTextDocument((doc) => {
      if (isDraft(doc) && doc === vscode.window.activeTextEditor?.document) void status.refresh();
    }),
    { dispose: () => void client?.stop() },
  );

  await start();
  void status.refresh();
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
