// VS Code snippet syntax: a parser and an expander that insert what the editor inserts when the
// user accepts every default (the placeholder's text, the first option of a choice), or the
// options a test picks. It follows the grammar in VS Code's documentation and the behaviour of
// its parser (src/vs/editor/contrib/snippet/browser/snippetParser.ts): `\` escapes only `$`, `}`
// and `\` (in choices `,`, `|` and `\`); whatever does not parse as a construct is plain text;
// the first placeholder of an index that has a value gives it to every mirror of that index;
// an unknown variable inserts its own name.
//
// Besides the text it reports what a snippet author most likely did not mean, so the snippet
// tests can refuse it: a `$` that stayed literal (an unescaped shell `$@`), a `${` that never
// closed, variables VS Code does not know.

export type SnippetNode = Text | TabStop | Variable;

interface Text {
  kind: 'text';
  value: string;
}

interface TabStop {
  kind: 'tabstop';
  index: number;
  /** The placeholder's default, `${1:<children>}`; empty for `$1`. */
  children: SnippetNode[];
  /** `${1|a,b|}` */
  choices?: string[];
  transform?: Transform;
}

interface Variable {
  kind: 'variable';
  name: string;
  /** The default, `${NAME:<children>}`, used when the variable has no value. */
  children: SnippetNode[];
  transform?: Transform;
}

interface Transform {
  regexp: RegExp;
  format: FormatPart[];
}

type FormatPart =
  | { kind: 'text'; value: string }
  | { kind: 'group'; index: number; shorthand?: string; ifValue?: string; elseValue?: string };

/** The variables VS Code resolves (https://code.visualstudio.com/docs/editing/userdefinedsnippets#_variables). */
export const KNOWN_VARIABLES: ReadonlySet<string> = new Set([
  'TM_SELECTED_TEXT',
  'TM_CURRENT_LINE',
  'TM_CURRENT_WORD',
  'TM_LINE_INDEX',
  'TM_LINE_NUMBER',
  'TM_FILENAME',
  'TM_FILENAME_BASE',
  'TM_DIRECTORY',
  'TM_FILEPATH',
  'RELATIVE_FILEPATH',
  'CLIPBOARD',
  'WORKSPACE_NAME',
  'WORKSPACE_FOLDER',
  'CURSOR_INDEX',
  'CURSOR_NUMBER',
  'CURRENT_YEAR',
  'CURRENT_YEAR_SHORT',
  'CURRENT_MONTH',
  'CURRENT_MONTH_NAME',
  'CURRENT_MONTH_NAME_SHORT',
  'CURRENT_DATE',
  'CURRENT_DAY_NAME',
  'CURRENT_DAY_NAME_SHORT',
  'CURRENT_HOUR',
  'CURRENT_MINUTE',
  'CURRENT_SECOND',
  'CURRENT_SECONDS_UNIX',
  'CURRENT_TIMEZONE_OFFSET',
  'RANDOM',
  'RANDOM_HEX',
  'UUID',
  'BLOCK_COMMENT_START',
  'BLOCK_COMMENT_END',
  'LINE_COMMENT',
]);

export interface ParsedSnippet {
  nodes: SnippetNode[];
  /** Things VS Code accepts but that are almost always mistakes, with their offsets. */
  problems: string[];
}

const VAR_START = /[_a-zA-Z]/;
const VAR_CHAR = /[_a-zA-Z0-9]/;
const DIGIT = /[0-9]/;

class Parser {
  pos = 0;
  readonly problems: string[] = [];

  constructor(private readonly src: string) {}

  parseAll(): SnippetNode[] {
    const nodes: SnippetNode[] = [];
    while (this.pos < this.src.length) this.parseOne(nodes);
    return mergeText(nodes);
  }

  /** One construct or one character into `out`; inside a placeholder `}` ends it, so the caller checks first. */
  private parseOne(out: SnippetNode[]): void {
    const c = this.src[this.pos];
    if (c === '\\') {
      const next = this.src[this.pos + 1];
      if (next === '$' || next === '}' || next === '\\') {
        out.push(text(next));
        this.pos += 2;
      } else {
        out.push(text('\\'));
        this.pos += 1;
      }
      return;
    }
    if (c === '$') {
      const start = this.pos;
      const node = this.parseSimple() ?? this.parseComplex(out);
      if (node === 'fallback') return;
      if (node) {
        out.push(node);
        return;
      }
      this.pos = start + 1;
      this.problems.push(`literal "$" at offset ${start} (escape it as \\$)`);
      out.push(text('$'));
      return;
    }
    out.push(text(c));
    this.pos += 1;
  }

