// The language client: how the server is started and what the editor tells it.
import * as vscode from 'vscode';
import {
  ConfigurationParams, DidChangeConfigurationNotification, LanguageClient, LanguageClientOptions,
  ServerOptions,
} from 'vscode-languageclient/node';
import { RestartingErrorHandler } from './errorHandler';
import { ResolvedServer } from './serverPath';
import { serverSettings } from './settings';

export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'markdown' },
  { scheme: 'file', language: 'plaintext' },
  { scheme: 'untitled', language: 'markdown' },
  { scheme: 'untitled', language: 'plaintext' },
];

export function createClient(
  server: ResolvedServer,
  output: vscode.OutputChannel,
  errorHandler: RestartingErrorHandler,
): LanguageClient {
  // No `transport` option: with none the client talks over stdio without appending
  // arguments, so the command line is exactly the documented one.
  const executable = { command: server.command, args: ['lsp', '--stdio'] };
  const serverOptions: ServerOptions = { run: executable, debug: executable };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    traceOutputChannel: output,
    errorHandler,
    middleware: {
      workspace: {
        // The server asks for the `truthlens` section; answer in its schema, not VS
        // Code's camelCase (which also holds client-only keys like server.path).
        configuration: async (params: ConfigurationParams, token, next) => {
          const answers = await next(params, token);
          if (!Array.isArray(answers)) return answers;
          const result = params.items.map((item, i) =>
            item.section === 'truthlens'
              ? serverSettings(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined)
              : answers[i]);
          output.appendLine(`[truthlens] settings requested by the server: ${JSON.stringify(result)}`);
          return result;
        },
      },
    },
  };
  // The id `truthlens` makes the client honour `truthlens.trace.server`.
  return new LanguageClient('truthlens', 'TruthLens', serverOptions, clientOptions);
}

/** Push the current settings, in the server's schema (the server may also pull them). */
export function notifySettings(client: LanguageClient): Promise<void> {
  return client.sendNotification(DidChangeConfigurationNotification.type, {
    settings: { truthlens: serverSettings() },
  });
}
