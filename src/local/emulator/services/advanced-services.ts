/**
 * Advanced Google services: globals only when the manifest enables them.
 * https://developers.google.com/apps-script/guides/services/advanced — "you must enable an
 * advanced service before using it in a script", in the manifest as
 * `dependencies.enabledAdvancedServices: [{ userSymbol, serviceId, version }]`; the
 * service is then the global named `userSymbol`. Without it the script has no such global
 * (a ReferenceError). Only the Sheets API v4 is emulated; another enabled service is a
 * global whose every member says it is not implemented in the local runtime.
 */
import type { ServiceHost } from '../execution';
import { guardApi } from '../guard';
import { createSheetsService } from './sheets-api';

export interface AdvancedServiceSpec {
  userSymbol: string;
  serviceId: string;
  version: string;
}

/** The manifest's enabled advanced services (appsscript.json, `dependencies`). */
export function enabledAdvancedServices(manifest: unknown): AdvancedServiceSpec[] {
  const dependencies = (manifest as { dependencies?: { enabledAdvancedServices?: unknown } })
    ?.dependencies;
  const list = dependencies?.enabledAdvancedServices;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (s): s is AdvancedServiceSpec =>
      typeof s?.userSymbol === 'string' &&
      typeof s?.serviceId === 'string' &&
      typeof s?.version === 'string',
  );
}

/** The globals for one execution, guarded under their user symbols. */
export function createAdvancedServices(
  host: ServiceHost,
  specs: readonly AdvancedServiceSpec[],
): Record<string, object> {
  const globals: Record<string, object> = {};
  for (const spec of specs) {
    if (spec.serviceId === 'sheets' && spec.version !== 'v4') {
      // https://developers.google.com/apps-script/advanced/sheets: v4 "is the only version".
      throw new Error(`The Sheets advanced service has no version ${spec.version}; use v4`);
    }
    const service = spec.serviceId === 'sheets' ? createSheetsService(host) : {};
    globals[spec.userSymbol] = guardApi(spec.userSymbol, service);
  }
  return globals;
}