  private name(): string | undefined {
    if (!VAR_START.test(this.src[this.pos] ?? '')) return undefined;
    const start = this.pos;
    while (this.pos < this.src.length && VAR_CHAR.test(this.src[this.pos])) this.pos++;
    return this.src.slice(start, this.pos);
  }

  private int(): number | undefined {
    const start = this.pos;
    while (this.pos < this.src.length && DIGIT.test(this.src[this.pos])) this.pos++;
    return this.pos > start ? Number(this.src.slice(start, this.pos)) : undefined;
  }

  /** `$1`, `$NAME` */
  private parseSimple(): SnippetNode | undefined {
    const start = this.pos;
    this.pos++;
    const name = this.name();
    if (name !== undefined) return { kind: 'variable', name, children: [] };
    const index = this.int();
    if (index !== undefined) return { kind: 'tabstop', index, children: [] };
    this.pos = start;
    return undefined;
  }

  /** `${1}`, `${1:…}`, `${1|a,b|}`, `${1/re/fmt/opts}`, and the same with a variable name. */
  private parseComplex(out: SnippetNode[]): SnippetNode | 'fallback' | undefined {
    const start = this.pos;
    if (this.src[this.pos + 1] !== '{') return undefined;
    this.pos += 2;
    const index = this.int();
    const name = index === undefined ? this.name() : undefined;
    if (index === undefined && name === undefined) {
      this.pos = start;
      return undefined;
    }
    const node: TabStop | Variable =
      index !== undefined ? { kind: 'tabstop', index, children: [] } : { kind: 'variable', name: name!, children: [] };
    const c = this.src[this.pos];
    if (c === '}') {
      this.pos++;
      return node;
    }
    if (c === ':') {
      this.pos++;
      const children: SnippetNode[] = [];
      while (this.pos < this.src.length) {
        if (this.src[this.pos] === '}') {
          this.pos++;
          node.children = mergeText(children);
          return node;
        }
        this.parseOne(children);
      }
      // Never closed: VS Code keeps `${1:` as text followed by what it parsed.
      this.problems.push(`"\${${index ?? name}:" at offset ${start} is never closed`);
      out.push(text(`\${${index ?? name}:`), ...children);
      return 'fallback';
    }
    if (c === '|' && node.kind === 'tabstop' && node.index > 0) {
      this.pos++;
      const choices = this.parseChoices();
      if (choices) {
        node.choices = choices;
        node.children = [text(choices[0])];
        return node;
      }
      this.problems.push(`choice at offset ${start} does not parse (an empty option, or no closing "|}")`);
      this.pos = start;
      return undefined;
    }
    if (c === '/') {
      this.pos++;
      const transform = this.parseTransform();
      if (transform) {
        node.transform = transform;
        return node;
      }
      this.problems.push(`transform at offset ${start} does not parse`);
    }
    this.pos = start;
    return undefined;
  }

  private parseChoices(): string[] | undefined {
    const options: string[] = [];
    for (;;) {
      let value = '';
      while (this.pos < this.src.length && this.src[this.pos] !== ',' && this.src[this.pos] !== '|') {
        const c = this.src[this.pos];
        const next = this.src[this.pos + 1];
        if (c === '\\' && (next === ',' || next === '|' || next === '\\')) {
          value += next;
          this.pos += 2;
        } else {
          value += c;
          this.pos++;
        }
      }
      if (this.pos >= this.src.length || value === '') return undefined;
      options.push(value);
      if (this.src[this.pos] === ',') {
        this.pos++;
        continue;
      }
      // at '|': the choice ends with '|}'
      if (this.src[this.pos + 1] !== '}') return undefined;
      this.pos += 2;
      return options;
    }
  }

