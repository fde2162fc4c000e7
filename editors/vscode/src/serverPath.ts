// Which `truthlens` binary to run: the setting, else PATH, else the one bundled in the
// extension under server/. One binary serves both the language server and the CLI views.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';

const EXE = process.platform === 'win32' ? 'truthlens.exe' : 'truthlens';

export interface ResolvedServer {
  command: string;
  /** Where it came from, for the output channel and error messages. */
  origin: 'setting' | 'PATH' | 'bundled';
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function onPath(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, EXE))) return path.join(dir, EXE);
  }
  return undefined;
}

// `~` and ${workspaceFolder} are the two expansions users expect in a path setting.
function expand(setting: string): string {
  let p = setting.replace(/^~(?=$|[\\/])/, os.homedir());
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (folder) p = p.replace(/\$\{workspaceFolder\}/g, folder);
  return p;
}

export function resolveServer(context: vscode.ExtensionContext): ResolvedServer | string {
  const setting = vscode.workspace.getConfiguration('truthlens').get<string>('server.path', '').trim();
  if (setting) {
    const file = expand(setting);
    return isExecutable(file)
      ? { command: file, origin: 'setting' }
      : `truthlens.server.path is set to "${setting}", which is not an executable file.`;
  }
  const found = onPath();
  if (found) return { command: found, origin: 'PATH' };
  const bundled = context.asAbsolutePath(path.join('server', EXE));
  if (isExecutable(bundled)) return { command: bundled, origin: 'bundled' };
  return 'The `truthlens` binary was not found on PATH and none is bundled with this extension. ' +
    'Install it (cargo install --path . in a TruthLens clone) or set truthlens.server.path.';
}
