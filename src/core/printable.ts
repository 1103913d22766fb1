// Text from a repository (file names, FROM values, messages quoting a Dockerfile) reaches a
// terminal, `dockwright lint`'s or a build's: whoever wrote the repository must not be able to move the cursor, clear the screen,
// set the clipboard (OSC 52), overwrite a line (`\r`) or reverse what is shown (U+202E). Every such
// character is written as JSON writes it, `\u001b`, so that it stays visible and one finding stays
// one line. A backslash is left as it is: the form is for reading; `--format json` is for parsing.
// The one place that knows these characters, for the CLI and the editor alike.

/** Characters a terminal acts on rather than shows, and those that reorder or break a line:
 * C0 controls (tab and line breaks too), DEL, C1 controls, bidi marks, embeddings, overrides and
 * isolates, and the Unicode line and paragraph separators. */
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** What JSON.stringify leaves as it is of those: all but the C0 controls, which it escapes. */
const UNESCAPED_BY_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const escaped = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** `text` with every character a terminal would act on written as `\uXXXX`: one line, shown as is. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, escaped);
}

/** JSON text with the controls JSON.stringify keeps escaped too; the value it parses to is the same. */
export function printableJson(json: string): string {
  return json.replace(UNESCAPED_BY_JSON, escaped);
}
