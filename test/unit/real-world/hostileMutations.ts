// The hostile text the fix property test puts into corpus files (fixProperties.test.ts): heredocs,
// trailing escapes (at the end of the file too), SHELL ["powershell", …], USER lines, `# escape=\``
// and characters that are not plain ASCII.
import fc from 'fast-check';
import { parseDockerfile } from '../../../src/core/dockerfile/model';

const HEREDOCS = [
  'RUN <<EOF\napt-get update\napt-get install -y curl\nEOF',
  'RUN <<-EOT bash\n\tset -e\n\tcd /tmp && make install\nEOT',
  'COPY <<EOF /etc/motd\nhello $USER\nEOF',
  'RUN cat <<EOF > /etc/app.conf && apt-get update && apt-get install -y git\nkey=value\nEOF',
  'RUN <<EOF\npip install flask\nsudo chown -R app /app\nEOF',
];
const USERS = ['root', 'app', '1000:1000', '$APP_USER', 'ContainerAdministrator'];
/** U+FFFD (what a decoder leaves of bytes that are not UTF-8), Latin-1 letters, a no-break space, mojibake. */
const CHARS = ['\ufffd', '\u00e9', '\u00fc', '\u00df', '\u00ff', '\u00a0', '\u00c3\u00a9'];

export type Mutation =
  | { kind: 'heredoc'; at: number; which: number }
  | { kind: 'trailingEscape'; at: number; eof: number }
  | { kind: 'powershell'; at: number }
  | { kind: 'user'; at: number; which: number }
  | { kind: 'escapeDirective' }
  | { kind: 'char'; at: number; offset: number; which: number };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('heredoc' as const), at: fc.nat(), which: fc.nat(HEREDOCS.length - 1) }),
  fc.record({ kind: fc.constant('trailingEscape' as const), at: fc.nat(), eof: fc.nat(3) }),
  fc.record({ kind: fc.constant('powershell' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('user' as const), at: fc.nat(), which: fc.nat(USERS.length - 1) }),
  fc.record({ kind: fc.constant('escapeDirective' as const) }),
  fc.record({ kind: fc.constant('char' as const), at: fc.nat(), offset: fc.nat(), which: fc.nat(CHARS.length - 1) }),
);

/** Applies one mutation at an instruction (`at` modulo their number), on whole lines unless it is a character. */
export function mutate(text: string, m: Mutation): string {
  const model = parseDockerfile(text);
  const lines = text.split('\n');
  const instructions = model.instructions;
  const pick = (at: number) => instructions[at % Math.max(1, instructions.length)];
  switch (m.kind) {
    case 'escapeDirective':
      return `# escape=\`\n${text}`;
    case 'heredoc':
    case 'user': {
      const before = pick(m.at);
      const line = before ? before.range.start.line : lines.length;
      lines.splice(line, 0, m.kind === 'heredoc' ? HEREDOCS[m.which] : `USER ${USERS[m.which]}`);
      return lines.join('\n');
    }
    case 'powershell': {
      const froms = instructions.filter((i) => i.keyword === 'FROM');
      const from = froms[m.at % Math.max(1, froms.length)];
      lines.splice(
        from ? from.range.end.line + 1 : 0,
        0,
        'SHELL ["powershell", "-Command", "$ErrorActionPreference = \'Stop\';"]',
      );
      return lines.join('\n');
    }
    case 'trailingEscape': {
      // at the end of the file: `\` alone, after a space, with a line break after it, or doubled
      if (m.eof < 2 && (m.at % 3 === 0 || !instructions.length))
        return text.replace(/\n*$/, ['\\', ' \\', ' \\\n', ' \\\\'][m.at % 4]);
      const last = pick(m.at).range.end.line;
      lines[last] = `${lines[last].replace(/\r$/, '')} \\${lines[last].endsWith('\r') ? '\r' : ''}`;
      return lines.join('\n');
    }
    case 'char': {
      const instr = pick(m.at);
      if (!instr) return CHARS[m.which] + text;
      const start = model.offsetAt(instr.range.start);
      const end = model.offsetAt(instr.range.end);
      const at = start + (m.offset % Math.max(1, end - start + 1));
      return text.slice(0, at) + CHARS[m.which] + text.slice(at);
    }
  }
}
