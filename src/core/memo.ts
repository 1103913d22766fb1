// Answers kept on the object they are about, in a property that is not enumerable, rather than a
// WeakMap: an entry whose value points back at its key (a RUN's script → the model → the RUN)
// outlives young-generation collections, which then copy old models on the editor's re-lints.
// `null` stands for "nothing": an answer is never undefined, so one read tells a kept answer.
// On an instruction, keep only what the instruction alone decides: the editor's lint session
// (lint/session.ts) carries an unedited instruction, with its answers, into the next model.
export function memoOn<V extends object | string | number | boolean | null>(
  target: object,
  key: symbol,
  compute: () => V,
): V {
  const kept = (target as Record<symbol, V | undefined>)[key];
  if (kept !== undefined) return kept;
  const value = compute();
  Object.defineProperty(target, key, { value, enumerable: false });
  return value;
}