  /** After the first `/`: `regex/format/options}`. */
  private parseTransform(): Transform | undefined {
    let source = '';
    for (;;) {
      if (this.pos >= this.src.length) return undefined;
      const c = this.src[this.pos];
      if (c === '/') {
        this.pos++;
        break;
      }
      if (c === '\\' && this.src[this.pos + 1] === '/') {
        source += '/';
        this.pos += 2;
      } else {
        source += c;
        this.pos++;
      }
    }
    const format: FormatPart[] = [];
    for (;;) {
      if (this.pos >= this.src.length) return undefined;
      const c = this.src[this.pos];
      if (c === '/') {
        this.pos++;
        break;
      }
      const next = this.src[this.pos + 1];
      if (c === '\\') {
        format.push({ kind: 'text', value: next === '\\' || next === '/' ? next : '\\' });
        this.pos += next === '\\' || next === '/' ? 2 : 1;
        continue;
      }
      const group = c === '$' ? this.parseFormatGroup() : undefined;
      if (group) format.push(group);
      else {
        format.push({ kind: 'text', value: c });
        this.pos++;
      }
    }
    let flags = '';
    for (;;) {
      if (this.pos >= this.src.length) return undefined;
      const c = this.src[this.pos++];
      if (c === '}') break;
      flags += c;
    }
    try {
      return { regexp: new RegExp(source, flags), format };
    } catch {
      return undefined;
    }
  }

  /** `$1`, `${1}`, `${1:/upcase}`, `${1:+if}`, `${1:-else}`, `${1:?if:else}`, `${1:else}` */
  private parseFormatGroup(): FormatPart | undefined {
    const start = this.pos;
    this.pos++;
    const braced = this.src[this.pos] === '{';
    if (braced) this.pos++;
    const index = this.int();
    const fail = () => {
      this.pos = start;
      return undefined;
    };
    if (index === undefined) return fail();
    if (!braced) return { kind: 'group', index };
    if (this.src[this.pos] === '}') {
      this.pos++;
      return { kind: 'group', index };
    }
    if (this.src[this.pos] !== ':') return fail();
    this.pos++;
    const mode = this.src[this.pos];
    if (mode === '/') {
      this.pos++;
      const shorthand = this.name();
      if (!shorthand || this.src[this.pos] !== '}') return fail();
      this.pos++;
      return { kind: 'group', index, shorthand };
    }
    if (mode === '+' || mode === '-') {
      this.pos++;
      const value = this.until('}');
      if (!value) return fail();
      return mode === '+' ? { kind: 'group', index, ifValue: value } : { kind: 'group', index, elseValue: value };
    }
    if (mode === '?') {
      this.pos++;
      const ifValue = this.until(':');
      const elseValue = ifValue ? this.until('}') : undefined;
      if (!ifValue || !elseValue) return fail();
      return { kind: 'group', index, ifValue, elseValue };
    }
    const elseValue = this.until('}');
    if (!elseValue) return fail();
    return { kind: 'group', index, elseValue };
  }

  /** Raw text up to `end` (consumed), with `\$`, `\}`, `\\` unescaped; undefined when it never comes. */
  private until(end: string): string | undefined {
    let value = '';
    while (this.pos < this.src.length && this.src[this.pos] !== end) {
      const c = this.src[this.pos];
      if (c === '\\') {
        const next = this.src[this.pos + 1];
        if (next !== '$' && next !== '}' && next !== '\\') return undefined;
        value += next;
        this.pos += 2;
        continue;
      }
      value += c;
      this.pos++;
    }
    if (this.pos >= this.src.length) return undefined;
    this.pos++;
    return value;
  }
}

function text(value: string): Text {
  return { kind: 'text', value };
}

function mergeText(nodes: SnippetNode[]): SnippetNode[] {
  const out: SnippetNode[] = [];
  for (const n of nodes) {
    const last = out[out.length - 1];
    if (n.kind === 'text' && last?.kind === 'text') out[out.length - 1] = text(last.value + n.value);
    else out.push(n);
  }
  return out;
}

/** A snippet's `body`: a string, or lines that VS Code joins with `\n`. */
export function bodyText(body: string | readonly string[]): string {
  return typeof body === 'string' ? body : body.join('\n');
}

export function parseSnippet(body: string | readonly string[]): ParsedSnippet {
  const parser = new Parser(bodyText(body));
  const nodes = parser.parseAll();
  const problems = [...parser.problems];
  walk(nodes, (n) => {
    if (n.kind === 'variable' && !KNOWN_VARIABLES.has(n.name))
      problems.push(`unknown variable ${n.name} (VS Code inserts its name; escape a shell variable as \\$${n.name})`);
  });
  return { nodes, problems };
}

/** Every node, depth first, parents before children (the order VS Code's walk uses). */
export function walk(nodes: readonly SnippetNode[], visit: (node: SnippetNode) => void): void {
  for (const n of nodes) {
    visit(n);
    if (n.kind !== 'text') walk(n.children, visit);
  }
}

