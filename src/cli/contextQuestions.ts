// What one lint asked of its build context, each answer kept as a fingerprint: a cached result
// holds while the same questions get the same answers, "no such file" included, so a new
// `.dockerignore` or `package.json` invalidates exactly the Dockerfiles whose rules looked for it.
import { createHash } from 'node:crypto';
import type { ContextView } from '../core/rule';

export type QuestionKind = 'read' | 'exists' | 'list';
/** What was asked, of which path (as the rule gave it), and the answer's fingerprint. */
export type ContextQuestion = [QuestionKind, string, string];

export const QUESTION_KINDS: readonly QuestionKind[] = ['read', 'exists', 'list'];

export function fingerprint(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('base64url');
}

function answer(view: ContextView, kind: QuestionKind, p: string): string {
  if (kind === 'exists') return view.exists(p) ? 'yes' : 'no';
  if (kind === 'list') return fingerprint(view.list(p).join('\0'));
  const text = view.readFile(p);
  return text === undefined ? 'missing' : fingerprint(text);
}

/** The view, and the questions asked through it so far (each once). */
export function recordingView(view: ContextView): { view: ContextView; questions(): ContextQuestion[] } {
  const asked = new Map<string, ContextQuestion>();
  const ask = (kind: QuestionKind, p: string) => {
    const key = `${kind}\0${p}`;
    if (!asked.has(key)) asked.set(key, [kind, p, answer(view, kind, p)]);
  };
  return {
    view: {
      dockerfilePath: view.dockerfilePath,
      readFile: (p) => (ask('read', p), view.readFile(p)),
      exists: (p) => (ask('exists', p), view.exists(p)),
      list: (p) => (ask('list', p), view.list(p)),
    },
    questions: () => [...asked.values()],
  };
}

/** Whether the build context answers every question as it did. */
export function sameAnswers(view: ContextView, questions: readonly ContextQuestion[]): boolean {
  return questions.every(([kind, p, was]) => answer(view, kind, p) === was);
}
