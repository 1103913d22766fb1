// The Image Layers view's model and page, decided without vscode: what it lists, and that nothing
// from the image (its name, created_by strings, paths inside its layers) becomes markup.
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../src/core/dockerfile/model';
import { mapHistory, type ImageFacts, type WasteReport } from '../../../src/core/images';
import { layersHtml, MAX_WASTE_ROWS, type PageResources } from '../../../src/vscode/images/layersHtml';
import { layersModel, wasteState, type LayersModel } from '../../../src/vscode/images/layersModel';
import { recorded } from '../images/recorded';

const RESOURCES: PageResources = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'bm9uY2Ut',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/imageLayers.css',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/imageLayers.js',
};

function docker20(): LayersModel {
  const { dockerfile, facts } = recorded('docker20-multistage');
  const model = parseDockerfile(dockerfile);
  return layersModel({
    image: 'app:1',
    engine: 'docker',
    facts,
    dockerfile: 'web/Dockerfile',
    model,
    mapping: mapHistory(model, facts.history),
  });
}

function waste(partial: Partial<WasteReport['entries'][number]>[]): WasteReport {
  const entries = partial.map((e) => ({
    path: '/big',
    bytes: 10,
    files: 1,
    how: 'removed' as const,
    addedBy: { layer: 4, historyIndex: 8, line: 10 },
    hiddenBy: { layer: 5, historyIndex: 9, line: 11 },
    ...e,
  }));
  return { total: entries.reduce((sum, e) => sum + e.bytes, 0), unreadable: [], entries };
}

