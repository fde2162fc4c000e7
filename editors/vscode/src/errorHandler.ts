// Restart the server when it dies, with a notice; give up after repeated crashes so a
// server that dies at start-up does not loop forever.
import * as vscode from 'vscode';
import {
  CloseAction, CloseHandlerResult, ErrorAction, ErrorHandler, ErrorHandlerResult, Message,
} from 'vscode-languageclient/node';

const WINDOW_MS = 3 * 60 * 1000;
const MAX_RESTARTS = 4;

export class RestartingErrorHandler implements ErrorHandler {
  private restarts: number[] = [];

  constructor(private readonly output: vscode.OutputChannel) {}

  error(_error: Error, _message: Message | undefined, count: number | undefined): ErrorHandlerResult {
    // A few bad messages are survivable; a stream of them means the pipe is broken.
    return { action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown };
  }

  closed(): CloseHandlerResult {
    const now = Date.now();
    this.restarts = this.restarts.filter((t) => now - t < WINDOW_MS);
    this.restarts.push(now);
    if (this.restarts.length > MAX_RESTARTS) {
      return {
        action: CloseAction.DoNotRestart,
        message: `The TruthLens server stopped ${this.restarts.length} times in 3 minutes and was not restarted. ` +
          'See the TruthLens output, then run "TruthLens: Restart Server".',
      };
    }
    this.output.appendLine('[truthlens] the server stopped unexpectedly; restarting it');
    void vscode.window
      .showWarningMessage('The TruthLens server stopped unexpectedly and was restarted.', 'Show Output')
      .then((choice) => { if (choice) this.output.show(true); });
    return { action: CloseAction.Restart, handled: true };
  }

  /** A deliberate restart starts the crash count afresh. */
  reset(): void {
    this.restarts = [];
  }
}
