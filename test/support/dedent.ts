// Multi-line Dockerfiles in tests, written indented like the code around them.

/**
 * The text with the indentation its lines share taken off, and without the line break after the
 * opening line and the indentation before the closing one when those lines are blank. The last
 * content line keeps its line break, so the result ends like a file on disk.
 */
export function dedent(text: string): string {
  const lines = text.split('\n');
  if (lines.length > 1 && !lines[0].trim()) lines.shift();
  if (lines.length > 1 && !lines[lines.length - 1].trim()) lines[lines.length - 1] = '';
  const indents = lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0]);
  let common = indents[0] ?? '';
  for (const indent of indents) while (!indent.startsWith(common)) common = common.slice(0, -1);
  return lines.map((l) => (l.startsWith(common) ? l.slice(common.length) : l.trimStart())).join('\n');
}

/**
 * A template tag for Dockerfiles in tests: the text is taken as written (raw, so a `\` at the end
 * of a line is a Dockerfile continuation, not a JavaScript one), then dedented. Write `\${` for a
 * Dockerfile's `${` and \` for a backtick; `${…}` interpolates as usual.
 *
 *     const text = dockerfile`
 *       FROM debian:12
 *       RUN apt-get update && \
 *           apt-get install -y curl
 *     `; // 'FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y curl\n'
 */
export function dockerfile(strings: TemplateStringsArray, ...values: unknown[]): string {
  let text = '';
  strings.raw.forEach((raw, i) => {
    text += raw.replace(/\\(\$\{|`)/g, '$1');
    if (i < values.length) text += String(values[i]);
  });
  return dedent(text);
}
