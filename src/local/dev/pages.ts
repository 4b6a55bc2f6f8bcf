/**
 * The two pages the dev server serves: the grid page (web/app.ts) and the sidebar (the
 * bundle's sidebar HTML with the google.script.run shim, web/shim.ts). Both carry the
 * request token their scripts send back (request-check.ts).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as esbuild from 'esbuild';
import { tokenMetaTag } from './request-check';

const WEB_DIR = join(dirname(new URL(import.meta.url).pathname), '..', 'web');

export interface WebAssets {
  shimJs: string;
  appJs: string;
  appCss: string;
}

async function bundleWebAsset(entry: string): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [join(WEB_DIR, entry)],
    bundle: true,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text.replace(/<\/(script)/gi, '<\\/$1');
}

export async function buildWebAssets(): Promise<WebAssets> {
  const [shimJs, appJs] = await Promise.all([bundleWebAsset('shim.ts'), bundleWebAsset('app.ts')]);
  return { shimJs, appJs, appCss: readFileSync(join(WEB_DIR, 'app.css'), 'utf8') };
}

export function shellPage(assets: WebAssets, token: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Kartoteka — local runtime</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
${tokenMetaTag(token)}
<style>${assets.appCss}</style></head>
<body><div id="root"></div><script>${assets.appJs}</script></body></html>`;
}

/** `html` is what the script last showed with Ui.showSidebar, or dist/sidebar.html. */
export function sidebarPage(html: string, assets: WebAssets, token: string): string {
  // The shim must exist before the sidebar's own scripts run.
  const injected = `${tokenMetaTag(token)}<script>${assets.shimJs}</script>`;
  return /<head[^>]*>/i.test(html)
    ? html.replace(/<head[^>]*>/i, (head) => `${head}${injected}`)
    : injected + html;
}
