/**
 * The emulated services other than SpreadsheetApp, as the globals the runtime puts into
 * the bundle's vm context for one execution.
 */
import type { ServiceHost } from '../execution';
import { guardApi } from '../guard';
import { createAdvancedServices, type AdvancedServiceSpec } from './advanced-services';
import { createCacheService, type CacheStore } from './cache';
import { createCharts } from './charts';
import { createHtmlService } from './html';
import { createLockService } from './lock';
import { createConsole, createLogger } from './logger';
import { createMailApp } from './mail';
import { createPropertiesService } from './properties';
import { createScriptApp } from './script-app';
import { createSession } from './session';
import { createUtilities } from './utilities';

export { newCacheStore, type CacheStore } from './cache';
export { releaseAllLocks } from './lock';
export { computeNextRun, AUTH_MODE } from './script-app';
export { htmlOutputSnapshot, type HtmlOutputSnapshot } from './html';
export { enabledAdvancedServices, type AdvancedServiceSpec } from './advanced-services';

/**
 * The service globals. Each is guarded under its own name (guard.ts), and so is every API
 * object it returns (Lock, Cache, Properties, HtmlOutput, Trigger, builders, User, Blob):
 * touching a member the emulator lacks names it. `console` is JavaScript's, not guarded.
 */
export function createServices(
  host: ServiceHost,
  env: { cache: CacheStore; logs: string[]; advancedServices?: readonly AdvancedServiceSpec[] },
): Record<string, unknown> {
  const services: Record<string, object> = {
    LockService: createLockService(host),
    PropertiesService: createPropertiesService(host),
    CacheService: createCacheService(host, env.cache),
    ScriptApp: createScriptApp(host),
    MailApp: createMailApp(host),
    HtmlService: createHtmlService(host),
    Session: createSession(host),
    Utilities: createUtilities(host),
    Charts: createCharts(),
    Logger: createLogger(host, env.logs),
  };
  const globals: Record<string, unknown> = { console: createConsole(env.logs) };
  for (const [name, service] of Object.entries(services)) globals[name] = guardApi(name, service);
  // Advanced services (the manifest enables them) are guarded under their user symbols.
  return { ...globals, ...createAdvancedServices(host, env.advancedServices ?? []) };
}
