/**
 * The guard around every emulated Apps Script object the script can touch. The emulator
 * implements the subset Kartoteka uses; without the guard, code that reaches for anything
 * else fails with a bare `TypeError: range.getCell is not a function`, which reads like a
 * bug in the script. With it, the failure names the gap: `Range.getCell is not implemented
 * in the local runtime`.
 *
 * How it works: each object the script receives is a Proxy over the emulator's object, made
 * once per object (so `range.getSheet() === range.getSheet()` still holds). A member that
 * exists is passed through; methods run on the emulator's own object with guards in their
 * arguments unwrapped (the emulator keeps WeakMaps and identity checks of its objects), and
 * what they return is guarded in turn — API objects, and arrays of them. Which objects are
 * API objects, and under which Apps Script class name, is registered where they are made:
 * classes with `registerApiClass`, plain objects with `apiObject`.
 *
 * What passes through untouched, because JavaScript and its tools look it up on any object
 * and expect `undefined` when it is absent: symbols (Symbol.iterator, Symbol.toPrimitive,
 * util.inspect.custom, …), `then` (so a guarded object is not a thenable), `toJSON`,
 * `inspect`, the DOM probes test tools use, and names that cannot be Apps Script members
 * (they start with `_`, `$` or `@`, like `__esModule` or `$$typeof`). `instanceof`,
 * `Object.keys` and JSON.stringify see the emulator's object.
 */

/** Thrown when the script touches a member the emulator does not implement. */
export class NotImplementedError extends Error {
  constructor(typeName: string, member: string) {
    super(`${typeName}.${member} is not implemented in the local runtime`);
    this.name = 'NotImplementedError';
  }
}

/** Apps Script members are plain identifiers: methods, properties and enums. */
const API_MEMBER = /^[A-Za-z][A-Za-z0-9]*$/;

/** Looked up by promises, JSON, Node's inspector and test matchers on whatever they meet. */
const PROBED = new Set(['then', 'toJSON', 'inspect', 'asymmetricMatch', 'nodeType', 'nodeName']);

/** Apps Script class names: of plain objects, and of classes by their prototype. */
const typeNames = new WeakMap<object, string>();
const guardOf = new WeakMap<object, object>();
const targetOf = new WeakMap<object, object>();

/** Marks the instances of `apiClass` as the Apps Script class `name`. */
export function registerApiClass(
  apiClass: abstract new (...args: never[]) => object,
  name: string,
): void {
  typeNames.set(apiClass.prototype as object, name);
}

/** Marks a plain object as an instance of the Apps Script class `name`; returns it. */
export function apiObject<T extends object>(name: string, object: T): T {
  typeNames.set(object, name);
  return object;
}

function typeNameOf(value: object): string | undefined {
  for (let o: object | null = value; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    const name = typeNames.get(o);
    if (name) return name;
  }
  return undefined;
}

function isGuarded(value: unknown): boolean {
  return typeof value === 'object' && value !== null && targetOf.has(value);
}

function isApiObject(value: object): boolean {
  return guardOf.has(value) || typeNameOf(value) !== undefined;
}

/** Plain loops: getValues() of a big range passes through here on every read. */
function containsAny(values: unknown[], test: (value: object) => boolean): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'object' || v === null || v instanceof Date) continue;
    if (Array.isArray(v) ? containsAny(v, test) : test(v)) return true;
  }
  return false;
}

/** The emulator's object behind a guard, also inside (nested) arrays; other values as they are. */
function unwrap(value: unknown): unknown {
  if (isGuarded(value)) return targetOf.get(value as object);
  if (Array.isArray(value) && containsAny(value, isGuarded)) return value.map(unwrap);
  return value;
}

/** What the script receives: API objects (also inside nested arrays) guarded, the rest as is. */
export function guardValue<T>(value: T): T {
  if (typeof value !== 'object' || value === null || isGuarded(value)) return value;
  const object: object = value;
  const existing = guardOf.get(object);
  if (existing) return existing as T;
  if (Array.isArray(object)) {
    return (containsAny(object, isApiObject) ? object.map(guardValue) : object) as T;
  }
  const name = typeNameOf(object);
  return name ? (guard(object, name) as T) : value;
}

function guard<T extends object>(target: T, typeName: string): T {
  const methods = new Map<PropertyKey, { original: unknown; wrapper: unknown }>();
  const method = (key: PropertyKey, original: (...args: unknown[]) => unknown) => {
    const cached = methods.get(key);
    if (cached && cached.original === original) return cached.wrapper;
    const wrapper = (...args: unknown[]) =>
      guardValue(Reflect.apply(original, target, args.map(unwrap)));
    methods.set(key, { original, wrapper });
    return wrapper;
  };
  const proxy = new Proxy(target, {
    get(object, key) {
      const passThrough = typeof key === 'symbol' || !API_MEMBER.test(key) || PROBED.has(key);
      if (!passThrough && !(key in object)) throw new NotImplementedError(typeName, key);
      const value: unknown = Reflect.get(object, key, object);
      // The class itself and Object.prototype's members (toString, hasOwnProperty…) stay
      // themselves, so `x.constructor === Range` and `x.toString()` behave as usual.
      const language =
        key === 'constructor' ||
        (key in Object.prototype && value === Reflect.get(Object.prototype, key));
      if (passThrough || language || typeof value !== 'function') return guardValue(value);
      return method(key, value as (...args: unknown[]) => unknown);
    },
  });
  guardOf.set(target, proxy);
  targetOf.set(proxy, target);
  return proxy;
}

/** The guarded top-level object of a service, e.g. the `LockService` global. */
export function guardApi<T extends object>(name: string, service: T): T {
  return guardValue(apiObject(name, service));
}
