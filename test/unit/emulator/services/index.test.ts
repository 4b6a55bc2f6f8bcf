import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createServices, newCacheStore } from '../../../../src/local/emulator/services/index';
import { FakeHost, newWorld } from '../fake-host';

describe('createServices', () => {
  it('gives a vm context the Apps Script globals, each call counted', () => {
    const host = new FakeHost(newWorld('2026-03-02T10:00:00Z'));
    const logs: string[] = [];
    const globals = createServices(host, { cache: newCacheStore(), logs });
    expect(Object.keys(globals).sort()).toEqual(
      [
        'CacheService',
        'Charts',
        'HtmlService',
        'LockService',
        'Logger',
        'MailApp',
        'PropertiesService',
        'ScriptApp',
        'Session',
        'Utilities',
        'console',
      ].sort(),
    );
    const result = runInNewContext(
      `
      var lock = LockService.getDocumentLock();
      lock.waitLock(1000);
      PropertiesService.getDocumentProperties().setProperty('k', 'v');
      Logger.log('tz %s', Session.getScriptTimeZone());
      console.log('done');
      Utilities.formatDate(new Date(0), 'UTC', 'yyyy');
      `,
      globals,
    );
    expect(result).toBe('1970');
    expect(logs).toEqual(['tz Europe/Warsaw', 'done']);
    expect(host.counts.byMethod).toMatchObject({
      'LockService.getDocumentLock': 1,
      'Lock.waitLock': 1,
      'PropertiesService.getDocumentProperties': 1,
      'Properties.setProperty': 1,
      'Logger.log': 1,
      'Session.getScriptTimeZone': 1,
      'Utilities.formatDate': 1,
    });
  });
});
