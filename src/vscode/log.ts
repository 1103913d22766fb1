// The Dockwright output channel, created on the first message so that activation stays cheap.
import * as vscode from 'vscode';

export interface Log extends vscode.Disposable {
  info(message: string): void;
  error(message: string, error?: unknown): void;
}

export function lazyLog(name: string): Log {
  let channel: vscode.LogOutputChannel | undefined;
  const get = () => (channel ??= vscode.window.createOutputChannel(name, { log: true }));
  return {
    info: (message) => get().info(message),
    error: (message, error) =>
      get().error(
        error === undefined
          ? message
          : `${message}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      ),
    dispose: () => channel?.dispose(),
  };
}
