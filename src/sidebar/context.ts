/**
 * What every screen of the sidebar shares: the start-up answer (user, today, settings,
 * locale), record titles seen so far, and small things remembered between screens.
 */
import type { SidebarBootstrap } from '../domain/api-types';
import type { DisplayContext } from '../domain/format';
import type { ValidationContext } from '../domain/validate';
import { ENTITIES, recordTitle, type AnyRecord, type EntityName } from '../domain/schema';

let boot: SidebarBootstrap;

export function setBoot(value: SidebarBootstrap): void {
  boot = value;
}

export function getBoot(): SidebarBootstrap {
  return boot;
}

export function updateSettings(settings: Partial<SidebarBootstrap['settings']>): void {
  boot = { ...boot, settings: { ...boot.settings, ...settings } };
}

export function display(): DisplayContext {
  return {
    locale: boot.locale || navigator.language || 'en',
    timeZone: boot.timeZone,
    today: boot.today,
    defaultCountry: boot.settings.defaultCountry,
  };
}

export function validationContext(): ValidationContext {
  return {
    today: boot.today,
    defaultCountry: boot.settings.defaultCountry,
    defaultCurrency: boot.settings.defaultCurrency,
    // The server reads typed amounts in the spreadsheet's locale; the form must agree.
    locale: boot.locale,
  };
}

/** Titles of records seen so far, so references show names rather than ids. */
const titles = new Map<string, string>();

export function titleOf(entity: EntityName, record: AnyRecord): string {
  return recordTitle(ENTITIES[entity], record);
}

export function remember(entity: EntityName, records: readonly AnyRecord[]): void {
  for (const record of records) {
    if (record.id) titles.set(String(record.id), titleOf(entity, record));
  }
}

export function knownTitle(id: string): string | undefined {
  return titles.get(id);
}

/**
 * Small preferences kept in the browser (the last activity type). Storage may be refused
 * in the sidebar's sandboxed frame, so memory is the fallback.
 */
const memory = new Map<string, string>();

export function recall(key: string): string | undefined {
  try {
    return window.localStorage.getItem(`kartoteka.${key}`) ?? memory.get(key);
  } catch {
    return memory.get(key);
  }
}

export function keep(key: string, value: string): void {
  memory.set(key, value);
  try {
    window.localStorage.setItem(`kartoteka.${key}`, value);
  } catch {
    // Memory alone lasts until the sidebar closes: good enough.
  }
}
