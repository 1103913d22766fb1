// The build context the context rules read is the Dockerfile's folder, unless a buildx task in
// tasks.json names another: here the task's context (task-context/) has no .dockerignore, while
// the Dockerfile's own folder (task-context/app/) has one.
import assert from 'node:assert/strict';
import { codes, openEditor, waitForCodes } from './helpers';

describe('build context from a task (real VS Code)', () => {
  it('lints against the context a buildx task names, not the Dockerfile folder', async () => {
    const { document } = await openEditor('task-context', 'app', 'Dockerfile');
    const found = await waitForCodes(document.uri, 'dockerignore-missing', (c) => c.includes('dockerignore-missing'));
    assert.ok(found.includes('dockerignore-missing'), JSON.stringify(codes(document.uri)));
  });
});