/** Text as the browser reads it out of the page's markup. */
const decoded = (html: string) =>
  html.replace(
    /&(lt|gt|quot|#39|amp);/g,
    (_, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e]!,
  );

/** The text of the page's cells, tags dropped, one row a line: what a screen reader reads. */
function tableText(html: string, table: string): string[] {
  const body = new RegExp(`<table class="${table}">[\\s\\S]*?<tbody>([\\s\\S]*?)</tbody>`).exec(html)?.[1] ?? '';
  return body
    .split('</tr>')
    .map((row) =>
      row
        .replace(/<svg[\s\S]*?<\/svg>/g, '')
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter(Boolean)
    .map(decoded);
}

describe('the Image Layers view (unit)', () => {
  it('lists each instruction of the built stages with its bytes and share, the base image first', () => {
    const model = docker20();
    assert.equal(model.total, '5.1 MB');
    assert.deepEqual(model.base, { image: 'local/busybox:1', size: '2.0 MB', share: 1984181 / model.totalBytes });
    const html = layersHtml(model, RESOURCES);
    const rows = tableText(html, 'layers');
    assert.equal(rows[0], 'line 4 FROM local/busybox:1 base image 2.0 MB 38.7 %');
    assert.equal(rows[7], 'line 11 RUN dd if=/dev/zero of=/big bs=1M count=3 +3.1 MB 61.3 %');
    assert.equal(rows[9], 'line 13 RUN echo "$VERSION" > /v && … +7 B 0.0 %');
    assert.equal(rows.length, 13);
    assert.match(html, /<tr class="layer" data-line="10">/, 'a row knows its line');
    assert.match(html, /<button type="button" class="link reveal" data-line="10"/, 'and reveals it');
  });

  for (const [asked, shownAs] of [
    [`sha256:${'ab'.repeat(32)}`, `sha256:${'ab'.repeat(6)}`],
    ['registry.example.com:5000/team/app:1.0', 'registry.example.com:5000/team/app:1.0'],
    [`app@sha256:${'ab'.repeat(32)}`, `app@sha256:${'ab'.repeat(32)}`],
  ]) {
    it(`names the image ${asked} as ${shownAs}`, () => {
      const { facts } = recorded('docker20-multistage');
      assert.equal(layersModel({ image: asked, engine: 'docker', facts }).image, shownAs);
    });
  }

  it('shows the history by entry, and why, when it does not map to the Dockerfile', () => {
    const { facts } = recorded('docker20-multistage');
    const model = parseDockerfile('FROM alpine\nRUN apk add curl\n');
    const shown = layersModel({
      image: 'x',
      engine: 'docker',
      facts,
      dockerfile: 'Dockerfile',
      model,
      mapping: mapHistory(model, facts.history),
    });
    assert.match(shown.unmapped ?? '', /is not line 2's RUN/);
    assert.equal(shown.rows.length, facts.history.length);
    assert.ok(shown.rows.every((r) => r.line === undefined && /^#\d+$/.test(r.where)));
    const html = layersHtml(shown, RESOURCES);
    assert.match(html, /Sizes by history entry, not by line: /);
    assert.doesNotMatch(html, /data-line/, 'nothing to reveal');
  });

  it('lists wasted bytes with the layers that added and hid them, and the rule that avoids them', () => {
    const model = { ...docker20() };
    model.waste = wasteState(
      waste([
        { path: '/var/lib/apt/lists/', bytes: 2_000_000, files: 40, rule: 'apt-lists-cleanup' },
        {
          path: '/big',
          bytes: 3_145_728,
          addedBy: { layer: 1, historyIndex: 3, line: 3, base: true },
          hiddenBy: { layer: 5 },
        },
      ]),
    );
    const rows = tableText(layersHtml(model, RESOURCES), 'waste');
    assert.deepEqual(rows, [
      '/var/lib/apt/lists/ (40 files) 2.0 MB line 11 removed by line 12 apt-lists-cleanup',
      '/big (1 file) 3.1 MB line 4 (base image) removed by layer 6',
    ]);
    assert.match(layersHtml(model, RESOURCES), /Wasted: <strong>5.1 MB<\/strong>/);
  });

  it(`lists at most ${MAX_WASTE_ROWS} wasted-bytes entries, and counts the rest`, () => {
    const model = { ...docker20(), waste: wasteState(waste(Array.from({ length: MAX_WASTE_ROWS + 5 }, () => ({})))) };
    const html = layersHtml(model, RESOURCES);
    assert.equal(tableText(html, 'waste').length, MAX_WASTE_ROWS);
    assert.match(html, /and 5 more entries, not listed/);
  });

  it('says the layers are being read, with a button to cancel, then why they were not', () => {
    assert.match(
      layersHtml(docker20(), RESOURCES),
      /role="status" class="reading">Reading the image’s layers… <button type="button" class="cancel">/,
    );
    const failed = { ...docker20(), waste: { state: 'failed' as const, message: 'the engine does not answer: <x>' } };
    assert.match(layersHtml(failed, RESOURCES), /role="status" class="failed">the engine does not answer: &lt;x&gt;</);
  });

  it('lets in only its own style sheet and the script with its nonce; bars are hidden from screen readers', () => {
    const html = layersHtml(docker20(), RESOURCES);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    assert.equal(
      decoded(csp ?? ''),
      `default-src 'none'; style-src ${RESOURCES.cspSource}; script-src 'nonce-${RESOURCES.nonce}'; img-src ${RESOURCES.cspSource}; font-src ${RESOURCES.cspSource}`,
    );
    assert.deepEqual(
      [...html.matchAll(/<script[^>]*>/g)].map((m) => m[0]),
      [`<script nonce="${RESOURCES.nonce}" src="${RESOURCES.scriptUri}">`],
    );
    assert.doesNotMatch(
      html,
      /style=|<style|https?:\/\/(?!file\+\.vscode-resource)/,
      'no inline style, nothing remote',
    );
    const bars = [...html.matchAll(/<svg[^>]*>/g)].map((m) => m[0]);
    assert.ok(bars.length >= 13 && bars.every((b) => b.includes('aria-hidden="true"')), bars.join('\n'));
    assert.match(html, /<th scope="col" class="num">Size<\/th>/, 'a real table, with headers');
  });

  // What an image's author controls, each in every place it is shown, and how it reads there.
  const HOSTILE: [what: string, text: string, reads: string][] = [
    ['a script tag', '<script>alert(1)</script>', '<script>alert(1)</script>'],
    ['an attribute break-out', '"><img src=x onerror=alert(1)>', '"><img src=x onerror=alert(1)>'],
    ['a single-quoted break-out', "' onmouseover='alert(1)", "' onmouseover='alert(1)"],
    ['an entity', '&lt;b&gt;', '&lt;b&gt;'],
    ['a comment opener', '<!-- x', '<!-- x'],
    ['a bidi override and controls', 'ok\u202etxt.exe\u001b[2J', 'ok\\u202etxt.exe\\u001b[2J'],
  ];
  for (const [what, text, reads] of HOSTILE) {
    it(`escapes ${what} in the image name, Dockerfile path, created_by and layer paths`, () => {
      const facts: ImageFacts = {
        id: 'sha256:0123456789abcdef',
        tags: [],
        inspectSize: 0,
        layerCount: 1,
        onBuild: [],
        history: [{ createdBy: `RUN ${text}`, size: 5, emptyLayer: false, comment: '' }],
      };
      const model = layersModel({ image: text, engine: 'docker', facts, dockerfile: text });
      model.waste = wasteState(
        waste([
          {
            path: `/${text}`,
            rule: text,
            addedBy: { layer: 0, historyIndex: 0, createdBy: text },
            hiddenBy: { layer: 1, historyIndex: 0, createdBy: text },
          },
        ]),
      );
      const html = layersHtml(model, RESOURCES);
      const tags = html.match(/<[^>]*>/g) ?? [];
      assert.ok(!tags.some((t) => /onerror|onmouseover|<img|<!--/.test(t)), 'no markup comes from the text');
      assert.equal(tags.filter((t) => t.startsWith('<script')).length, 1, 'only the page’s own script');
      assert.ok(
        !html.includes('\u202e') && !html.includes('\u001b'),
        'controls and bidi overrides are shown as escapes',
      );
      assert.doesNotMatch(html, /data-rule=/, 'a rule id that is not one is not linked');
      const cells = [...tableText(html, 'layers'), ...tableText(html, 'waste')].join('\n');
      assert.ok(cells.includes(`RUN ${reads}`), `created_by reads as written: ${cells}`);
      assert.ok(cells.includes(`/${reads}`), 'the path reads as written');
      assert.ok(decoded(html).includes(`<h1>${reads}</h1>`), 'the image name reads as written');
    });
  }

  for (const [name, line] of [
    ['negative', -1],
    ['fractional', 1.5],
    ['not a number', Number.NaN],
  ] as const) {
    it(`gives no line to reveal for a ${name} line`, () => {
      const model = { ...docker20() };
      model.rows = [{ ...model.rows[0], line }];
      assert.doesNotMatch(layersHtml(model, RESOURCES), /data-line/);
    });
  }
});
