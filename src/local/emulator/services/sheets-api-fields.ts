/**
 * The `fields` parameter (a partial-response field mask) of spreadsheets.get: only the
 * named fields come back. https://developers.google.com/sheets/api/guides/field-masks:
 * "multiple different fields are comma-separated and subfields are dot-separated. Field
 * names can be specified in camelCase or separated_by_underscores. For convenience, multiple
 * subfields from the same type can be listed within parentheses"
 * (`sheets.properties(sheetId,title)`). `*` selects everything and `/` separates sub-fields
 * as in Google's other APIs. Applied to an array, a mask applies to each element. A name the
 * resource does not have selects nothing (whether Google refuses it is not documented).
 */

/** true: the whole field; an object: only these sub-fields. */
export type FieldTree = true | { [name: string]: FieldTree };

function merge(into: Record<string, FieldTree>, name: string, sub: FieldTree): void {
  const existing = into[name];
  if (existing === true || sub === true) {
    into[name] = true;
    return;
  }
  const target: Record<string, FieldTree> = existing ?? {};
  for (const [key, value] of Object.entries(sub)) merge(target, key, value);
  into[name] = target;
}

/** Parses a field mask; throws on unbalanced parentheses or empty names. */
export function parseFields(mask: string): FieldTree {
  let at = 0;
  const fail = (): never => {
    throw new Error(`Invalid field selection ${mask}`);
  };
  const list = (): Record<string, FieldTree> => {
    const tree: Record<string, FieldTree> = {};
    for (;;) {
      const path: string[] = [];
      for (;;) {
        const name = /^[A-Za-z0-9_*]+/.exec(mask.slice(at))?.[0];
        if (!name) fail();
        path.push(name!.replace(/_([a-z0-9])/g, (_m, ch: string) => ch.toUpperCase()));
        at += name!.length;
        if (mask[at] === '.' || mask[at] === '/') at++;
        else break;
      }
      let sub: FieldTree = true;
      if (mask[at] === '(') {
        at++;
        sub = list();
        if (mask[at] !== ')') fail();
        at++;
      }
      const nested = path.slice(1).reduceRight<FieldTree>((acc, name) => ({ [name]: acc }), sub);
      if (path[0] === '*') return { '*': true };
      merge(tree, path[0], nested);
      if (mask[at] !== ',') return tree;
      at++;
    }
  };
  const tree = list();
  if (at !== mask.length) fail();
  return '*' in tree ? true : tree;
}

/** The parts of `value` the mask selects. */
export function applyFields(value: unknown, tree: FieldTree): unknown {
  if (tree === true || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => applyFields(item, tree));
  const out: Record<string, unknown> = {};
  for (const [name, sub] of Object.entries(tree)) {
    const field = (value as Record<string, unknown>)[name];
    if (field !== undefined) out[name] = applyFields(field, sub);
  }
  return out;
}
