// A fix whose edits are worked out when first read. Most findings are never fixed, and the
// editor re-lints on every keystroke; the light bulb, fix-all and `--fix` read the edits, while
// lists and counts read only the title and whether it is safe, which are known up front.
import type { Fix } from '../types';

export type FixBody = Pick<Fix, 'edits' | 'contextEdits' | 'note' | 'secrets'>;

// A class, so the getters live on its prototype: getters defined on each object would give each
// its own hidden class, and V8 keeps those (with the closures, and so the model) until a full
// collection; the warm corpus lint took 60% longer that way.
class LazyFix implements Fix {
  private made?: FixBody;

  constructor(
    readonly title: string,
    readonly safe: boolean,
    private readonly body: () => FixBody,
  ) {}

  private get parts(): FixBody {
    return (this.made ??= this.body());
  }

  get edits() {
    return this.parts.edits;
  }

  get contextEdits() {
    return this.parts.contextEdits;
  }

  get note() {
    return this.parts.note;
  }

  get secrets() {
    return this.parts.secrets;
  }
}

export function lazyFix(title: string, safe: boolean, body: () => FixBody): Fix {
  return new LazyFix(title, safe, body);
}

/** The fix as plain data, its edits worked out: a lint thread posts fixes this way (a LazyFix holds a function). */
export function plainFix(fix: Fix): Fix {
  const plain: Fix = { title: fix.title, safe: fix.safe, edits: fix.edits };
  if (fix.contextEdits) plain.contextEdits = fix.contextEdits;
  if (fix.note !== undefined) plain.note = fix.note;
  if (fix.secrets) plain.secrets = fix.secrets;
  return plain;
}
