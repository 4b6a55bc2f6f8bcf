/**
 * "Check the tabs": rows typed by hand that break a rule, by tab, each one a way to its cell
 * in the grid. The column is named once (the message's own "Email:" prefix is dropped).
 */
import type { Problem } from '../domain/api-types';
import { ENTITIES } from '../domain/schema';
import { h } from './dom';
import { icon } from './icons';
import { iconButton } from './ui';

/** The message without a leading field name the entry already shows as its column. */
export function problemText(problem: Problem): string {
  const spec = Object.values(ENTITIES).find((s) => s.tab === problem.tab);
  const field = spec?.fields.find((f) => f.header === problem.column);
  const names = [problem.column, field?.label].filter((n): n is string => Boolean(n));
  for (const name of names) {
    if (problem.message.startsWith(`${name}: `)) return problem.message.slice(name.length + 2);
    // "Name is required" → "Required"
    if (problem.message.startsWith(`${name} `)) {
      const rest = problem.message.slice(name.length + 1);
      return rest.replace(/^is /, '').replace(/^./, (c) => c.toUpperCase());
    }
  }
  return problem.message;
}

export interface ProblemActions {
  back(): void;
  goTo(problem: Problem, trigger: HTMLButtonElement): void;
}

export function renderProblems(problems: Problem[], actions: ProblemActions): HTMLElement {
  const byTab = new Map<string, Problem[]>();
  for (const problem of problems) {
    byTab.set(problem.tab, [...(byTab.get(problem.tab) ?? []), problem]);
  }
  return h(
    'div',
    { class: 'problems-view' },
    h(
      'header',
      { class: 'form-header' },
      iconButton('back', 'Back', actions.back),
      h(
        'h2',
        {},
        problems.length
          ? `${problems.length} problem${problems.length === 1 ? '' : 's'} in the tabs`
          : 'No problems found',
      ),
    ),
    problems.length
      ? h(
          'p',
          { class: 'muted' },
          'Kartoteka skips these rows until they are fixed. Choose one to go to its cell.',
        )
      : h('p', { class: 'muted' }, 'Every row in the tabs passes the same checks as the forms.'),
    ...[...byTab].map(([tab, list]) =>
      h(
        'section',
        { class: 'card-section', 'aria-label': tab },
        h('div', { class: 'section-head' }, h('h3', {}, tab)),
        h(
          'ul',
          { class: 'problems' },
          ...list.map((problem) => {
            const go = h(
              'button',
              {
                type: 'button',
                class: 'problem',
                'aria-label': `Go to ${tab} row ${problem.row}, ${problem.column}: ${problemText(problem)}`,
              },
              h(
                'span',
                { class: 'problem-where' },
                h('span', { class: 'btn-label' }, `Row ${problem.row} · ${problem.column}`),
                icon('openCell', 16),
              ),
              h('span', { class: 'problem-text' }, problemText(problem)),
            );
            go.addEventListener('click', () => actions.goTo(problem, go));
            return h('li', {}, go);
          }),
        ),
      ),
    ),
  );
}
