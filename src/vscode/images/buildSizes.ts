// After a build ends well, the bytes each instruction added, on the Dockerfile's lines beside the
// timings, and the record of the Dockerfile the image came from. The image is the one the build
// wrote (its ID from the output, else its first tag). It is read once the task has ended, in the
// background: the build's end never waits for it, and a failure to read it (an image not loaded
// into the engine, say) leaves the timings alone.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BuildSpec } from '../../core/builds';
import type { LoadCore } from '../coreBundle';
import type { EngineSettings } from '../builds/engineSettings';
import { readModel } from '../builds/session';
import type { BuildFollower, SizeSource, StepNotes } from '../builds/stepNotes';
import type { BuiltFromRecord } from './builtFrom';
import { BuiltImageScanner } from './builtImage';
import { readLayers } from './readLayers';
import { sizeNotes } from './sizeNotes';

/** A stuck engine must not keep the Images root from its refresh after the build. */
const READ_TIMEOUT_MS = 60_000;

export class BuildSizes implements SizeSource {
  private readonly reading = new Set<Promise<void>>();

  constructor(
    private readonly loadCore: LoadCore,
    private readonly engines: EngineSettings,
    readonly record: BuiltFromRecord,
    private readonly log?: (message: string) => void,
  ) {}

  follow(spec: BuildSpec, notes: StepNotes): BuildFollower {
    const scanner = new BuiltImageScanner();
    return {
      output: (text) => scanner.push(text),
      ended: (exitCode) => {
        if (exitCode !== 0) return;
        const done: Promise<void> = this.afterBuild(spec, scanner.imageId(), notes)
          .catch((error: unknown) =>
            this.log?.(`no sizes for the build's image: ${error instanceof Error ? error.message : String(error)}`),
          )
          .finally(() => this.reading.delete(done));
        this.reading.add(done);
      },
    };
  }

  /** Resolves once the images of the builds ended so far are read and recorded (or failed to be). */
  async settled(): Promise<void> {
    await Promise.all(this.reading);
  }

  private async afterBuild(spec: BuildSpec, id: string | undefined, notes: StepNotes): Promise<void> {
    const image = id ?? spec.tags?.[0];
    const core = await this.loadCore();
    if (!image || core.isRemoteContext(spec.context)) return;
    const dockerfile = vscode.Uri.file(spec.dockerfile ?? path.join(spec.context, 'Dockerfile'));
    // the notes as the build left them: an edit or a build from now on makes these sizes stale
    const version = notes.version(dockerfile);
    const model = readModel(core, dockerfile);
    const engine = await this.engines.engine();
    const signal = AbortSignal.timeout(READ_TIMEOUT_MS);
    const { facts, mapping } = await readLayers(core, engine, image, model && { model, target: spec.target }, signal);
    // the sizes first: the state's write is the editor's round trip, and nobody looks at the record yet
    if (model && mapping) {
      if (!mapping.mapped) this.log?.(`no sizes on ${vscode.workspace.asRelativePath(dockerfile)}: ${mapping.reason}`);
      notes.setSizes(dockerfile, sizeNotes(mapping, model), version);
    }
    // the engine's ID for it, as given and as its listing shows it (`sha256:`), the ID the build printed, the tags
    const ids = [facts.id, id].filter((name) => name !== undefined);
    const names = [...ids, ...ids.map(core.localImages.imageId), ...(spec.tags ?? [])];
    await this.record.record(
      names.filter((name) => name !== undefined),
      { dockerfile, target: spec.target },
    );
  }
}
