// Runs the truthlens CLI on a saved draft for the read-only views (report, sources,
// status bar). They run on open and save, never per keystroke.
import { execFile } from 'child_process';
import * as path from 'path';

const TIMEOUT_MS = 15000;

export class CliError extends Error {}

/** stdout of `truthlens ARGS...`. Exit 1 means "findings", not failure. */
export function runCli(binary: string, args: string[], file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(binary, args, { cwd: path.dirname(file), timeout: TIMEOUT_MS, maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        // A non-zero exit gives a numeric `code`; a failed spawn a string like ENOENT.
        const code: unknown = error ? (error as { code?: unknown }).code : 0;
        if (!error || code === 1) return resolve(stdout);
        const why = String(stderr).trim() || error.message;
        reject(new CliError(`truthlens ${args[0]}: ${why}`));
      });
  });
}

export async function runJson(binary: string, args: string[], file: string): Promise<unknown> {
  const out = await runCli(binary, args, file);
  try {
    return JSON.parse(out);
  } catch {
    throw new CliError(`truthlens ${args[0]}: output is not JSON`);
  }
}
