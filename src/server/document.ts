/**
 * One call's view of the spreadsheet: its time zone, settings and tabs, each found once —
 * from the document cache when another call left them there (document-cache.ts), else
 * from the sheet — and what was learnt written back at the end of the call (`persist`).
 */
import { ENTITIES, type EntityName } from '../domain/schema';
import { DocumentCache } from './document-cache';
import { readSettingsQuickly, type Settings } from './settings';
import { Tab } from './sheet/tab';

export class Document {
  readonly cache = new DocumentCache();
  private readonly tabs = new Map<EntityName, Tab>();

  constructor(readonly spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet) {}

  timeZone(): string {
    const cached = this.cache.snapshot().timeZone;
    if (cached) return cached;
    const timeZone = this.spreadsheet.getSpreadsheetTimeZone();
    this.cache.updateSnapshot((snapshot) => {
      snapshot.timeZone = timeZone;
    });
    return timeZone;
  }

  settings(): Settings {
    const cached = this.cache.snapshot().settings;
    if (cached) return cached;
    const settings = readSettingsQuickly(this.spreadsheet);
    this.cache.updateSnapshot((snapshot) => {
      snapshot.settings = settings;
    });
    return settings;
  }

  tab(entity: EntityName): Tab {
    let tab = this.tabs.get(entity);
    if (!tab) this.tabs.set(entity, (tab = new Tab(this, ENTITIES[entity])));
    return tab;
  }

  /** Keeps what this call learnt for the next (one cache call at most). */
  persist(): void {
    this.cache.persist();
  }
}
