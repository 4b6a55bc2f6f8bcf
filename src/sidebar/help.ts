/** Help and About: what Kartoteka does, where things are, and the keyboard shortcuts. */
import { h } from './dom';
import { iconButton } from './ui';

export const SHORTCUTS: ReadonlyArray<[string, string]> = [
  ['/', 'Search customers and contacts'],
  ['N', 'New customer'],
  ['L', 'Log activity (for the open customer)'],
  ['E', 'Edit the open customer'],
  ['D', 'Dashboard'],
  ['R', 'Daily reminders'],
  ['↓ ↑ Enter', 'Move through search results and open one'],
  ['Ctrl+S', 'Save the form'],
  ['Esc', 'Back (a changed form asks first)'],
  ['?', 'This help'],
];

export function renderHelp(back: () => void): HTMLElement {
  return h(
    'div',
    { class: 'help-view' },
    h('header', { class: 'form-header' }, iconButton('back', 'Back', back), h('h2', {}, 'Help')),
    h(
      'section',
      { class: 'card-section', 'aria-label': 'How it works' },
      h('div', { class: 'section-head' }, h('h3', {}, 'How it works')),
      h(
        'ul',
        { class: 'help-list' },
        h(
          'li',
          {},
          'Every customer, contact, deal and activity is a row in this spreadsheet’s tabs. The sidebar reads and writes those rows; nothing is stored anywhere else.',
        ),
        h(
          'li',
          {},
          'Search finds names with or without accents (lukasz finds Łukaszewska) and contacts too, showing whose contact they are.',
        ),
        h(
          'li',
          {},
          'Open a customer to see their card: details, notes, purchases, open deals, contacts and the timeline. Log each call or meeting from there.',
        ),
        h(
          'li',
          {},
          'Typed a row straight into a tab? Check the tabs lists rows that break a rule and takes you to the cell.',
        ),
        h(
          'li',
          {},
          'On a card’s timeline, Done clears a follow-up and logs it; 1 day and 1 week move it. ⋯ ▸ Dashboard shows the figures of the last lifecycle run; ⋯ ▸ Reminders turns the daily digest on and shows tomorrow’s.',
        ),
        h(
          'li',
          {},
          'Archive keeps a customer’s row and history but takes them out of lists and reminders. Archived customers are under ⋯ ▸ Archived customers.',
        ),
      ),
    ),
    h(
      'section',
      { class: 'card-section', 'aria-label': 'Keyboard shortcuts' },
      h('div', { class: 'section-head' }, h('h3', {}, 'Keyboard shortcuts')),
      h(
        'dl',
        { class: 'shortcuts' },
        ...SHORTCUTS.map(([keys, what]) =>
          h('div', { class: 'card-row' }, h('dt', {}, h('kbd', {}, keys)), h('dd', {}, what)),
        ),
      ),
      h(
        'p',
        { class: 'muted' },
        'Single-key shortcuts work when the cursor is not in a text field.',
      ),
    ),
    h(
      'section',
      { class: 'card-section', 'aria-label': 'About' },
      h('div', { class: 'section-head' }, h('h3', {}, 'About')),
      h(
        'p',
        {},
        'Kartoteka — a customer card index that lives in your spreadsheet. Your data stays in this file.',
      ),
    ),
  );
}
