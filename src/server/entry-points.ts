/**
 * The add-on's public surface. Every top-level function of dist/Code.js can be called by any
 * user of the document through google.script.run, so the list is kept here on purpose: the
 * build fails when src/server/main.ts exports a function that is not listed (or lists one it
 * does not export), and a bundle test compares dist/Code.js's top-level functions to it.
 * Plain data, so the Node build script can read it too.
 */
export const ENTRY_POINTS = {
  /** Sheets calls these itself: onOpen as a simple trigger, onInstall when installed. */
  simpleTriggers: ['onOpen', 'onInstall'],
  /** Add-on menu items (src/server/menu.ts). */
  menu: [
    'showSidebar',
    'setupTabsFromMenu',
    'recalculateLifecycleFromMenu',
    'turnOnRemindersFromMenu',
    'turnOffRemindersFromMenu',
    'showHelp',
  ],
  /** What the sidebar calls (src/sidebar/rpc.ts is typed from these functions). */
  sidebar: [
    'getSidebarBootstrap',
    'getCustomerIndex',
    'listRecords',
    'getRecord',
    'getActiveRecord',
    'getCustomerCard',
    'getProblems',
    'saveRecord',
    'logActivity',
    'archiveRecord',
    'restoreRecord',
    'setupTabs',
    'recalculateLifecycle',
    'turnOnReminders',
    'turnOffReminders',
    'getReminderStatus',
    'previewReminders',
    'searchCustomers',
    'findForCustomer',
    'saveThen',
    'archiveThen',
    'restoreThen',
    'goToCell',
    'getSelectedRecord',
    'getSettingsForm',
    'saveSettings',
    'getDashboard',
    'actOnReminder',
    'undoReminderAction',
    'importPreview',
    'importCommit',
    'undoImport',
    'listImports',
    'findDuplicates',
    'mergePreview',
    'mergeRecords',
    'undoMerge',
  ],
  /** Installable trigger handlers. */
  triggers: ['runDailyJob'],
} as const;

export type SidebarFunction = (typeof ENTRY_POINTS.sidebar)[number];

export const ALL_ENTRY_POINTS: readonly string[] = Object.values(ENTRY_POINTS).flat();
