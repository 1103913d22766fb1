// The Images root after each build: listed again once, when the build's image is read and its
// Dockerfile recorded (BuildSizes, src/vscode/images/builtFrom.ts), so that its row shows the
// Dockerfile from the start and the engine is asked for the list once a build.
import type * as vscode from 'vscode';
import type { BuildSizes } from '../images/buildSizes';
import type { BuildServices } from '../builds/session';

export interface BuildFollowing {
  events: BuildServices['events'];
  sizes: Pick<BuildSizes, 'settled'>;
  /** Lists the images again. */
  refresh: () => void;
}

export function followBuilds({ events, sizes, refresh }: BuildFollowing): vscode.Disposable[] {
  // a build's image is being read by the time its end is told (its follower hears the end first)
  return [events.event((e) => e.type === 'end' && void sizes.settled().then(refresh))];
}
