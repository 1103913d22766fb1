// The Image Layers view's page: real tables whose numbers are text, bars as decoration hidden from
// screen readers, the editor's theme through its CSS variables (media/imageLayers.css), and a
// Content-Security-Policy that lets in only the extension's own style sheet and the one script with
// this page's nonce. Every text from the model is escaped: image names, created_by strings and
// paths inside layers come from whoever made the image. No vscode here: the unit tests read it.
import type { LayerName, LayerRow, LayersModel, WasteRow, WasteState } from './layersModel';

export interface PageResources {
  /** webview.cspSource: where the style sheet and script may come from. */
  cspSource: string;
  nonce: string;
  styleUri: string;
  scriptUri: string;
}

/** The wasted-bytes entries listed; the rest are counted in a line below the table. */
export const MAX_WASTE_ROWS = 200;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for an element's content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return String(text).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

const RULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A line number for a data attribute: a whole number, or nothing. */
const lineAttr = (line: number | undefined) =>
  line !== undefined && Number.isSafeInteger(line) && line >= 0 ? ` data-line="${line}"` : '';

const percent = (share: number) => `${(Math.min(Math.max(share, 0), 1) * 100).toFixed(1)} %`;

/** A bar as long as the share: an SVG (presentation attributes need no inline style, which the CSP forbids). */
function bar(share: number, kind: string): string {
  const width = (Math.min(Math.max(share, 0), 1) * 100).toFixed(2);
  return `<svg class="bar ${kind}" aria-hidden="true" focusable="false" width="100%" height="12"><rect width="${width}%" height="12"></rect></svg>`;
}

/** A Dockerfile line's label: a button that reveals it, or plain text without a line. */
function lineLink(name: LayerName, what: string): string {
  const attr = lineAttr(name.line);
  return attr
    ? `<button type="button" class="link reveal"${attr} title="Reveal ${escapeHtml(what)} in the Dockerfile">${escapeHtml(name.text)}</button>`
    : escapeHtml(name.text);
}

function layerRow(row: LayerRow): string {
  const kind = row.base ? 'base' : row.size === 'no layer' ? 'empty' : 'layer';
  return `<tr class="${kind}"${lineAttr(row.line)}>
<th scope="row">${lineLink({ text: row.where, line: row.line }, row.where)}</th>
<td><code>${escapeHtml(row.text)}</code>${row.base ? ' <span class="tag">base image</span>' : ''}</td>
<td class="num">${escapeHtml(row.size)}</td>
<td class="num">${percent(row.share)}</td>
<td class="bar-cell">${bar(row.share, kind)}</td>
</tr>`;
}

function ruleLink(rule: string | undefined): string {
  if (!rule || !RULE_ID.test(rule)) return '';
  return `<button type="button" class="link rule" data-rule="${rule}" title="Open the rule ${rule}: how to keep these bytes out">${rule}</button>`;
}

function wasteRow(row: WasteRow, total: number): string {
  const files = `${row.files} file${row.files === 1 ? '' : 's'}`;
  return `<tr>
<td><code>${escapeHtml(row.path)}</code> <span class="muted">(${files})</span></td>
<td class="num">${escapeHtml(row.size)}</td>
<td>${lineLink(row.addedBy, row.addedBy.text)}</td>
<td>${escapeHtml(row.how)} by ${lineLink(row.hiddenBy, row.hiddenBy.text)}</td>
<td>${ruleLink(row.rule)}</td>
<td class="bar-cell">${bar(total > 0 ? row.bytes / total : 0, 'waste')}</td>
</tr>`;
}

