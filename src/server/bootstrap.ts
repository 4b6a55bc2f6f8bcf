/**
 * The sidebar's first load, in one call: whether the tabs exist, the settings the forms
 * need, who and when it is, and the first page of customers. The schema is not sent: the
 * sidebar bundles the same schema module.
 */
import { ENTITIES, RECORD_ENTITIES } from '../domain/schema';
import type { SidebarBootstrap } from '../domain/api-types';
import { requestContext } from './request';
import { DEFAULT_PAGE_SIZE, listIn } from './records';
import { spreadsheetLocale } from './locale';

export function getSidebarBootstrap(): SidebarBootstrap {
  const request = requestContext();
  const needsSetup = RECORD_ENTITIES.some(
    (e) => !request.spreadsheet.getSheetByName(ENTITIES[e].tab),
  );
  return {
    needsSetup,
    settings: {
      defaultCountry: request.settings.defaultCountry,
      defaultCurrency: request.settings.defaultCurrency,
    },
    user: request.user,
    timeZone: request.timeZone,
    locale: spreadsheetLocale(request.spreadsheet),
    today: request.today,
    firstPage: needsSetup
      ? { items: [], total: 0, page: 1, pageSize: DEFAULT_PAGE_SIZE }
      : listIn(request.spreadsheet, 'customers', { pageSize: DEFAULT_PAGE_SIZE }),
  };
}
