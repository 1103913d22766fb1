// The task's pseudoterminal: output appears as the engine prints it, colours kept, and the task
// ends with the build's exit code. Closing the terminal (terminating the task) cancels the build.
// A build that ended well then has its image's sizes read for the Dockerfile's notes.
import * as vscode from 'vscode';
import { printable } from '../../core/printable';
import { runBake, type BakeRequest } from './bakeSession';
import { runBuild, writeRefusal, type BuildRequest, type BuildServices } from './session';

/** A task refused before its build could be made (a tasks.json field of the wrong type). */
export interface RefusedBuild {
  refused: string;
}

export class BuildTerminal implements vscode.Pseudoterminal {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<number>();
  private readonly abort = new AbortController();
  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidClose = this.closeEmitter.event;

  constructor(
    private readonly request: BuildRequest | BakeRequest | RefusedBuild,
    private readonly services: BuildServices,
    /** The task's name, carried by the build events. */
    private readonly name: string,
  ) {}

  open(): void {
    const build = this.name;
    // the image a build writes, for its sizes on the Dockerfile: read after the task has ended
    const follower =
      'spec' in this.request && this.request.action !== 'push'
        ? this.services.notes.followBuild(this.request.spec)
        : undefined;
    const write = (text: string) => {
      this.writeEmitter.fire(text);
      this.services.events.fire({ type: 'output', build, text });
      follower?.output(text);
    };
    const close = (exitCode: number) => {
      // the image's reading starts first: who hears the end (the Images root) can wait for it
      follower?.ended(exitCode);
      this.services.events.fire({ type: 'end', build, exitCode });
      this.closeEmitter.fire(exitCode);
    };
    if ('refused' in this.request) {
      writeRefusal(write, this.request.refused);
      close(2);
      return;
    }
    const running =
      'bake' in this.request
        ? runBake(this.request, this.services, write, this.abort.signal)
        : runBuild(this.request, this.services, write, this.abort.signal);
    running.then(close, (error: unknown) => {
      write(
        `\r\n\x1b[31mDockwright could not run the build: ${printable(error instanceof Error ? error.message : String(error))}\x1b[0m\r\n`,
      );
      close(1);
    });
  }

  close(): void {
    this.abort.abort();
  }
}
