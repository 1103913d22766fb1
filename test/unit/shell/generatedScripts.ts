// Shell scripts for comparing readers: from a small grammar of the shell, some of them broken.

/**
 * A script from a small grammar of the shell (commands, pipelines, lists, compound commands,
 * `$(…)`), then, one time in four, broken: a piece inserted, or a character cut.
 */
export function generatedScript(random: () => number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const some = (max: number, one: () => string, glue: () => string) => {
    let out = one();
    for (let k = Math.floor(random() * max); k > 0; k--) out += glue() + one();
    return out;
  };
  const blank = () => pick([' ', ' ', ' ', '\t', ' \t']);
  const word = (depth: number): string =>
    depth > 0 && random() < 0.1 ? pick(['$(', '"$(', 'x$(']) + list(depth - 1) + pick([')', ')"', ')y']) : pick(WORDS);
  const simple = (depth: number) => {
    const parts: string[] = [];
    for (let k = Math.floor(random() * 3) - 1; k > 0; k--) parts.push(pick(ASSIGNS));
    if (random() < 0.9) parts.push(random() < 0.1 ? word(depth) : pick(COMMANDS));
    for (let k = Math.floor(random() * 3); k > 0; k--) parts.push(random() < 0.15 ? pick(REDIRECTS) : word(depth));
    if (!parts.length) parts.push(pick(REDIRECTS));
    return parts.join(blank());
  };
  const command = (depth: number): string => {
    if (depth <= 0 || random() < 0.75) return simple(depth);
    const body = () => list(depth - 1);
    const end = () => pick(['; ', '\n', ' & ']);
    return pick([
      () =>
        `cat <<${pick(['E', "'E'", '-E', '"E"', ' E'])} ${pick(['', '| b', '> f', '&& b', '"q"'])}\n` +
        `${pick(['x', 'a $X ${Y}', 'a $(b)', '\tE', '"q', "it's", '`a`', 'a\\$'])}\n${pick(['E', 'E', '\tE', 'E ', 'F'])}`,
      () => `( ${body()} )`,
      () => `{ ${body()}${end()}}`,
      () => `if ${body()}${end()}then ${body()}${end()}${random() < 0.5 ? `else ${body()}${end()}` : ''}fi`,
      () => `${pick(['while', 'until'])} ${body()}${end()}do ${body()}${end()}done`,
      () => `for x in ${some(3, () => word(depth), blank)}${pick(['; ', '\n'])}do ${body()}${end()}done`,
      () =>
        `case ${word(depth)} in ${some(
          2,
          () =>
            `${some(
              2,
              () => pick(WORDS),
              () => '|',
            )}) ${body()};;`,
          blank,
        )} esac`,
    ])();
  };
  const pipeline = (depth: number) =>
    (random() < 0.1 ? '! ' : '') +
    some(
      2,
      () => command(depth),
      () => pick([' | ', '|', ' |& ', ' |\n ']),
    );
  const andOr = (depth: number) =>
    some(
      3,
      () => pipeline(depth),
      () => pick([' && ', ' || ', ' &&\n\t', '&&']),
    );
  const list = (depth: number): string =>
    some(
      2,
      () => andOr(depth),
      () => pick(['; ', ';', '\n', ' & ', '\n# c\n']),
    );
  const text = list(2) + pick(['', '', ';', ' &', '\n', ' # end']);
  return random() < 0.25 ? brokenAtRandom(text, random) : text;
}

/** The text with a hostile piece put in, or a character taken out, at a random place. */
export function brokenAtRandom(text: string, random: () => number): string {
  const at = Math.floor(random() * (text.length + 1));
  return random() < 0.5
    ? text.slice(0, at) + HOSTILE[Math.floor(random() * HOSTILE.length)] + text.slice(at)
    : text.slice(0, at) + text.slice(at + 1);
}

// prettier-ignore
const WORDS = [
  'a', 'apt-get', 'install', '-y', '--x=1', '/usr/bin/x', './a.sh', '~/x', '*.txt', 'a?', '[ab]', '[', ']',
  '{a,b}', '"q w"', "'s q'", '"a\\"b"', '"$X"', '"${X}y"', '$X', '${X}', '$1', '$@', '$?', 'x$', 'a\\ b',
  '\\$x', 'a#b', '}', '${X:-y}', '${X%%-*}', '${#X}', '${X/a/b}', '${X##*[a-z]}', '${X:=}', 'A=1', 'fi',
  '${X?}', '${X:+a b}', '${X,}', '${X^^}', '${X//a/b}', '${X:-a}b', '"${X%.*}"', '${X-"a"}', '$X$Y', '$$',
  '`a b`', 'x`a | b`y', '`a; b`', '`if a; then b; fi`', '`a $(b)`', '$(a `b`)', '`a # b`', '`(a)`', "`a 'b`c'",
  '@(x|y)', "@('/i', '/q')", '+(a)', 'a!(b)', '*(a|b)c', '@(a(b)c)', 'é', '"naïve café"', "'’'", 'a\u00a0b',
  'ü$X', '"${X}…"', '日本', '\\é', 'é#x',
];
const COMMANDS = ['a', 'b', 'apt-get', 'cd', 'echo', '"q w"', 'x$', '$X', 'true', '[', 'export', 'local'];
// prettier-ignore
const ASSIGNS = [
  'H=[ab]', "I='v[0-9]*'", 'J=$(a [b])', 'K=a[1]', 'a-b=[c]', 'A=1', 'B=', 'C+=x', 'D="x y"', 'E=$X', 'F=a=b',
  'G=$(a)',
];
const REDIRECTS = ['2>&1', '>|f', '&>f', '<<<w', '>&-', '> f', '<f', '3<>x', '>>"$L"', '2>/dev/null'];
// prettier-ignore
const HOSTILE = [
  '}', '{', ')', '(', '!', 'a[1]=x', 'if', 'then', 'fi', 'for', 'done', 'time', '2>', '"$"', '$', '"', "'",
  '\\', '`id`', '$(', '$((1))', '${X:-$Y}', ';;', '&&&', '<<E\nx\nE', '<(a)', "$'a'", 'é', 'else', 'do',
  '#', 'esac', 'in', 'case', 'while', ';;&', ';&', '$()', '()', '{}', '((a))', '${X:0:1}', '${!X}', '${X,,}',
  'x)', '\\\n', '<<E', '<<E\n', '<<-E\nx\n\tE', '<<E\nE', '<<E <<F\nx\nE\nF\n', '(c)', '@(a', '?(x)', ' (x)',
  '!(a)', '@(', 'x(', ') ', ' {', ' }', 'b (c)', '(a) b', '=(', '=(x)', 'export A=1', 'local x', 'A=1 ',
  ' 2', '|', '&', ';', '\n', '&&', '||', ' ', 'a#b', '#c\n', '\r', '\t', '# Möller\n', '\u00a0', '\u2028', '😀', '\ufeff', '\u0085', 'ß', '`', '`a', '`a \\` b`', '``', '`a\nb`',
  '"`a`"', '`fi`', '`a`b`c`', '`{ a; }`', '`a &`', '`a;`',
];