/** The wasted-bytes section's contents: in the page as first drawn, and sent to it once they are read. */
export function wasteSection(waste: WasteState): string {
  const heading = '<h2 id="waste-heading">Wasted bytes</h2>';
  const intro =
    '<p class="muted">Files a layer adds that a later layer removes or overwrites: they still travel with the image, though nothing sees them.</p>';
  if (waste.state === 'reading')
    return `${heading}${intro}<p role="status" class="reading">Reading the image’s layers… <button type="button" class="cancel">Cancel</button></p>`;
  if (waste.state !== 'done')
    return `${heading}${intro}<p role="status" class="${waste.state}">${escapeHtml(waste.message)}</p>`;
  const shownRows = waste.entries.slice(0, MAX_WASTE_ROWS);
  const more = waste.entries.length - shownRows.length;
  const table = waste.entries.length
    ? `<table class="waste">
<caption>Wasted bytes by path, largest first</caption>
<thead><tr><th scope="col">Path</th><th scope="col" class="num">Bytes</th><th scope="col">Added by</th><th scope="col">Hidden by</th><th scope="col">Rule that avoids it</th><th scope="col" class="bar-cell"><span class="visually-hidden">Share of the wasted bytes</span></th></tr></thead>
<tbody>
${shownRows.map((r) => wasteRow(r, waste.bytes)).join('\n')}
</tbody>
</table>${more > 0 ? `<p class="muted">and ${more} more entries, not listed</p>` : ''}`
    : '<p>No file is hidden by a later layer.</p>';
  const unreadable = waste.unreadable.length
    ? `<p class="muted">Not counted: ${waste.unreadable.map(escapeHtml).join(', ')}</p>`
    : '';
  return `${heading}${intro}<p class="summary" role="status">Wasted: <strong>${escapeHtml(waste.total)}</strong></p>${table}${unreadable}`;
}

export function layersHtml(model: LayersModel, resources: PageResources): string {
  const { cspSource, nonce } = resources;
  const csp = [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${cspSource}`,
    `font-src ${cspSource}`,
  ].join('; ');
  const facts = [
    `ID ${escapeHtml(model.id)}`,
    escapeHtml(model.engine),
    model.dockerfile === undefined ? 'no Dockerfile' : `built from ${escapeHtml(model.dockerfile)}`,
  ].join(' · ');
  const base = model.base
    ? `; the base image ${escapeHtml(model.base.image)}: <strong>${escapeHtml(model.base.size)}</strong> (${percent(model.base.share)})`
    : '';
  const unmapped = model.unmapped
    ? `<p class="warning" role="note">Sizes by history entry, not by line: ${escapeHtml(model.unmapped)}</p>`
    : '';
  const byLine = model.rows.some((r) => r.line !== undefined);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${escapeHtml(resources.styleUri)}">
<title>Image Layers: ${escapeHtml(model.image)}</title>
</head>
<body>
<header>
<h1>${escapeHtml(model.image)}</h1>
<p class="muted">${facts}</p>
</header>
<main>
<section aria-labelledby="layers-heading">
<h2 id="layers-heading">Layers</h2>
<p class="summary">Total: <strong>${escapeHtml(model.total)}</strong>${base}</p>
${unmapped}
<table class="layers">
<caption>Bytes each ${byLine ? 'instruction' : 'history entry'} added, oldest first</caption>
<thead><tr><th scope="col">${byLine ? 'Line' : 'Entry'}</th><th scope="col">${byLine ? 'Instruction' : 'Created by'}</th><th scope="col" class="num">Size</th><th scope="col" class="num">Share</th><th scope="col" class="bar-cell"><span class="visually-hidden">Share of the image</span></th></tr></thead>
<tbody>
${model.rows.map(layerRow).join('\n')}
</tbody>
<tfoot><tr><th scope="row">Total</th><td></td><td class="num">${escapeHtml(model.total)}</td><td class="num">100.0 %</td><td></td></tr></tfoot>
</table>
</section>
<section id="waste" aria-labelledby="waste-heading">
${wasteSection(model.waste)}
</section>
</main>
<script nonce="${escapeHtml(nonce)}" src="${escapeHtml(resources.scriptUri)}"></script>
</body>
</html>
`;
}