export interface ExpandOptions {
  /** The option a choice takes; the first when this returns undefined or is not given. */
  choose?: (index: number, options: readonly string[]) => string | undefined;
  /** Values of VS Code's variables (TM_FILENAME …); a missing one takes its default, else its name. */
  variables?: Readonly<Record<string, string>>;
}

export interface Expansion {
  text: string;
  /** Tab stop indexes in the order Tab visits them ($0 last), each once. */
  tabStops: number[];
  /** The options of each choice tab stop. */
  choices: Map<number, string[]>;
  problems: string[];
}

/**
 * The text once the user has tabbed through every placeholder accepting it as it is (or taking the
 * options chosen): mirrors repeat their placeholder, transforms are applied, $0 is empty.
 */
export function expandSnippet(body: string | readonly string[], options: ExpandOptions = {}): Expansion {
  const { nodes, problems } = parseSnippet(body);
  const defining = new Map<number, TabStop>();
  const choices = new Map<number, string[]>();
  walk(nodes, (n) => {
    if (n.kind !== 'tabstop') return;
    if (n.choices && !choices.has(n.index)) choices.set(n.index, n.choices);
    if (n.index !== 0 && !defining.has(n.index) && n.children.length > 0) defining.set(n.index, n);
  });
  const values = new Map<number, string>();
  const resolving = new Set<number>();

  const valueOf = (index: number): string => {
    if (index === 0) return '';
    const cached = values.get(index);
    if (cached !== undefined) return cached;
    const def = defining.get(index);
    if (!def || resolving.has(index)) return '';
    resolving.add(index);
    let value: string;
    if (def.choices) {
      const picked = options.choose?.(index, def.choices);
      if (picked !== undefined && !def.choices.includes(picked))
        throw new Error(`$${index} has no option ${JSON.stringify(picked)}`);
      value = picked ?? def.choices[0];
    } else value = render(def.children);
    resolving.delete(index);
    values.set(index, value);
    return value;
  };

  const render = (list: readonly SnippetNode[]): string =>
    list
      .map((n) => {
        if (n.kind === 'text') return n.value;
        if (n.kind === 'tabstop') {
          const value = n.index === 0 ? render(n.children) : valueOf(n.index);
          return n.transform ? applyTransform(n.transform, value) : value;
        }
        const known = options.variables?.[n.name];
        if (n.transform) return applyTransform(n.transform, known ?? '');
        if (known !== undefined) return known;
        return n.children.length ? render(n.children) : n.name;
      })
      .join('');

  const textOut = render(nodes);
  const indexes = new Set<number>();
  walk(nodes, (n) => {
    if (n.kind === 'tabstop') indexes.add(n.index);
  });
  const tabStops = [...indexes].filter((i) => i > 0).sort((a, b) => a - b);
  if (indexes.has(0)) tabStops.push(0);
  return { text: textOut, tabStops, choices, problems };
}

function applyTransform(transform: Transform, value: string): string {
  let matched = false;
  let out = value.replace(transform.regexp, (...args: unknown[]) => {
    matched = true;
    return formatWith(transform.format, args.slice(0, -2) as string[]);
  });
  // VS Code runs the else branches when the regex does not match at all
  if (!matched && transform.format.some((p) => p.kind === 'group' && p.elseValue))
    out = formatWith(transform.format, []);
  return out;
}

function formatWith(format: readonly FormatPart[], groups: readonly (string | undefined)[]): string {
  return format
    .map((p) => {
      if (p.kind === 'text') return p.value;
      const value = groups[p.index] ?? '';
      switch (p.shorthand) {
        case 'upcase':
          return value.toLocaleUpperCase();
        case 'downcase':
          return value.toLocaleLowerCase();
        case 'capitalize':
          return value ? value[0].toLocaleUpperCase() + value.slice(1) : '';
        case 'pascalcase':
        case 'camelcase': {
          const words = value.match(/[a-z0-9]+/gi);
          if (!words) return value;
          return words
            .map(
              (w, i) => (p.shorthand === 'camelcase' && i === 0 ? w[0].toLowerCase() : w[0].toUpperCase()) + w.slice(1),
            )
            .join('');
        }
      }
      if (value && p.ifValue !== undefined) return p.ifValue;
      if (!value && p.elseValue !== undefined) return p.elseValue;
      return value;
    })
    .join('');
}
