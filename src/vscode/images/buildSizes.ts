// After a build ends well, the bytes each instruction added, on the Dockerfile's lines beside the
// timings. The image is the one the build wrote (its ID from the output, else its first tag). It
// is read once the task has ended, in the background: the build's end never waits for it, and a
// failure to read it (an image not loaded into the engine, say) leaves the timings alone.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BuildSpec } from '../../core/builds';
import type { LoadCore } from '../coreBundle';
import type { EngineSettings } from '../builds/engineSettings';
import { readModel } from '../builds/session';
import type { BuildFollower, SizeSource, StepNotes } from '../builds/stepNotes';
import { BuiltImageScanner } from './builtImage';
import { readLayers } from './readLayers';
import { sizeNotes } from './sizeNotes';

/** The Dockerfile (and stage) an image was built from, as this session's builds recorded it. */
export interface BuiltFrom {
  dockerfile: vscode.Uri;
  target?: string;
}

/** How many images' origins are remembered: enough for a session's builds, never unbounded. */
const REMEMBERED = 100;

export class BuildSizes implements SizeSource {
  private readonly builtFrom = new Map<string, BuiltFrom>();
  /** The last build's reading of sizes, for tests to wait on. */
  lastReading: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly loadCore: LoadCore,
    private readonly engines: EngineSettings,
    private readonly log?: (message: string) => void,
  ) {}

  follow(spec: BuildSpec, notes: StepNotes): BuildFollower {
    const scanner = new BuiltImageScanner();
    return {
      output: (text) => scanner.push(text),
      ended: (exitCode) => {
        if (exitCode !== 0) return;
        this.lastReading = this.afterBuild(spec, scanner.imageId(), notes).catch((error: unknown) =>
          this.log?.(`no sizes for the build's image: ${error instanceof Error ? error.message : String(error)}`),
        );
      },
    };
  }

  /** The Dockerfile an image (by ID or a tag) was built from in this session. */
  origin(image: string): BuiltFrom | undefined {
    return this.builtFrom.get(image);
  }

  private remember(images: string[], from: BuiltFrom): void {
    for (const image of images) {
      this.builtFrom.delete(image);
      this.builtFrom.set(image, from);
    }
    for (const oldest of this.builtFrom.keys()) {
      if (this.builtFrom.size <= REMEMBERED) break;
      this.builtFrom.delete(oldest);
    }
  }

  private async afterBuild(spec: BuildSpec, id: string | undefined, notes: StepNotes): Promise<void> {
    const image = id ?? spec.tags?.[0];
    const core = await this.loadCore();
    if (!image || core.isRemoteContext(spec.context)) return;
    const dockerfile = vscode.Uri.file(spec.dockerfile ?? path.join(spec.context, 'Dockerfile'));
    this.remember([...(id ? [id] : []), ...(spec.tags ?? [])], { dockerfile, target: spec.target });
    // the notes as the build left them: an edit or a build from now on makes these sizes stale
    const version = notes.version(dockerfile);
    const model = readModel(core, dockerfile);
    if (!model) return;
    const engine = await this.engines.engine();
    const { mapping } = await readLayers(core, engine, image, { model, target: spec.target });
    if (mapping && !mapping.mapped)
      this.log?.(`no sizes on ${vscode.workspace.asRelativePath(dockerfile)}: ${mapping.reason}`);
    if (mapping) notes.setSizes(dockerfile, sizeNotes(mapping, model), version);
  }
}
