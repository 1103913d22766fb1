// Dockwright: Select Builder…: the builders `docker buildx ls` lists, one chosen per workspace
// (workspace state). Every buildx build and bake run that names no builder of its own runs on it.
import * as vscode from 'vscode';
import type { Builder } from '../../core/builds';
import type { LoadCore } from '../coreBundle';
import type { EngineSettings } from './engineSettings';
import { refusalInUntrustedWorkspace } from './session';

const KEY = 'dockwright.builder';

export class BuilderChoice {
  constructor(private readonly state: vscode.Memento) {}

  /** The chosen builder's name; undefined: buildx's own current builder. */
  selected(): string | undefined {
    return this.state.get<string>(KEY);
  }

  select(name: string | undefined): Thenable<void> {
    return this.state.update(KEY, name);
  }
}

interface BuilderPick extends vscode.QuickPickItem {
  name?: string;
}

function pickFor(builder: Builder, selected: string | undefined): BuilderPick {
  return {
    label: builder.name,
    name: builder.name,
    description: [builder.driver, builder.status, builder.name === selected ? 'chosen' : undefined]
      .filter(Boolean)
      .join(' · '),
    detail: builder.error ?? (builder.platforms.join(', ') || undefined),
  };
}

/** The quick pick; resolves to the name chosen (undefined: the current builder), or null when dismissed. */
export async function selectBuilder(
  choice: BuilderChoice,
  engines: EngineSettings,
  loadCore: LoadCore,
): Promise<string | undefined | null> {
  const refusal = refusalInUntrustedWorkspace();
  if (refusal) {
    void vscode.window.showErrorMessage(refusal);
    return null;
  }
  let builders: Builder[];
  try {
    const { listBuilders } = await loadCore();
    builders = await listBuilders(await engines.engine());
  } catch (error) {
    void vscode.window.showErrorMessage(`Dockwright: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
  const selected = choice.selected();
  const items: BuilderPick[] = [
    {
      label: 'Current builder',
      description: selected === undefined ? 'chosen' : undefined,
      detail: "buildx's own choice (docker buildx use), without --builder",
    },
    ...builders.map((b) => pickFor(b, selected)),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Builder for this workspace',
    placeHolder: 'The builder buildx builds on, for builds that name none',
  });
  if (!picked) return null;
  await choice.select(picked.name);
  return picked.name;
}
