/**
 * The google.script.run boundary, as Google documents it
 * (https://developers.google.com/apps-script/guides/html/reference/run):
 * parameters and return values may be primitives, null, and arrays/objects made of them.
 * A Date, a function or another prohibited type anywhere inside makes the request fail;
 * circular references fail; `undefined` inside arrays becomes null; the receiver gets a copy.
 * The dev server applies the same rules to arguments (in the browser shim and again here)
 * and to return values, so code that works locally does not break on Google.
 */

export class ScriptRunBoundaryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScriptRunBoundaryError';
  }
}

/** Why `value` cannot cross google.script.run, or null when it can. */
export function prohibitedValue(
  value: unknown,
  path = 'value',
  seen = new Set<object>(),
): string | null {
  if (value === null || value === undefined) return null;
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return null;
  if (type === 'function') return `${path} is a function`;
  if (type === 'bigint' || type === 'symbol') return `${path} is a ${type}`;
  const tag = Object.prototype.toString.call(value);
  if (tag === '[object Date]') return `${path} is a Date (pass an ISO string instead)`;
  const object = value as object;
  if (seen.has(object)) return `${path} is a circular reference`;
  seen.add(object);
  try {
    if (Array.isArray(object)) {
      for (let i = 0; i < object.length; i++) {
        const problem = prohibitedValue(object[i], `${path}[${i}]`, seen);
        if (problem) return problem;
      }
      return null;
    }
    if (tag !== '[object Object]') return `${path} is a ${tag.slice(8, -1)}`;
    for (const [key, inner] of Object.entries(object)) {
      const problem = prohibitedValue(inner, `${path}.${key}`, seen);
      if (problem) return problem;
    }
    return null;
  } finally {
    seen.delete(object);
  }
}

/**
 * The copy the other side receives: checked, then a JSON round trip (undefined in arrays
 * becomes null, undefined fields disappear).
 */
export function crossBoundary<T>(value: T, what: string): T {
  const problem = prohibitedValue(value, what);
  if (problem) throw new ScriptRunBoundaryError(`google.script.run cannot pass this: ${problem}.`);
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
