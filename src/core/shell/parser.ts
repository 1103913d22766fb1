// mvdan-sh, the shell parser (Go compiled to JavaScript by GopherJS): loaded on first use, one
// parser reused, and the few helpers that read GopherJS values (slices, nil pointers, type names).
/* eslint-disable @typescript-eslint/no-explicit-any -- mvdan-sh's GopherJS AST has no types */

type ShModule = typeof import('mvdan-sh');
let sh: ShModule | undefined;
// mvdan-sh takes ~140 ms to load: load it only when a RUN is first analysed.
function shell(): ShModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  sh ??= require('mvdan-sh') as ShModule;
  return sh;
}

let parser: any;

/** Parses shell text with one reused parser: making a parser costs more than most parses. Throws on a syntax error. */
export function parseShell(text: string): any {
  parser ??= shell().syntax.NewParser();
  try {
    return parser.Parse(text, '');
  } catch (error) {
    parser = undefined; // a parser that failed is not trusted again
    throw error;
  }
}

/** The elements of a GopherJS slice. */
export function items(slice: any): any[] {
  const out: any[] = [];
  for (let i = 0; i < (slice?.$length ?? 0); i++) out.push(slice.$array[slice.$offset + i]);
  return out;
}

/** A nil Go pointer: GopherJS keeps one `nil` object per pointer type. */
export function isNil(pointer: any): boolean {
  return !pointer || pointer === pointer.constructor?.nil;
}

/** The Go type's name, e.g. `CallExpr` for `*syntax.CallExpr`; '' for a nil interface. */
export function goType(value: any): string {
  const name: unknown = value?.constructor?.string;
  return typeof name === 'string' ? name.slice(name.lastIndexOf('.') + 1) : '';
}
