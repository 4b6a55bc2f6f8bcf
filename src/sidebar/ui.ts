/**
 * The sidebar's building blocks in Google's current (Material 3) look: buttons by emphasis
 * (one primary per screen, tonal; the rest outlined or text), icon buttons that always carry
 * an aria-label, an overflow menu, pills, avatars and a pending bar.
 */
import { h } from './dom';
import { icon, type IconName } from './icons';

type Click = (event: MouseEvent) => void;

export type Emphasis = 'primary' | 'outlined' | 'text' | 'danger';

export function button(
  label: string,
  onclick: Click,
  options: {
    emphasis?: Emphasis;
    icon?: IconName;
    type?: 'button' | 'submit';
    shortcut?: string;
  } = {},
): HTMLButtonElement {
  return h(
    'button',
    {
      type: options.type ?? 'button',
      class: `btn btn-${options.emphasis ?? 'outlined'}`,
      onclick: onclick as EventListener,
      'aria-keyshortcuts': options.shortcut,
      title: options.shortcut ? `${label} (${options.shortcut})` : undefined,
    },
    options.icon ? icon(options.icon, 18) : null,
    h('span', { class: 'btn-label' }, label),
  );
}

/** A round icon button; the label is its accessible name and its tooltip. */
export function iconButton(
  name: IconName,
  label: string,
  onclick: Click,
  extra: Record<string, string> = {},
): HTMLButtonElement {
  return h(
    'button',
    {
      type: 'button',
      class: 'icon-btn',
      'aria-label': label,
      title: label,
      onclick: onclick as EventListener,
      ...extra,
    },
    icon(name),
  );
}

/** While `promise` runs, the button says what is happening and cannot be pressed twice. */
export async function pending<T>(
  target: HTMLButtonElement,
  busyLabel: string,
  promise: Promise<T>,
): Promise<T> {
  const label = target.querySelector('.btn-label') ?? target;
  const before = label.textContent;
  target.disabled = true;
  target.setAttribute('aria-busy', 'true');
  label.textContent = busyLabel;
  try {
    return await promise;
  } finally {
    target.disabled = false;
    target.removeAttribute('aria-busy');
    label.textContent = before;
  }
}

export interface MenuItem {
  label: string;
  icon: IconName;
  run(): void;
  shortcut?: string;
  danger?: boolean;
}

/**
 * "⋯": a button that opens a menu of less frequent actions. Arrow keys move, Enter runs,
 * Escape closes and gives focus back to the button.
 */
export function overflowMenu(label: string, items: MenuItem[]): HTMLElement {
  const wrapper = h('div', { class: 'menu-anchor' });
  const list = h('div', { class: 'menu', role: 'menu', 'aria-label': label, hidden: true });
  const trigger = iconButton('more', label, () => (list.hidden ? open() : close()), {
    'aria-haspopup': 'menu',
    'aria-expanded': 'false',
  });
  const entries = items.map((item) =>
    h(
      'button',
      {
        type: 'button',
        role: 'menuitem',
        class: item.danger ? 'menu-item danger' : 'menu-item',
        tabindex: '-1',
        'aria-keyshortcuts': item.shortcut,
        onclick: () => {
          close(false);
          item.run();
        },
      },
      icon(item.icon, 18),
      h('span', {}, item.label),
      item.shortcut ? h('kbd', {}, item.shortcut) : null,
    ),
  );
  list.append(...entries);
  const onOutside = (event: Event) => {
    if (!wrapper.contains(event.target as Node)) close(false);
  };
  function open() {
    list.hidden = false;
    trigger.setAttribute('aria-expanded', 'true');
    entries[0]?.focus();
    document.addEventListener('mousedown', onOutside);
  }
  function close(refocus = true) {
    list.hidden = true;
    trigger.setAttribute('aria-expanded', 'false');
    document.removeEventListener('mousedown', onOutside);
    if (refocus) trigger.focus();
  }
  list.addEventListener('keydown', (event) => {
    const index = entries.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      entries[(index + step + entries.length) % entries.length]?.focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    } else if (event.key === 'Tab') {
      close(false);
    }
  });
  // Focus that moves elsewhere (Tab, a shortcut) closes the menu.
  wrapper.addEventListener('focusout', (event) => {
    if (!list.hidden && !wrapper.contains(event.relatedTarget as Node | null)) close(false);
  });
  wrapper.append(trigger, list);
  return wrapper;
}

/** A stage as a coloured pill; the colour class says what the stage means (see style.css). */
/** A figure with its name under it (the card's purchases, the dashboard's counts). */
export function stat(name: string, value: string): HTMLElement {
  return h(
    'div',
    { class: 'stat' },
    h('span', { class: 'stat-value', title: value }, value),
    h('span', { class: 'stat-label' }, name),
  );
}

export function pill(text: string, tone: string, title?: string): HTMLElement {
  return h('span', { class: `pill tone-${tone}`, title }, text);
}

/** Initials on a colour picked from the name, so the same customer always looks the same. */
export function avatar(name: string, size: 'small' | 'large' = 'small'): HTMLElement {
  const words = name
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
  const initials = (words[0]?.[0] ?? '?') + (words.length > 1 ? (words[1]?.[0] ?? '') : '');
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return h(
    'span',
    { class: `avatar avatar-${size} hue-${hash % 6}`, 'aria-hidden': 'true' },
    initials.toUpperCase(),
  );
}

/** The thin bar at the top of a view while a call is on its way. */
export function progressBar(): HTMLElement {
  return h('div', {
    class: 'progress',
    role: 'progressbar',
    'aria-label': 'Loading',
    hidden: true,
  });
}
