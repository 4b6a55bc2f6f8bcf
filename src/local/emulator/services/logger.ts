/**
 * Logger and console write lines to a sink the runtime shows (CLI stderr, dev server).
 * Logger.log(format, ...values) replaces each %s with the next value, as Apps Script does
 * (https://developers.google.com/apps-script/reference/base/logger#log(String,Object...)).
 */
import { format } from 'node:util';
import type { ServiceHost } from '../execution';

function show(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toString();
  if (value !== null && typeof value === 'object') {
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}

export function createLogger(host: ServiceHost, sink: string[]): GoogleAppsScript.Base.Logger {
  const lines: string[] = [];
  const logger = {
    log(data: unknown, ...values: unknown[]) {
      host.call('Logger', 'log', { needsAuthorization: false });
      let line: string;
      if (typeof data === 'string' && values.length > 0) {
        let next = 0;
        line = data.replace(/%s/g, (match) =>
          next < values.length ? show(values[next++]) : match,
        );
      } else line = show(data);
      lines.push(line);
      sink.push(line);
      return logger;
    },
    getLog() {
      host.call('Logger', 'getLog', { needsAuthorization: false });
      return lines.map((l) => `${l}\n`).join('');
    },
    clear() {
      host.call('Logger', 'clear', { needsAuthorization: false });
      lines.length = 0;
    },
  };
  return logger as GoogleAppsScript.Base.Logger; // one variadic log serves both overloads
}

/** Apps Script's console (Cloud Logging); levels other than log are prefixed in the sink. */
export function createConsole(sink: string[]): Console {
  const timers = new Map<string, number>();
  const write =
    (level: string) =>
    (...args: unknown[]): void => {
      const text = format(...args);
      sink.push(level ? `${level}: ${text}` : text);
    };
  const emulated = {
    log: write(''),
    info: write('INFO'),
    warn: write('WARNING'),
    error: write('ERROR'),
    time(label: string) {
      timers.set(label, Date.now());
    },
    timeEnd(label: string) {
      const started = timers.get(label);
      if (started !== undefined) sink.push(`${label}: ${Date.now() - started}ms`);
      timers.delete(label);
    },
  };
  // Console here is the Apps Script Console from @types (log/info/warn/error/time/timeEnd).
  return emulated as unknown as Console;
}
