/**
 * Applies ./arguments.ts: main.ts exports every sidebar function through `checked`, which
 * parses the call's arguments with the function's schema before it runs. A refused call is
 * answered in words — the function's own "not done" result where it has one, else a
 * user-facing error the sidebar shows as is — and the function receives the parsed
 * arguments (an option sent as null arrives as left out).
 */
import type * as z from 'zod/mini';
import { ARGUMENTS, PLAIN_OBJECT, type Arguments } from './arguments';
import type { SidebarFunction } from './entry-points';
import { UserFacingError } from './spreadsheet';

/** Marks a function whose arguments are checked; arguments.ts makes tsc insist on it. */
export type Checked<F> = F & { readonly argumentsChecked: true };

// The functions differ in parameters; `never[]` accepts any of them without `any`.
type AnyFunction = (...args: never[]) => unknown;

export function checked<K extends SidebarFunction, F extends AnyFunction>(
  name: K,
  fn: F,
): Checked<F> {
  const declared: Arguments = ARGUMENTS[name];
  const run = (...args: unknown[]): unknown => {
    const parsed = declared.schema.safeParse(args);
    if (parsed.success) return fn(...(parsed.data as Parameters<F>));
    const message = `${name}: ${describeIssue(parsed.error.issues[0], declared.names, args)}`;
    if (declared.refuse) return declared.refuse(message);
    throw new UserFacingError(message);
  };
  return Object.defineProperty(run, 'argumentsChecked', { value: true }) as unknown as Checked<F>;
}

type Issue = z.core.$ZodIssue;

/** "query.text", "chunk.rows[3][0]": the argument's name, then the way into it. */
function pathName(path: readonly PropertyKey[], names: readonly string[]): string {
  const [position, ...inside] = path;
  let name = names[Number(position)] ?? `argument ${Number(position) + 1}`;
  for (const key of inside) name += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
  return name;
}

function valueAt(args: readonly unknown[], path: readonly PropertyKey[]): unknown {
  let value: unknown = args;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** What came, in words: its kind for a wrong type ("a number"), itself for a wrong value. */
function kindOf(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

function shown(value: unknown): string {
  if (typeof value !== 'string') return kindOf(value);
  return `'${value.length > 40 ? `${value.slice(0, 40)}…` : value}'`;
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  tuple: 'a list',
  record: 'an object',
};

function plural(count: number, one: string): string {
  return `${count} ${one}${count === 1 ? '' : 's'}`;
}

/** zod's own default words for an issue; ours are said instead. */
const DEFAULT_MESSAGE = 'Invalid input';

function describeIssue(issue: Issue, names: readonly string[], args: readonly unknown[]): string {
  if (issue.path.length === 0) {
    // The argument list itself: too few or too many.
    if (issue.code === 'too_big') {
      const most = Number(issue.maximum);
      return most === 0
        ? `takes no arguments, got ${args.length}`
        : `takes at most ${plural(most, 'argument')}, got ${args.length}`;
    }
    if (issue.code === 'too_small') {
      return `needs ${plural(Number(issue.minimum), 'argument')}, got ${args.length}`;
    }
  }
  const what = pathName(issue.path, names);
  const value = valueAt(args, issue.path);
  switch (issue.code) {
    case 'invalid_type':
      return `${what} must be ${EXPECTED[issue.expected] ?? issue.expected}, got ${kindOf(value)}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `${what} must be ${JSON.stringify(issue.values[0])}, got ${shown(value)}`
        : `${what} must be one of ${issue.values.join(', ')}, got ${shown(value)}`;
    case 'too_small':
      return `${what} must be ${String(issue.minimum)} or more, got ${shown(value)}`;
    case 'too_big':
      return `${what} must be at most ${String(issue.maximum)}, got ${shown(value)}`;
    case 'unrecognized_keys':
      return `${what} has no ${issue.keys.map((key) => `'${key}'`).join(', ')}`;
    case 'custom':
      // A custom check is either "an object" (say what came instead) or a set of values.
      return `${what} ${issue.message}, got ${issue.message === PLAIN_OBJECT ? kindOf(value) : shown(value)}`;
    case 'invalid_union':
      return issue.message && issue.message !== DEFAULT_MESSAGE
        ? `${what} ${issue.message}, got ${shown(value)}`
        : `${what} is not one of the forms it can take`;
    default:
      return `${what} is not valid`;
  }
}
