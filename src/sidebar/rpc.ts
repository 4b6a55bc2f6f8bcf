/**
 * google.script.run as promises. The client's type IS the server's code: a type-only import
 * of src/server/main.ts (nothing of it is bundled into the sidebar), narrowed to the
 * functions entry-points.ts lists for the sidebar. A renamed, removed or re-typed server
 * function therefore fails `tsc` here, not in a user's sidebar.
 */
import type * as Server from '../server/main';
import type { SidebarFunction } from '../server/entry-points';

/** What the sidebar may call, with the server's own parameter and return types. */
export type ServerApi = Pick<typeof Server, SidebarFunction>;

type ScriptRunner = {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRunner;
  withFailureHandler(handler: (error: Error) => void): ScriptRunner;
} & { [K in SidebarFunction]: (...args: unknown[]) => void };

declare const google: { script: { run: ScriptRunner } };

type ServerFunction = keyof ServerApi;

export function callServer<K extends ServerFunction>(
  name: K,
  ...args: Parameters<ServerApi[K]>
): Promise<ReturnType<ServerApi[K]>> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((value) => resolve(value as ReturnType<ServerApi[K]>))
      .withFailureHandler((error) => reject(error));
    runner[name](...args);
  });
}

/** The text to show for a failed call: the server's own words, or what to do next. */
export function describeFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/NetworkError|network/i.test(message)) {
    return 'Kartoteka could not reach Google. Check your connection and try again; your entries are kept.';
  }
  return message || 'Something went wrong. Try again; your entries are kept.';
}
