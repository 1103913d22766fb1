// One open document's lint in the editor: the model is kept from one edit to the next, so that a
// keystroke parses again only the instructions it touched (dockerfile/incremental).
import { DockerfileModel } from '../dockerfile/model';
import { updateModel } from '../dockerfile/incremental';
import type { Diagnostic } from '../types';
import { lintModel, type LintOptions } from './lint';

export class LintSession {
  private model?: DockerfileModel;

  /** The same findings as lint(text, options), from what the previous text's lint kept. */
  lint(text: string, options: LintOptions = {}): Diagnostic[] {
    this.model = this.model ? updateModel(this.model, text) : new DockerfileModel(text);
    return lintModel(this.model, options);
  }
}
