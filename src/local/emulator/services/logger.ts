/** Logger and console: lines go to the execution's log (the CLI prints them to stderr). */
import type { ServiceHost } from '../execution';
import { formatWithOptions } from 'node:util';

export function createLogger(host: ServiceHost, sink: string[]) {
  const logger = {
    log(format: unknown, ...values: unknown[]) {
      host.call('Logger', 'log', { needsAuthorization: false });
      // Logger.log('%s of %s', a, b) substitutes like Java's String.format %s.
      let i = 0;
      const text =
        values.length && typeof format === 'string'
          ? format.replace(/%s/g, () => String(values[i++]))
          : String(format);
      sink.push(text);
      return logger;
    },
    getLog(): string {
      host.call('Logger', 'getLog', { needsAuthorization: false });
      return sink.join('\n');
    },
    clear(): void {
      host.call('Logger', 'clear', { needsAuthorization: false });
      sink.length = 0;
    },
  };
  return logger;
}

export function createConsole(sink: string[]) {
  const line =
    (level: string) =>
    (...args: unknown[]) => {
      sink.push(`${level}${formatWithOptions({ colors: false }, ...args)}`);
    };
  return { log: line(''), info: line(''), warn: line('WARNING: '), error: line('ERROR: ') };
}
