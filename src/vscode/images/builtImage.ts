// Which image a build wrote, read off its output as it streams: BuildKit's `writing image sha256:…`
// (docker's own image store), its `exporting manifest [list] sha256:…` (the containerd store, where
// the image's ID is its manifest's digest, or its manifest list's, which comes last), or the full ID
// podman prints last. A build with a tag
// is found by the tag too; the ID is what this build wrote, even if the tag has moved since.
// No vscode here: the unit tests read it as is.

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;
const BUILDKIT_ID = /\b(?:writing image|exporting manifest(?: list)?) (sha256:[0-9a-f]{64})\b/;
const PODMAN_ID = /^([0-9a-f]{64})$/;

/** Reads lines as chunks come (a line may be cut between two); keeps the last image ID seen. */
export class BuiltImageScanner {
  private partial = '';
  private id?: string;

  push(text: string): void {
    const lines = (this.partial + text).split(/\r?\n/);
    // a line longer than any ID line is kept short: what matters is at its start
    this.partial = (lines.pop() ?? '').slice(0, 4096);
    for (const line of lines) this.read(line);
  }

  /** The image's ID, when the output named it. */
  imageId(): string | undefined {
    if (this.partial) this.read(this.partial);
    this.partial = '';
    return this.id;
  }

  private read(line: string): void {
    const plain = line.replace(ANSI, '').trim();
    const found = BUILDKIT_ID.exec(plain)?.[1] ?? PODMAN_ID.exec(plain)?.[1];
    if (found) this.id = found;
  }
}
