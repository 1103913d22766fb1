// The Image Layers view's one script (loaded with the page's nonce): clicks become messages to the
// extension, which reveals a Dockerfile line, opens a rule, or cancels the reading of the layers.
// It reads only data attributes the page wrote. The wasted bytes come later, as the section the
// extension rendered (escaped as the page was): placed in the page, never reloading it.
/* global acquireVsCodeApi, document, window, Element */
(function () {
  const vscode = acquireVsCodeApi();
  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('button') : null;
    if (!target) return;
    if (target.classList.contains('reveal')) {
      const line = Number(target.dataset.line);
      if (Number.isSafeInteger(line) && line >= 0) vscode.postMessage({ type: 'reveal', line });
    } else if (target.classList.contains('rule')) {
      vscode.postMessage({ type: 'rule', id: String(target.dataset.rule) });
    } else if (target.classList.contains('cancel')) {
      target.disabled = true;
      vscode.postMessage({ type: 'cancel' });
    }
  });
  window.addEventListener('message', (event) => {
    const message = event.data;
    const section = document.getElementById('waste');
    if (section && message && message.type === 'waste' && typeof message.html === 'string')
      section.innerHTML = message.html;
  });
  // a page drawn again (shown after being hidden) asks for what it may have missed
  vscode.postMessage({ type: 'ready' });
})();
