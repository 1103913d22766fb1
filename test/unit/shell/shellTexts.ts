// The shell texts the corpus hands the shell parser, as script.ts and commandWords.ts make them:
// RUN lines (or their first heredoc, or an exec form's `-c` script), and shell-form CMD and
// ENTRYPOINT commands, which are read with their words' parts.
import type { Heredoc, Run } from 'dockerfile-ast';
import { parseDockerfile } from '../../../src/core/dockerfile/model';
import { shellFormCommand } from '../../../src/core/shell/commandWords';
import { execForm } from '../../../src/core/shell/execForm';
import { runScript } from '../../../src/core/shell/script';
import { heredocSource, lineSource } from '../../../src/core/shell/sourceMap';
import type { CorpusFile } from '../real-world/sharedCorpus';

export interface ShellText {
  text: string;
  parts: boolean;
  /** File and line, for messages. */
  where: string;
}

export function corpusShellTexts(corpus: CorpusFile[]): ShellText[] {
  const out: ShellText[] = [];
  for (const { name, text } of corpus) {
    const model = parseDockerfile(text);
    for (const instr of model.instructions) {
      const where = `${name}:${instr.range.start.line + 1}`;
      if (instr.keyword === 'RUN' && instr.argsText.trim()) {
        const shell = runText(model, instr);
        if (shell === undefined) continue;
        // the same text script.ts parses, whenever the parser takes it
        const script = runScript(model, instr);
        if (script && script.exec !== 'program' && script.text !== shell)
          throw new Error(`${where}: the RUN's text drifted from script.ts`);
        out.push({ text: shell, parts: false, where });
      } else if (
        (instr.keyword === 'CMD' || instr.keyword === 'ENTRYPOINT') &&
        !instr.jsonForm &&
        instr.argsText.trim()
      )
        out.push({ text: shellFormCommand(model, instr).trim(), parts: true, where });
    }
  }
  return out;
}

type Model = ReturnType<typeof parseDockerfile>;

function runText(model: Model, instr: Model['instructions'][number]): string | undefined {
  const exec = execForm(model, instr);
  if (exec) return exec.script === undefined ? undefined : exec.argv[exec.script].source.text;
  const heredocs: Heredoc[] = instr.argsText.includes('<<') ? ((instr.node as Run).getHeredocs?.() ?? []) : [];
  if (heredocs.length && instr.argsText.trimStart().startsWith('<<'))
    return heredocSource(model, heredocs[0])?.text ?? undefined;
  return lineSource(model, instr).text;
}
