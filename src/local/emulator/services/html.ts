/**
 * HtmlService: HtmlOutput over project files (host.projectFile). Templates are not
 * emulated: Kartoteka serves its sidebar with createHtmlOutputFromFile (DESIGN.md).
 */
import type { ServiceHost } from '../execution';
import { apiObject } from '../guard';

export const X_FRAME_OPTIONS_MODE = Object.freeze({ ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' });
export const SANDBOX_MODE = Object.freeze({
  EMULATED: 'EMULATED',
  IFRAME: 'IFRAME',
  NATIVE: 'NATIVE',
});

/** What Ui.showSidebar/showModalDialog need from an HtmlOutput, read without counting calls. */
export interface HtmlOutputSnapshot {
  html: string;
  title: string;
  width: number;
  height: number;
  xFrameOptionsMode: string;
}

const snapshots = new WeakMap<object, () => HtmlOutputSnapshot>();

/**
 * For the emulated Ui (SpreadsheetApp): the output's state as the script left it. Reading it
 * through getContent()/getTitle() would count calls the script never made. Undefined for an
 * object that is not an emulated HtmlOutput.
 */
export function htmlOutputSnapshot(output: unknown): HtmlOutputSnapshot | undefined {
  const read = typeof output === 'object' && output !== null ? snapshots.get(output) : undefined;
  return read?.();
}

function createOutput(host: ServiceHost, initial: string): GoogleAppsScript.HTML.HtmlOutput {
  let content = initial;
  let title = '';
  let width = 0;
  let height = 0;
  let faviconUrl = '';
  let xFrameOptionsMode: string = X_FRAME_OPTIONS_MODE.DEFAULT;
  const metaTags: Array<{ name: string; content: string }> = [];
  const call = (method: string) => host.call('HtmlOutput', method, { needsAuthorization: false });
  const output = apiObject('HtmlOutput', {
    getContent() {
      call('getContent');
      return content;
    },
    setContent(newContent: string) {
      call('setContent');
      content = String(newContent);
      return output;
    },
    append(addedContent: string) {
      call('append');
      content += String(addedContent);
      return output;
    },
    appendUntrusted(addedContent: string) {
      call('appendUntrusted');
      content += String(addedContent)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&#39;');
      return output;
    },
    clear() {
      call('clear');
      content = '';
      return output;
    },
    getTitle() {
      call('getTitle');
      return title;
    },
    setTitle(newTitle: string) {
      call('setTitle');
      title = String(newTitle);
      return output;
    },
    getWidth() {
      call('getWidth');
      return width;
    },
    setWidth(newWidth: number) {
      call('setWidth');
      width = Number(newWidth);
      return output;
    },
    getHeight() {
      call('getHeight');
      return height;
    },
    setHeight(newHeight: number) {
      call('setHeight');
      height = Number(newHeight);
      return output;
    },
    getFaviconUrl() {
      call('getFaviconUrl');
      return faviconUrl;
    },
    setFaviconUrl(url: string) {
      call('setFaviconUrl');
      faviconUrl = String(url);
      return output;
    },
    addMetaTag(name: string, tagContent: string) {
      call('addMetaTag');
      metaTags.push({ name: String(name), content: String(tagContent) });
      return output;
    },
    getMetaTags() {
      call('getMetaTags');
      return metaTags.map((tag) =>
        apiObject('HtmlOutputMetaTag', { getName: () => tag.name, getContent: () => tag.content }),
      );
    },
    setXFrameOptionsMode(mode: string) {
      call('setXFrameOptionsMode');
      xFrameOptionsMode = String(mode);
      return output;
    },
    /** IFRAME is the only mode left; Google ignores the others. */
    setSandboxMode(_mode: string) {
      call('setSandboxMode');
      return output;
    },
  });
  snapshots.set(output, () => ({ html: content, title, width, height, xFrameOptionsMode }));
  // No blobs or templates; enums are string names.
  return output as unknown as GoogleAppsScript.HTML.HtmlOutput;
}

export function createHtmlService(host: ServiceHost): GoogleAppsScript.HTML.HtmlService {
  const service = {
    XFrameOptionsMode: X_FRAME_OPTIONS_MODE,
    SandboxMode: SANDBOX_MODE,
    createHtmlOutput(html?: string) {
      host.call('HtmlService', 'createHtmlOutput', { needsAuthorization: false });
      return createOutput(host, html === undefined ? '' : String(html));
    },
    createHtmlOutputFromFile(filename: string) {
      host.call('HtmlService', 'createHtmlOutputFromFile', { needsAuthorization: false });
      // Google accepts the name with or without the ".html" extension.
      const name = String(filename).replace(/\.html$/, '');
      const file = host.projectFile(name);
      if (file === undefined) throw new Error(`No HTML file named ${filename} was found.`);
      return createOutput(host, file);
    },
  };
  return service as unknown as GoogleAppsScript.HTML.HtmlService;
}
