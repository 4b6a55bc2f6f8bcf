/**
 * `npm start`: the local runtime in a browser. Serves a page that shows the workbook's
 * tabs as a grid, the add-on menu, the real dist/sidebar.html in the sidebar position
 * (with a google.script.run shim that calls the built bundle here), the outbox, and the
 * time-driven triggers with a simulated clock. Every change is saved to the workbook file.
 * The routes are in dev/routes.ts; who may call them is decided in dev/request-check.ts.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { watch, type FSWatcher } from 'node:fs';
import { seedDemoWorkbook } from './demo';
import type { Runtime } from './runtime-api';
import { WorkbookFile } from './workbook-file';
import { HttpError, replyError } from './dev/http';
import { buildWebAssets } from './dev/pages';
import { refusal } from './dev/request-check';
import { ROUTES } from './dev/routes';
import { DevSession } from './dev/session';

export { TOKEN_HEADER } from './dev/request-check';

export interface DevServerOptions {
  workbookPath: string;
  codePath: string;
  port: number;
  /** Fill a newly created workbook with the demo card index (npm start does). */
  demo?: boolean;
  /** Host to bind; loopback by default. */
  host?: string;
  user?: string;
  /** Called to rebuild dist/ when src/ changes (npm run dev); absent = no watching. */
  rebuild?: () => Promise<void>;
  watchDir?: string;
}

export interface DevServer {
  url: string;
  runtime(): Runtime;
  close(): Promise<void>;
}

function handle(session: DevSession, host: string, req: IncomingMessage, res: ServerResponse) {
  const refused = refusal(req, { token: session.token, boundHost: host });
  if (refused) return replyError(res, 403, { message: refused });
  const url = new URL(req.url ?? '/', 'http://localhost');
  const route = ROUTES[`${req.method} ${url.pathname}`];
  if (!route) return replyError(res, 404, { message: `No route ${req.method} ${url.pathname}` });
  Promise.resolve()
    .then(() => {
      session.refresh();
      return route(session, req, res, url);
    })
    .catch((error: unknown) => {
      if (res.headersSent) return;
      const status = error instanceof HttpError ? error.status : 500;
      replyError(res, status, { message: (error as Error).message });
    });
}

/** npm run dev: rebuild dist/ when src/ changes, then reload the runtime and the pages. */
function watchSources(session: DevSession, options: DevServerOptions): FSWatcher | undefined {
  const { rebuild, watchDir } = options;
  if (!rebuild || !watchDir) return undefined;
  let timer: NodeJS.Timeout | undefined;
  return watch(watchDir, { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      rebuild()
        .then(() => session.reload())
        .catch((error: unknown) => console.error(`Rebuild failed: ${(error as Error).message}`));
    }, 200);
  });
}

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const workbook = WorkbookFile.open(options.workbookPath);
  const session = new DevSession(options, workbook, await buildWebAssets());
  if (workbook.created && options.demo) session.change(() => seedDemoWorkbook(session.runtime));
  const host = options.host ?? '127.0.0.1';
  const server = createServer((req, res) => handle(session, host, req, res));
  const watcher = watchSources(session, options);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://localhost:${port}/`,
    runtime: () => session.runtime,
    close: async () => {
      watcher?.close();
      for (const client of session.reloadClients) client.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
