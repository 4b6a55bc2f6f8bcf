/** The Apps Script services other than SpreadsheetApp, bound to one execution. */
import type { ServiceHost } from '../execution';
import { createCacheService, type CacheStore } from './cache';
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

export function createServices(
  host: ServiceHost,
  env: { cache: CacheStore; logs: string[] },
): Record<string, unknown> {
  return {
    LockService: createLockService(host),
    PropertiesService: createPropertiesService(host),
    CacheService: createCacheService(host, env.cache),
    ScriptApp: createScriptApp(host),
    MailApp: createMailApp(host),
    HtmlService: createHtmlService(host),
    Session: createSession(host),
    Utilities: createUtilities(host),
    Logger: createLogger(host, env.logs),
    console: createConsole(env.logs),
  };
}
