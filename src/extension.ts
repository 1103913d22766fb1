// The composition root: wires the adapters and nothing else. Work is lazy.
import type * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {}

export function deactivate(): void {}
