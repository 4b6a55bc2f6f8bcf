/**
 * google.script.run as promises, typed against the server API: a renamed or re-typed
 * server function breaks the build here, not in a user's sidebar.
 */
import type { ServerApi } from '../domain/api-types';

interface ScriptRunner {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRunner;
  withFailureHandler(handler: (error: Error) => void): ScriptRunner;
  [functionName: string]: unknown;
}

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
    const target = runner[name] as (...a: unknown[]) => void;
    target.apply(runner, args);
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
