// The Image Layers view: one webview panel beside the editor, showing the image last asked for.
// Its page sends three messages, each checked against what the page was given before anything
// happens: reveal a line it lists, open a rule it links, cancel the reading of the layers; and it
// says when it is ready. The page is drawn once an image: the wasted bytes, read later, are sent
// to it, as a page drawn twice in quick succession could stay blank in the webview.
import * as vscode from 'vscode';
import { layersHtml, wasteSection } from './layersHtml';
import type { LayersModel, WasteState } from './layersModel';

/** What the page may ask for. */
export type PageMessage =
  { type: 'reveal'; line: number } | { type: 'rule'; id: string } | { type: 'cancel' } | { type: 'ready' };

/** What the view shows now, for tests: the model the page was rendered from, and its Dockerfile. */
export interface ShownLayers {
  model: LayersModel;
  dockerfile?: string;
  /** Whether the page has loaded since it was last drawn (it is drawn again when shown after being hidden). */
  pageReady: boolean;
}

export class ImageLayersPanel implements vscode.Disposable {
  private panel?: vscode.WebviewPanel;
  private model?: LayersModel;
  private dockerfile?: vscode.Uri;
  private cancel?: () => void;
  /** Counts the images shown: wasted bytes read for an earlier one are not drawn on a later one. */
  private showing = 0;
  private pageReady = false;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly openRule: (id: string) => Thenable<unknown>,
  ) {}

  /**
   * Shows the image's layers (its wasted bytes still being read); `cancel` stops that reading.
   * Returns the token setWaste takes.
   */
  show(model: LayersModel, dockerfile: vscode.Uri | undefined, cancel: () => void): number {
    this.cancel?.();
    this.model = model;
    this.dockerfile = dockerfile;
    this.cancel = cancel;
    if (!this.panel) {
      const media = vscode.Uri.joinPath(this.extensionUri, 'media');
      this.panel = vscode.window.createWebviewPanel(
        'dockwright.imageLayers',
        'Image Layers',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: true, localResourceRoots: [media], enableFindWidget: true },
      );
      this.panel.iconPath = vscode.Uri.joinPath(media, 'dockwright.svg');
      this.panel.webview.onDidReceiveMessage((m: unknown) => void this.handle(m));
      // hidden, the page is gone; it is drawn again, and says it is ready, once shown
      this.panel.onDidChangeViewState(({ webviewPanel }) => {
        if (!webviewPanel.visible) this.pageReady = false;
      });
      this.panel.onDidDispose(() => {
        this.cancel?.();
        this.panel = undefined;
        this.model = undefined;
      });
    } else this.panel.reveal(undefined, true);
    this.panel.title = `Image Layers: ${model.image}`;
    this.render();
    return ++this.showing;
  }

  /** The wasted bytes, once read (or why not); ignored when the view has moved on to another image. */
  setWaste(token: number, waste: WasteState): void {
    if (token !== this.showing || !this.model) return;
    this.model = { ...this.model, waste };
    if (waste.state !== 'reading') this.cancel = undefined;
    this.sendWaste();
  }

  /** The wasted bytes as the model has them now, to the page: dropped while it is hidden, asked for again once shown. */
  private sendWaste(): void {
    if (this.panel && this.model)
      void this.panel.webview.postMessage({ type: 'waste', html: wasteSection(this.model.waste) });
  }

  shown(): ShownLayers | undefined {
    return this.model && { model: this.model, dockerfile: this.dockerfile?.toString(), pageReady: this.pageReady };
  }

  /** A message from the page (or from a test, as the page would send it). */
  async handle(message: unknown): Promise<void> {
    const m = message as Partial<PageMessage> | undefined;
    if (m?.type === 'ready') {
      this.pageReady = true;
      this.sendWaste();
    } else if (m?.type === 'cancel') this.cancel?.();
    else if (m?.type === 'reveal' && typeof m.line === 'number' && this.offersLine(m.line)) await this.reveal(m.line);
    else if (m?.type === 'rule' && typeof m.id === 'string' && this.linksRule(m.id)) await this.openRule(m.id);
  }

  private offersLine(line: number): boolean {
    const model = this.model;
    if (!model || !this.dockerfile) return false;
    const lines = [
      ...model.rows.map((r) => r.line),
      ...(model.waste.state === 'done' ? model.waste.entries.flatMap((e) => [e.addedBy.line, e.hiddenBy.line]) : []),
    ];
    return lines.includes(line);
  }

  private linksRule(id: string): boolean {
    return this.model?.waste.state === 'done' && this.model.waste.entries.some((e) => e.rule === id);
  }

  private async reveal(line: number): Promise<void> {
    const uri = this.dockerfile!;
    const document = await vscode.workspace.openTextDocument(uri);
    if (line >= document.lineCount) return;
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    const start = new vscode.Position(line, 0);
    const editor = await vscode.window.showTextDocument(document, {
      viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
      selection: new vscode.Range(start, start),
    });
    editor.revealRange(document.lineAt(line).range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private render(): void {
    if (!this.panel || !this.model) return;
    const { webview } = this.panel;
    this.pageReady = false;
    const media = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', file));
    webview.html = layersHtml(this.model, {
      cspSource: webview.cspSource,
      // the global Web Crypto: requiring node:crypto at activation would cost 12 to 30 ms
      nonce: Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64'),
      styleUri: media('imageLayers.css').toString(),
      scriptUri: media('imageLayers.js').toString(),
    });
  }

  dispose(): void {
    this.cancel?.();
    this.panel?.dispose();
  }
}
