/**
 * Where the user is: screens form a stack, and Back (or Esc) returns to the screen below —
 * a form opened from a card goes back to that card, the list comes back with its filters
 * and scroll position. main.ts says how each screen is drawn.
 */
import type { AnyRecord, EntityName } from '../domain/schema';
import { h } from './dom';
import { currentView } from './shell';
import { button, iconButton, progressBar } from './ui';

export type Route =
  | { name: 'home' }
  | { name: 'card'; id: string; title: string }
  | { name: 'form'; entity: EntityName; record?: AnyRecord; defaults?: AnyRecord }
  | { name: 'problems' }
  | { name: 'settings' }
  | { name: 'archive' }
  | { name: 'help' }
  | { name: 'dashboard' }
  | { name: 'reminders' };

export interface Entry {
  route: Route;
  scrollTop: number;
}

const stack: Entry[] = [];
let draw: (entry: Entry, returning: boolean) => void = () => undefined;
/** How the screen on top closes (a changed form asks first). */
let closer: (() => void) | null = null;

export function setScreens(drawScreen: (entry: Entry, returning: boolean) => void): void {
  draw = drawScreen;
}

export function render(returning: boolean): void {
  closer = null;
  draw(top(), returning);
}

export function top(): Entry {
  return stack[stack.length - 1];
}

export function depth(): number {
  return stack.length;
}

/** Starts over on `route` (the list, after start-up). */
export function reset(route: Route): void {
  stack.splice(0, stack.length, { route, scrollTop: 0 });
  render(false);
}

export function go(route: Route): void {
  if (stack.length) top().scrollTop = currentView().scrollTop;
  stack.push({ route, scrollTop: 0 });
  render(false);
}

export function back(): void {
  if (stack.length > 1) stack.pop();
  render(true);
}

/** Back to the list, whatever was opened on top of it. */
export function backToHome(): void {
  stack.splice(1);
  render(true);
}

/** Goes back to the card of `id` if it is the screen below; otherwise opens it in place. */
export function returnToCard(id: string, title: string): void {
  stack.pop();
  const below = top();
  if (below?.route.name === 'card' && below.route.id === id) render(true);
  else go({ name: 'card', id, title });
}

export function setCloser(close: () => void): void {
  closer = close;
}

/** Esc: closes the screen on top the way its own Back does; false when there is none. */
export function closeTop(): boolean {
  if (stack.length < 2 || !closer) return false;
  closer();
  return true;
}

export function loading(text: string, title?: string): HTMLElement {
  const bar = progressBar();
  bar.hidden = false;
  return h(
    'div',
    { class: 'loading', 'aria-busy': 'true' },
    bar,
    h(
      'header',
      { class: 'form-header' },
      iconButton('back', 'Back', back),
      title ? h('h2', {}, title) : null,
    ),
    h('p', { class: 'muted' }, text),
  );
}

export function errorView(message: string, retry: () => void): HTMLElement {
  return h(
    'div',
    { class: 'banner', role: 'alert' },
    h('p', {}, message),
    button('Try again', retry, { emphasis: 'primary' }),
  );
}
