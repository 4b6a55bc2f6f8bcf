/**
 * SpreadsheetApp.getUi(): menus, sidebars and dialogs, recorded in the UiSink that the dev
 * server renders. Building a menu is allowed in AuthMode.NONE (onOpen before the add-on
 * is authorised), so those calls pass needsAuthorization: false.
 * https://developers.google.com/apps-script/reference/base/ui
 */
import { htmlOutputSnapshot } from '../services/html';
import type { ServiceHost, UiSink } from '../execution';

export const Button = Object.freeze({
  CLOSE: 'CLOSE',
  OK: 'OK',
  CANCEL: 'CANCEL',
  YES: 'YES',
  NO: 'NO',
} as const);
export type ButtonName = keyof typeof Button;

export const ButtonSet = Object.freeze({
  OK: 'OK',
  OK_CANCEL: 'OK_CANCEL',
  YES_NO: 'YES_NO',
  YES_NO_CANCEL: 'YES_NO_CANCEL',
} as const);
export type ButtonSetName = keyof typeof ButtonSet;

type MenuEntry = UiSink['addonMenu'][number];

export class Menu {
  private readonly entries: MenuEntry[] = [];

  constructor(
    private readonly host: ServiceHost,
    private readonly ui: UiSink,
  ) {}

  addItem(caption: string, functionName: string): Menu {
    this.host.call('Menu', 'addItem', { needsAuthorization: false });
    this.entries.push({ label: String(caption), functionName: String(functionName) });
    return this;
  }

  addSeparator(): Menu {
    this.host.call('Menu', 'addSeparator', { needsAuthorization: false });
    this.entries.push({ separator: true });
    return this;
  }

  /** Replaces the menu shown (onOpen rebuilds it each time the document opens). */
  addToUi(): void {
    this.host.call('Menu', 'addToUi', { needsAuthorization: false });
    this.ui.addonMenu.splice(0, this.ui.addonMenu.length, ...this.entries);
  }
}

/** What showSidebar needs of an HtmlOutput. */
export interface HtmlOutputLike {
  getContent(): string;
  getTitle(): string;
  getWidth?(): number | undefined;
  width?: number;
}

export class Ui {
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;

  constructor(
    private readonly host: ServiceHost,
    private readonly ui: UiSink,
  ) {}

  createAddonMenu(): Menu {
    this.host.call('Ui', 'createAddonMenu', { needsAuthorization: false });
    return new Menu(this.host, this.ui);
  }

  createMenu(caption: string): Menu {
    this.host.call('Ui', 'createMenu', { needsAuthorization: false });
    void caption; // the sink keeps one menu: Kartoteka's add-on menu
    return new Menu(this.host, this.ui);
  }

  showSidebar(userInterface: HtmlOutputLike): void {
    this.host.call('Ui', 'showSidebar');
    // Sheets reads the page without the script calling getContent(): read it uncounted.
    const snapshot = htmlOutputSnapshot(userInterface);
    const width = snapshot
      ? snapshot.width || undefined
      : (userInterface.getWidth?.() ?? userInterface.width);
    const sidebar: UiSink['sidebars'][number] = {
      title: snapshot ? snapshot.title : userInterface.getTitle(),
      html: snapshot ? snapshot.html : userInterface.getContent(),
    };
    if (typeof width === 'number') sidebar.width = width;
    this.ui.sidebars.push(sidebar);
  }

  /**
   * alert(prompt), alert(prompt, buttons), alert(title, prompt, buttons). Nobody clicks in
   * the emulator: the answer is the set's affirmative button (OK, or YES for YES_NO sets).
   */
  alert(
    titleOrPrompt: string,
    promptOrButtons?: string | ButtonSetName,
    buttons?: ButtonSetName,
  ): ButtonName {
    this.host.call('Ui', 'alert');
    const hasTitle =
      buttons !== undefined ||
      (typeof promptOrButtons === 'string' && !(promptOrButtons in ButtonSet));
    const alert: UiSink['alerts'][number] = hasTitle
      ? { title: String(titleOrPrompt), prompt: String(promptOrButtons ?? '') }
      : { prompt: String(titleOrPrompt) };
    this.ui.alerts.push(alert);
    const set = hasTitle ? buttons : (promptOrButtons as ButtonSetName | undefined);
    return set === 'YES_NO' || set === 'YES_NO_CANCEL' ? 'YES' : 'OK';
  }
}
