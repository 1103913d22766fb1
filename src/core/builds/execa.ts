// execa is an ES module and this project compiles to CommonJS: TypeScript refuses a static import
// of it, so it is loaded once with a dynamic import (esbuild bundles it all the same).
import type * as Execa from 'execa' with { 'resolution-mode': 'import' };

export type { Execa };

let loading: Promise<typeof Execa> | undefined;

export function loadExeca(): Promise<typeof Execa> {
  return (loading ??= import('execa'));
}
