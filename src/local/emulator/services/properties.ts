/**
 * PropertiesService with Google's limits: 9 KB per value, 500 KB per store.
 * https://developers.google.com/apps-script/guides/services/quotas
 */
import { COST_MODEL, type ServiceHost } from '../execution';

const VALUE_LIMIT = 9 * 1024;
const STORE_LIMIT = 500 * 1024;

function storeSize(store: Record<string, string>): number {
  return Object.entries(store).reduce((sum, [k, v]) => sum + k.length + v.length, 0);
}

class EmuProperties {
  constructor(
    private readonly host: ServiceHost,
    private readonly store: () => Record<string, string>,
  ) {}
  private read(method: string): Record<string, string> {
    this.host.call('Properties', method, { costMs: COST_MODEL.propertyReadMs });
    return this.store();
  }
  private write(method: string, next: Record<string, string>): void {
    this.host.call('Properties', method, { costMs: COST_MODEL.propertyWriteMs });
    for (const [key, value] of Object.entries(next)) {
      if (key.length + value.length > VALUE_LIMIT) {
        throw new Error(`Argument too large: value`);
      }
    }
    const store = this.store();
    const merged = { ...store, ...next };
    if (storeSize(merged) > STORE_LIMIT) {
      throw new Error(
        'You have exceeded the property storage quota. Please remove some properties and try again.',
      );
    }
    Object.assign(store, next);
  }
  getProperty(key: string): string | null {
    return this.read('getProperty')[key] ?? null;
  }
  getProperties(): Record<string, string> {
    return { ...this.read('getProperties') };
  }
  getKeys(): string[] {
    return Object.keys(this.read('getKeys'));
  }
  setProperty(key: string, value: unknown): this {
    this.write('setProperty', { [key]: String(value) });
    return this;
  }
  setProperties(properties: Record<string, unknown>, deleteAllOthers = false): this {
    const next = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, String(v)]));
    if (deleteAllOthers)
      for (const key of Object.keys(this.store())) if (!(key in next)) delete this.store()[key];
    this.write('setProperties', next);
    return this;
  }
  deleteProperty(key: string): this {
    this.host.call('Properties', 'deleteProperty', { costMs: COST_MODEL.propertyWriteMs });
    delete this.store()[key];
    return this;
  }
  deleteAllProperties(): this {
    this.host.call('Properties', 'deleteAllProperties', { costMs: COST_MODEL.propertyWriteMs });
    const store = this.store();
    for (const key of Object.keys(store)) delete store[key];
    return this;
  }
}

export function createPropertiesService(host: ServiceHost) {
  const props = host.state.properties;
  return {
    getDocumentProperties(): EmuProperties {
      host.call('PropertiesService', 'getDocumentProperties');
      return new EmuProperties(host, () => props.document);
    },
    getScriptProperties(): EmuProperties {
      host.call('PropertiesService', 'getScriptProperties');
      return new EmuProperties(host, () => props.script);
    },
    getUserProperties(): EmuProperties {
      host.call('PropertiesService', 'getUserProperties');
      return new EmuProperties(host, () => (props.user[host.user] ??= {}));
    },
  };
}
