/** The tool screens: Check the tabs, Settings and the archive of customers. */
import type { Problem } from '../domain/api-types';
import { renderArchive } from './archive';
import { getBoot, remember, titleOf, updateSettings } from './context';
import { back, backToHome, errorView, go, loading, setCloser, top } from './nav';
import { duplicatesEntry } from './merge-view';
import { renderProblems } from './problems';
import { callServer, describeFailure } from './rpc';
import { renderSettings } from './settings';
import { show, toast } from './shell';
import { pending } from './ui';

export async function showProblems(): Promise<void> {
  setCloser(back);
  show(loading('Checking the tabs…', 'Check the tabs'), { focus: null });
  try {
    const problems = await callServer('getProblems');
    if (top().route.name !== 'problems') return;
    const view = renderProblems(problems, { back, goTo: goToProblem });
    view.append(duplicatesEntry({ show, home: backToHome, toast }, () => void showProblems()));
    show(view);
  } catch (error) {
    show(errorView(describeFailure(error), () => void showProblems()));
  }
}

async function goToProblem(problem: Problem, trigger: HTMLButtonElement): Promise<void> {
  try {
    const { a1 } = await pending(
      trigger,
      'Going to the cell…',
      callServer('goToCell', problem.tab, problem.row, problem.column),
    );
    toast(`Selected ${a1} in ${problem.tab}.`);
  } catch (error) {
    toast(describeFailure(error));
  }
}

export async function showSettings(): Promise<void> {
  setCloser(back);
  show(loading('Reading the Settings tab…', 'Settings'), { focus: null });
  try {
    const rows = await callServer('getSettingsForm');
    if (top().route.name !== 'settings') return;
    const settings = renderSettings(rows, {
      save: (values) => callServer('saveSettings', values),
      saved: (saved) => {
        const value = (key: string) => saved.find((s) => s.key === key)?.value;
        updateSettings({
          defaultCountry: value('defaultCountry') ?? getBoot().settings.defaultCountry,
          defaultCurrency: value('defaultCurrency') ?? getBoot().settings.defaultCurrency,
        });
        back();
        toast('Settings saved.');
      },
      close: back,
      describeFailure,
    });
    setCloser(settings.requestClose);
    show(settings.element);
  } catch (error) {
    show(errorView(describeFailure(error), () => void showSettings()));
  }
}

export async function showArchive(): Promise<void> {
  setCloser(back);
  show(loading('Finding archived customers…', 'Archived customers'), { focus: null });
  try {
    const list = await callServer('searchCustomers', {
      archived: true,
      sort: 'name',
      pageSize: 200,
    });
    if (top().route.name !== 'archive') return;
    remember('customers', list.items);
    show(
      renderArchive(list.items, list.total, {
        back,
        restore: (record, trigger, row) => {
          const id = String(record.id);
          const title = titleOf('customers', record);
          void pending(trigger, 'Restoring…', callServer('restoreThen', 'customers', id))
            .then((response) => {
              if (!response.result.ok) {
                toast('error' in response.result ? response.result.error : 'Not restored.');
                return;
              }
              row.remove();
              toast(`Restored: ${title}`, {
                label: 'Open',
                busyLabel: 'Opening…',
                run: async () => go({ name: 'card', id, title }),
              });
            })
            .catch((error: unknown) => toast(describeFailure(error)));
        },
      }),
    );
  } catch (error) {
    show(errorView(describeFailure(error), () => void showArchive()));
  }
}
