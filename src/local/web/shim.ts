/**
 * `google.script.run` and `google.script.host` for the sidebar page served by the dev
 * server. Injected before the sidebar's own script; calls the built bundle on the server
 * through POST /api/run. Semantics follow Google's client-side API
 * (https://developers.google.com/apps-script/guides/html/reference/run):
 * - `withSuccessHandler`, `withFailureHandler`, `withUserObject` return a runner carrying
 *   the setting; calling a server function name on it runs that function asynchronously;
 * - the success handler gets (returnValue, userObject), the failure handler (Error, userObject);
 *   with no failure handler the failure is logged to the console;
 * - arguments must be primitives/arrays/plain objects (no Date, no function): otherwise the
 *   request fails; they are sent as a copy;
 * - at most 10 calls are in flight at once; further calls wait their turn.
 */
import { prohibitedValue } from '../script-run';
import { pageToken, TOKEN_HEADER } from './request-token';

type Handler = ((value: unknown, userObject?: unknown) => void) | null;

interface RunnerSettings {
  success: Handler;
  failure: Handler;
  userObject: unknown;
}

const MAX_IN_FLIGHT = 10;
let inFlight = 0;
const waiting: Array<() => void> = [];

function acquireSlot(): Promise<void> {
  if (inFlight < MAX_IN_FLIGHT) {
    inFlight++;
    return Promise.resolve();
  }
  return new Promise((resolve) => waiting.push(() => resolve()));
}

function releaseSlot(): void {
  const next = waiting.shift();
  if (next) next();
  else inFlight--;
}

function formToObject(form: HTMLFormElement): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of new FormData(form).entries()) {
    if (typeof value === 'string') result[key] = value;
  }
  return result;
}

async function callServer(functionName: string, args: unknown[], settings: RunnerSettings) {
  const fail = (error: Error) => {
    if (settings.failure) settings.failure(error, settings.userObject);
    else console.error(error);
  };
  const sendable =
    args.length === 1 && args[0] instanceof HTMLFormElement ? [formToObject(args[0])] : args;
  const problem = prohibitedValue(sendable, 'arguments');
  if (problem) {
    // Google fails the request; the page sees the failure asynchronously.
    setTimeout(() => fail(new Error(`google.script.run cannot pass this: ${problem}.`)), 0);
    return;
  }
  await acquireSlot();
  try {
    const response = await fetch('/api/run', {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: pageToken() },
      body: JSON.stringify({ functionName, args: sendable, source: 'script-run' }),
    });
    const outcome = (await response.json()) as
      { ok: true; value: unknown } | { ok: false; error: { name: string; message: string } };
    window.parent?.postMessage({ kartoteka: 'executed', functionName }, '*');
    if (outcome.ok) settings.success?.(outcome.value, settings.userObject);
    else {
      const error = new Error(outcome.error.message);
      error.name = outcome.error.name;
      fail(error);
    }
  } catch (networkError) {
    fail(new Error(`NetworkError: connection failure (${String(networkError)})`));
  } finally {
    releaseSlot();
  }
}

function makeRunner(settings: RunnerSettings): Record<string, unknown> {
  const methods = {
    withSuccessHandler: (handler: Handler) => makeRunner({ ...settings, success: handler }),
    withFailureHandler: (handler: Handler) => makeRunner({ ...settings, failure: handler }),
    withUserObject: (userObject: unknown) => makeRunner({ ...settings, userObject }),
  };
  return new Proxy(methods, {
    get(target, property) {
      if (typeof property !== 'string') return undefined;
      if (property in target) return target[property as keyof typeof target];
      if (property === 'then') return undefined; // not a thenable
      return (...args: unknown[]) => {
        void callServer(property, args, settings);
      };
    },
  });
}

const host = {
  close() {
    window.parent?.postMessage({ kartoteka: 'close-sidebar' }, '*');
  },
  setHeight(_height: number) {},
  setWidth(_width: number) {},
  editor: {
    focus() {
      window.parent?.postMessage({ kartoteka: 'focus-editor' }, '*');
    },
  },
};

const scope = window as unknown as { google?: Record<string, unknown> };
scope.google = {
  ...(scope.google ?? {}),
  script: {
    run: makeRunner({ success: null, failure: null, userObject: undefined }),
    host,
  },
};
