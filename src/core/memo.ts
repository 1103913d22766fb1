// Answers kept on the object they are about. A WeakMap would do the same job, but when its value
// points back at its key (a RUN's parsed script → the model → the RUN), V8's young-generation
// collector keeps the entry alive until a full collection: in the editor every scavenge then
// copied ~3.4 MB of old models and took ~10 ms, on one re-lint in six. A property dies with its
// object. It is not enumerable, so spreads and JSON never see it.
// `null` stands for "nothing": an answer is never undefined, so one read tells a kept answer.
export function memoOn<V extends object | string | number | boolean | null>(target: object, key: symbol, compute: () => V): V {
  const kept = (target as Record<symbol, V | undefined>)[key];
  if (kept !== undefined) return kept;
  const value = compute();
  Object.defineProperty(target, key, { value, enumerable: false });
  return value;
}
