// The current build step in the status bar, e.g. `Building api: 3/7 RUN npm ci`.
import * as vscode from 'vscode';
import type { BuildStep } from '../../core/builds';

export class BuildStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('dockwright.build', vscode.StatusBarAlignment.Left, 10);

  constructor() {
    this.item.name = 'Dockwright build';
  }

  start(name: string): void {
    this.item.text = `$(sync~spin) Building ${name}`;
    this.item.tooltip = `Dockwright is building ${name}`;
    this.item.show();
  }

  step(name: string, step: BuildStep): void {
    if (step.internal || step.state !== 'running') return;
    const count = step.index !== undefined && step.total !== undefined ? ` ${step.index}/${step.total}` : '';
    this.item.text = `$(sync~spin) Building ${name}:${count} ${step.instruction}`.slice(0, 90);
  }

  /** The text shown now, for tests and the progress notification. */
  get text(): string {
    return this.item.text;
  }

  end(): void {
    this.item.hide();
  }

  dispose(): void {
    this.item.dispose();
  }
}
