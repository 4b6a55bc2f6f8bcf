/**
 * The sidebar's frame: one scrolling view above a message strip. The strip takes its own
 * space at the bottom, so a "Saved" message never lies over a button — the view gets
 * shorter instead, and a form's sticky Save bar sits above the message.
 */
import { h, replaceChildren } from './dom';
import { button, pending } from './ui';

const root = document.getElementById('app') as HTMLElement;
const scroller = h('div', { class: 'view' });
const toasts = h('div', { class: 'toasts', role: 'status', 'aria-live': 'polite' });

export function mountShell(): void {
  // The sidebar's frame already shows "Kartoteka" as its title; the page keeps a heading
  // for screen readers only, so sighted users do not read the name twice.
  replaceChildren(root, h('h1', { class: 'sr-only' }, 'Kartoteka'), scroller, toasts);
}

export function currentView(): HTMLElement {
  return scroller;
}

export function show(
  view: HTMLElement,
  options: { focus?: HTMLElement | null; scrollTop?: number } = {},
): void {
  replaceChildren(scroller, view);
  scroller.scrollTop = options.scrollTop ?? 0;
  const target =
    options.focus === undefined
      ? view.querySelector<HTMLElement>('input, select, textarea, button')
      : options.focus;
  target?.focus({ preventScroll: options.scrollTop !== undefined });
}

export interface ToastAction {
  label: string;
  busyLabel: string;
  run(): Promise<unknown>;
}

/**
 * A short message at the bottom. With an action (Undo) it stays longer and until the action
 * finishes; a newer message replaces an older one.
 */
export function toast(message: string, action?: ToastAction): void {
  const text = h('span', { class: 'toast-text' }, message);
  const item = h('div', { class: 'toast' }, text);
  let timer: ReturnType<typeof setTimeout>;
  const dismiss = () => {
    clearTimeout(timer);
    item.remove();
  };
  if (action) {
    const act = button(
      action.label,
      () => {
        clearTimeout(timer);
        void pending(act, action.busyLabel, action.run()).finally(dismiss);
      },
      { emphasis: 'text' },
    );
    act.classList.add('toast-action');
    item.append(act);
  }
  replaceChildren(toasts, item);
  timer = setTimeout(dismiss, action ? 10_000 : 4_000);
}

export function clearToasts(): void {
  replaceChildren(toasts);
}
