// The engine from `dockwright.build.engine` and the binary paths, detected once per setting.
import * as vscode from 'vscode';
import type { Engine, EngineSetting } from '../../core/builds';
import type { LoadCore } from '../coreBundle';

export class EngineSettings implements vscode.Disposable {
  private detected?: Promise<Engine>;

  constructor(private readonly loadCore: LoadCore) {}

  private readonly listener = vscode.workspace.onDidChangeConfiguration((e) => {
    if (
      e.affectsConfiguration('dockwright.build.engine') ||
      e.affectsConfiguration('dockwright.dockerPath') ||
      e.affectsConfiguration('dockwright.podmanPath')
    )
      this.detected = undefined;
  });

  /** The engine to build with; rejected with a clear message when its binary does not answer. */
  engine(): Promise<Engine> {
    if (!this.detected) {
      const config = vscode.workspace.getConfiguration('dockwright');
      const setting = config.get<EngineSetting>('build.engine', 'auto');
      const detecting = this.loadCore().then(({ detectEngine }) =>
        detectEngine({
          engine: setting,
          dockerPath: config.get<string>('dockerPath') || undefined,
          podmanPath: config.get<string>('podmanPath') || undefined,
        }),
      );
      // a failed probe is asked again next time: the user may have just installed the engine
      detecting.catch(() => {
        if (this.detected === detecting) this.detected = undefined;
      });
      this.detected = detecting;
    }
    return this.detected;
  }

  dispose(): void {
    this.listener.dispose();
  }
}
