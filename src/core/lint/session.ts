// One open document's lint in the editor, kept from one edit to the next.
import { DockerfileModel } from '../dockerfile/model';
import type { Diagnostic } from '../types';
import { lintModel, type LintOptions } from './lint';

export class LintSession {
  /** The same findings as lint(text, options). */
  lint(text: string, options: LintOptions = {}): Diagnostic[] {
    return lintModel(new DockerfileModel(text), options);
  }
}
