/**
 * HtmlService: HtmlOutput over the project's HTML files. Kartoteka serves its sidebar with
 * createHtmlOutputFromFile (a template would choke on a "<?" inside the bundle).
 * https://developers.google.com/apps-script/reference/html/html-service
 */
import type { ServiceHost } from '../execution';

class EmuHtmlOutput {
  private title = '';
  private width?: number;
  private height?: number;
  constructor(
    private readonly host: ServiceHost,
    private content: string,
  ) {}
  private call(method: string): void {
    this.host.call('HtmlOutput', method);
  }
  setTitle(title: string): this {
    this.call('setTitle');
    this.title = title;
    return this;
  }
  getTitle(): string {
    this.call('getTitle');
    return this.title;
  }
  setWidth(width: number): this {
    this.call('setWidth');
    this.width = width;
    return this;
  }
  getWidth(): number {
    this.call('getWidth');
    return this.width ?? 300;
  }
  setHeight(height: number): this {
    this.call('setHeight');
    this.height = height;
    return this;
  }
  getHeight(): number {
    this.call('getHeight');
    return this.height ?? 0;
  }
  getContent(): string {
    this.call('getContent');
    return this.content;
  }
  setContent(content: string): this {
    this.call('setContent');
    this.content = content;
    return this;
  }
  append(addedContent: string): this {
    this.call('append');
    this.content += addedContent;
    return this;
  }
  setXFrameOptionsMode(_mode: string): this {
    this.call('setXFrameOptionsMode');
    return this;
  }
  setSandboxMode(_mode: string): this {
    this.call('setSandboxMode');
    return this;
  }
}

export function createHtmlService(host: ServiceHost) {
  return {
    XFrameOptionsMode: { ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' },
    SandboxMode: { IFRAME: 'IFRAME', NATIVE: 'NATIVE', EMULATED: 'EMULATED' },
    createHtmlOutputFromFile(filename: string): EmuHtmlOutput {
      host.call('HtmlService', 'createHtmlOutputFromFile', { needsAuthorization: false });
      const content = host.projectFile(filename.replace(/\.html$/, ''));
      if (content === undefined) throw new Error(`No HTML file named ${filename} was found.`);
      return new EmuHtmlOutput(host, content);
    },
    createHtmlOutput(html = ''): EmuHtmlOutput {
      host.call('HtmlService', 'createHtmlOutput', { needsAuthorization: false });
      return new EmuHtmlOutput(host, String(html));
    },
  };
}
