// VS Code settings -> the `truthlens` configuration section the server parses with the
// .truthlens.toml schema (kebab-case keys: rules, quotes, single-source, summary,
// allowlist, run), plus the editor-only `inlay-hints`. Only values the user set are
// sent: defaults stay the server's, so a project's .truthlens.toml is not overridden
// by VS Code's own defaults.
import * as vscode from 'vscode';

/** VS Code key (under `truthlens.`) -> path in the server's schema. */
const KEYS: ReadonlyArray<[string, string[]]> = [
  ['run', ['run']],
  ['rules', ['rules']],
  ['quotes.policy', ['quotes', 'policy']],
  ['quotes.blockquotes', ['quotes', 'blockquotes']],
  ['singleSource.minStatements', ['single-source', 'min-statements']],
  ['singleSource.dominantShare', ['single-source', 'dominant-share']],
  ['summary.sentences', ['summary', 'sentences']],
  ['summary.maxWords', ['summary', 'max-words']],
  ['allowlist', ['allowlist']],
  ['inlayHints.enabled', ['inlay-hints']],
];

function explicitValue(config: vscode.WorkspaceConfiguration, key: string): unknown {
  const i = config.inspect(key);
  return i?.workspaceFolderValue ?? i?.workspaceValue ?? i?.globalValue;
}

export function serverSettings(scope?: vscode.Uri): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration('truthlens', scope);
  const out: Record<string, unknown> = {};
  for (const [key, target] of KEYS) {
    const value = explicitValue(config, key);
    if (value === undefined) continue;
    let node = out;
    for (const part of target.slice(0, -1)) {
      node = (node[part] ??= {}) as Record<string, unknown>;
    }
    node[target[target.length - 1]] = value;
  }
  return out;
}

/** Whether a settings change needs a new server process rather than a notification. */
export function needsRestart(e: vscode.ConfigurationChangeEvent): boolean {
  // A server told of the cursor once keeps holding findings back: it starts afresh.
  return e.affectsConfiguration('truthlens.server.path') || e.affectsConfiguration('truthlens.cursor');
}
