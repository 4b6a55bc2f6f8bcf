/**
 * The local Apps Script runtime: runs the BUILT dist/Code.js — the file clasp uploads — in
 * a fresh `vm` context per execution, as Apps Script starts the script anew for every menu
 * click, trigger and google.script.run call. The context's globals are the emulated
 * services, bound to that execution, and a `Date` whose "now" is the simulated clock.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Script, createContext } from 'node:vm';
import {
  CallCounts,
  type AuthMode,
  type CallOptions,
  type ExecutionSource,
  type LockTable,
  type ScopeGrant,
  type ServiceHost,
  type UiSink,
} from './emulator/execution';
import { newWorkbookState, type TriggerState, type WorkbookState } from './emulator/state';
import { applyUserEdit, createSpreadsheetApp } from './emulator/spreadsheet/index';
import {
  createServices,
  enabledAdvancedServices,
  newCacheStore,
  releaseAllLocks,
  type AdvancedServiceSpec,
} from './emulator/services/index';
import { computeNextRun } from './emulator/services/script-app';
import { ianaZoneFor, inTimeZone } from './emulator/script-time-zone';
import { Authorizations, scopeError } from './emulator/authorizations';
import { scopesFor } from './emulator/scopes';
import { clockEvent } from './emulator/clock-event';
import type { ExecutionResult, RunOptions, Runtime, RuntimeOptions } from './runtime-api';

export const DEFAULT_USER = 'owner@example.com';

/** Apps Script's limits on one execution (apps-script-limits.md). */
const EXECUTION_LIMIT_MS = 6 * 60_000;
const SIMPLE_TRIGGER_LIMIT_MS = 30_000;

/** Services an add-on may not use before the user authorised it in this document. */
const NEEDS_FULL_AUTH = new Set(['MailApp', 'ScriptApp']);

/** Thrown into the script like Apps Script's own exceptions (the message is what users see). */
class ScriptError extends Error {
  override name = 'Exception';
}

class Execution implements ServiceHost {
  readonly counts = new CallCounts();
  readonly logs: string[] = [];
  readonly startedAt: Date;
  private sleptMs = 0;
  private interleaveHook?: { atCall: string; run: () => void };
  /** Fault injection (runtime.crashNextExecution): die at the nth such call. */
  crashAt?: { atCall: string; occurrence: number };

  constructor(
    readonly runtime: LocalRuntime,
    readonly executionId: number,
    readonly source: ExecutionSource,
    readonly authMode: AuthMode,
    readonly user: string,
  ) {
    this.startedAt = runtime.now();
  }

  get state(): WorkbookState {
    return this.runtime.state;
  }
  get locks(): LockTable {
    return this.runtime.locks;
  }
  get scriptTimeZone(): string {
    return this.runtime.scriptTimeZone;
  }
  get scopeGrant(): ScopeGrant {
    return this.runtime.authorizations.grantFor(this.user);
  }

  /** Modelled time spent holding a lock (tryLock/waitLock success to releaseLock). */
  lockHeldMs = 0;
  private lockHeldSince?: number;

  noteLockHeld(held: boolean): void {
    if (held && this.lockHeldSince === undefined) this.lockHeldSince = this.modelledMs;
    if (!held && this.lockHeldSince !== undefined) {
      this.lockHeldMs += this.modelledMs - this.lockHeldSince;
      this.lockHeldSince = undefined;
    }
  }

  /** Simulated time this execution has used: modelled call costs plus sleeps and waits. */
  get modelledMs(): number {
    return this.counts.modelledMs + this.sleptMs;
  }

  onCall(atCall: string, run: () => void): void {
    this.interleaveHook = { atCall, run };
  }

  call(service: string, method: string, options: CallOptions = {}): void {
    const key = `${service}.${method}`;
    if (this.authMode === 'NONE' && options.needsAuthorization !== false) {
      // https://developers.google.com/workspace/add-ons/concepts/editor-auth-lifecycle
      throw new ScriptError(
        `You do not have permission to call ${key}. The add-on is not yet authorised in ` +
          'this document (AuthMode.NONE): only menu building is allowed.',
      );
    }
    if (this.authMode === 'LIMITED' && NEEDS_FULL_AUTH.has(service)) {
      throw new ScriptError(`You do not have permission to call ${key} in AuthMode.LIMITED.`);
    }
    // An add-on trigger runs without the user's grant and stops at the first call that
    // needs a scope it lacks (src/local/emulator/scopes.ts).
    const scopes = scopesFor(service, method, options.needsAuthorization !== false);
    const denied = scopes && scopeError(key, scopes, this.scopeGrant);
    if (denied) throw new ScriptError(denied);
    const counts = this.counts;
    counts.byMethod[key] = (counts.byMethod[key] ?? 0) + 1;
    counts.charge(service, method, options);
    this.checkTimeLimit();
    const crash = this.crashAt;
    if (crash && crash.atCall === key && counts.byMethod[key] === crash.occurrence) {
      // What Apps Script says when its servers fail mid-execution; the call does not happen.
      throw new ScriptError(
        "We're sorry, a server error occurred. Please wait a bit and try again.",
      );
    }
    const hook = this.interleaveHook;
    if (hook && hook.atCall === key) {
      this.interleaveHook = undefined;
      hook.run();
    }
  }

  private checkTimeLimit(): void {
    const limit = this.source === 'simple-trigger' ? SIMPLE_TRIGGER_LIMIT_MS : EXECUTION_LIMIT_MS;
    if (this.modelledMs > limit) {
      throw new ScriptError('Exceeded maximum execution time');
    }
  }

  assertMayWrite(what: string): void {
    const mode = this.runtime.strictLocks;
    if (!mode) return;
    const holdsDocumentLock = this.locks.get(`document:${this.state.id}`) === this.executionId;
    if (holdsDocumentLock) return;
    const others = this.runtime.inFlight.filter((e) => e !== this);
    if (others.length > 0) {
      throw new ScriptError(
        `Strict-lock mode: ${what} was written without the document lock while execution ` +
          `#${others[0].executionId} (${others[0].source}) was running.`,
      );
    }
    if (mode === 'always') {
      throw new ScriptError(`Strict-lock mode: ${what} was written without the document lock.`);
    }
  }

  now(): Date {
    return this.runtime.now();
  }

  sleep(ms: number): void {
    this.sleptMs += ms;
    this.runtime.advanceClock(ms);
    this.checkTimeLimit();
  }

  projectFile(name: string): string | undefined {
    return this.runtime.projectFile(name);
  }
}

/** A `Date` for the script's realm whose "now" is the simulated clock. */
function simulatedDate(now: () => Date): DateConstructor {
  return new Proxy(Date, {
    construct(target, args: unknown[], newTarget) {
      if (args.length === 0) return Reflect.construct(target, [now().getTime()], newTarget);
      return Reflect.construct(target, args, newTarget);
    },
    apply() {
      return now().toString();
    },
    get(target, property, receiver) {
      if (property === 'now') return () => now().getTime();
      return Reflect.get(target, property, receiver);
    },
  });
}

/** An error from the script's realm (instanceof Error fails across realms). */
function describeError(error: unknown): { name: string; message: string; stack?: string } {
  if (error && typeof error === 'object' && 'message' in error) {
    const e = error as { name?: unknown; message: unknown; stack?: unknown };
    return {
      name: typeof e.name === 'string' ? e.name : 'Error',
      message: String(e.message),
      stack: typeof e.stack === 'string' ? e.stack : undefined,
    };
  }
  return { name: 'Error', message: String(error) };
}

/** Brings a value out of the script's realm so host code (and vitest) sees plain values. */
function toHostRealm(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  try {
    return structuredClone(value);
  } catch {
    return value;
  }
}

export class LocalRuntime implements Runtime {
  readonly state: WorkbookState;
  readonly ui: UiSink = { addonMenu: [], sidebars: [], alerts: [], toasts: [] };
  readonly locks: LockTable = new Map();
  readonly inFlight: Execution[] = [];
  readonly strictLocks: boolean | 'always';
  readonly scriptTimeZone: string;
  readonly authorizations: Authorizations;
  /** The manifest's enabled advanced services (the `Sheets` global and the like). */
  private readonly advancedServices: AdvancedServiceSpec[];
  /** The IANA zone the bundle's realm computes local times in (see script-time-zone.ts). */
  private readonly realmTimeZone: string;
  private readonly cache = newCacheStore();
  private readonly script: Script;
  private readonly projectDir: string;
  private readonly user: string;
  private nextExecutionId = 1;
  /** Simulated clock: a fixed instant, or the real clock shifted by `clockSkewMs`. */
  private fixedNowMs?: number;
  private clockSkewMs = 0;

  constructor(options: RuntimeOptions) {
    const codePath = options.codePath ?? join(process.cwd(), 'dist', 'Code.js');
    this.projectDir = dirname(codePath);
    this.script = new Script(readFileSync(codePath, 'utf8'), { filename: 'Code.gs' });
    this.state = options.workbook ?? newWorkbookState({ id: randomUUID() });
    this.user = options.user ?? DEFAULT_USER;
    this.strictLocks = options.strictLocks ?? true;
    this.fixedNowMs = options.now?.getTime();
    const manifest = this.readManifest();
    this.scriptTimeZone = manifest.timeZone ?? this.state.timeZone;
    this.realmTimeZone = ianaZoneFor(this.scriptTimeZone);
    this.authorizations = new Authorizations(manifest.oauthScopes);
    this.advancedServices = enabledAdvancedServices(manifest);
  }

  private readManifest(): { timeZone?: string; oauthScopes?: string[]; dependencies?: unknown } {
    const manifest = join(this.projectDir, 'appsscript.json');
    if (!existsSync(manifest)) return {};
    return JSON.parse(readFileSync(manifest, 'utf8')) as {
      timeZone?: string;
      oauthScopes?: string[];
      dependencies?: unknown;
    };
  }

  /**
   * Takes the add-on's authorisation away from `user` (default: every scope the manifest
   * requests), as when they remove its access in their Google Account or an update adds a
   * scope they have not granted. Their triggers still fire; getAuthorizationInfo(FULL)
   * says REQUIRED and any call needing a missing scope throws "Authorization is required to
   * perform that action.". Their next menu action re-authorises them.
   */
  revokeAuthorization(user: string, scopes?: string[]): void {
    this.authorizations.revoke(user, scopes);
  }

  now(): Date {
    return new Date(this.fixedNowMs ?? Date.now() + this.clockSkewMs);
  }

  setNow(now: Date): void {
    this.fixedNowMs = now.getTime();
  }

  advanceClock(ms: number): void {
    if (this.fixedNowMs === undefined) this.clockSkewMs += ms;
    else this.fixedNowMs += ms;
  }

  projectFile(name: string): string | undefined {
    const path = join(this.projectDir, `${name}.html`);
    return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  }

  private defaultAuthMode(functionName: string, source: ExecutionSource): AuthMode {
    if (source !== 'simple-trigger') return 'FULL';
    if (functionName === 'onInstall') return 'FULL';
    return this.state.addonEnabled ? 'LIMITED' : 'NONE';
  }

  /** A fresh script context for one execution, with services bound to it. */
  private loadScript(execution: Execution): Record<string, unknown> {
    const globals: Record<string, unknown> = {
      ...createServices(execution, {
        cache: this.cache,
        logs: execution.logs,
        advancedServices: this.advancedServices,
      }),
      SpreadsheetApp: createSpreadsheetApp(execution, this.ui),
      Date: simulatedDate(() => this.now()),
    };
    const context = createContext(globals, { name: 'Apps Script' });
    this.script.runInContext(context);
    return context as Record<string, unknown>;
  }

  /** One execution, with local times in the script's time zone while it runs. */
  private execute(
    functionName: string,
    args: unknown[],
    options: RunOptions,
    beforeRun?: (execution: Execution) => void,
  ): ExecutionResult {
    return inTimeZone(this.realmTimeZone, () =>
      this.executeInScriptZone(functionName, args, options, beforeRun),
    );
  }

  private executeInScriptZone(
    functionName: string,
    args: unknown[],
    options: RunOptions,
    beforeRun?: (execution: Execution) => void,
  ): ExecutionResult {
    const source = options.source ?? 'cli';
    const authMode = options.authMode ?? this.defaultAuthMode(functionName, source);
    const execution = new Execution(
      this,
      this.nextExecutionId++,
      source,
      authMode,
      options.user ?? this.user,
    );
    if (this.pendingCrash) {
      execution.crashAt = this.pendingCrash;
      this.pendingCrash = undefined;
    }
    if (authMode === 'FULL' && source !== 'time-trigger') this.state.addonEnabled = true;
    // The user is at the keyboard: Google shows the consent dialog before running.
    const prompted = source === 'menu' || (source === 'simple-trigger' && authMode === 'FULL');
    if (prompted) this.authorizations.authorize(execution.user);
    beforeRun?.(execution);
    this.inFlight.push(execution);
    const result: ExecutionResult = {
      ok: false,
      counts: execution.counts,
      logs: execution.logs,
      startedAt: execution.startedAt,
      modelledMs: 0,
      lockMs: 0,
    };
    try {
      const context = this.loadScript(execution);
      const entryPoint = context[functionName];
      if (typeof entryPoint !== 'function') {
        throw new ScriptError(`Script function not found: ${functionName}`);
      }
      result.value = toHostRealm((entryPoint as (...a: unknown[]) => unknown)(...args));
      result.ok = true;
    } catch (error) {
      result.error = describeError(error);
    } finally {
      // Apps Script releases every lock an execution still holds when it ends.
      releaseAllLocks(this.locks, execution.executionId);
      execution.noteLockHeld(false);
      result.lockMs = Math.round(execution.lockHeldMs);
      this.inFlight.splice(this.inFlight.indexOf(execution), 1);
      result.modelledMs = Math.round(execution.modelledMs);
    }
    return result;
  }

  run<T = unknown>(
    functionName: string,
    args: unknown[] = [],
    options: RunOptions = {},
  ): ExecutionResult<T> {
    return this.execute(functionName, args, options) as ExecutionResult<T>;
  }

  private pendingCrash?: { atCall: string; occurrence: number };

  crashNextExecution(atCall: string, occurrence = 1): void {
    this.pendingCrash = { atCall, occurrence };
  }

  interleave(
    outer: { functionName: string; args?: unknown[]; options?: RunOptions },
    atCall: string,
    inner: { functionName: string; args?: unknown[]; options?: RunOptions },
  ): { outer: ExecutionResult; inner: ExecutionResult } {
    let innerResult: ExecutionResult | undefined;
    const outerResult = this.execute(
      outer.functionName,
      outer.args ?? [],
      outer.options ?? {},
      (execution) =>
        execution.onCall(atCall, () => {
          innerResult = this.execute(inner.functionName, inner.args ?? [], inner.options ?? {});
        }),
    );
    if (!innerResult) {
      throw new Error(`interleave: ${outer.functionName} never called ${atCall}`);
    }
    return { outer: outerResult, inner: innerResult };
  }

  runDueTriggers(): Array<{ trigger: string; result: ExecutionResult }> {
    const now = this.now();
    const due = this.state.triggers.filter(
      (t) => t.eventType === 'CLOCK' && t.nextRun !== undefined && Date.parse(t.nextRun) <= +now,
    );
    return due.map((trigger) => ({
      trigger: trigger.uniqueId,
      result: this.fireClockTrigger(trigger, now),
    }));
  }

  runTrigger(triggerId: string): ExecutionResult {
    const trigger = this.state.triggers.find((t) => t.uniqueId === triggerId);
    if (!trigger) throw new Error(`No trigger with id ${triggerId}`);
    if (trigger.eventType !== 'CLOCK') {
      // Only the clock is simulated: an ON_OPEN/ON_EDIT event object needs a real event.
      throw new Error(`Trigger ${triggerId} is ${trigger.eventType}, not time-driven`);
    }
    return this.fireClockTrigger(trigger, this.now());
  }

  /** Runs one time-driven trigger as its owner, then records the run and the next one. */
  private fireClockTrigger(trigger: TriggerState, now: Date): ExecutionResult {
    const result = this.execute(trigger.handlerFunction, [clockEvent(trigger.uniqueId, now)], {
      source: 'time-trigger',
      authMode: 'FULL',
      user: trigger.owner,
    });
    trigger.lastRun = now.toISOString();
    const stillInstalled = this.state.triggers.includes(trigger);
    if (stillInstalled) {
      const next = computeNextRun(trigger, now, this.scriptTimeZone);
      if (next) trigger.nextRun = next;
      else this.state.triggers.splice(this.state.triggers.indexOf(trigger), 1);
    }
    return result;
  }

  entryPoints(): string[] {
    const context = createContext({});
    inTimeZone(this.realmTimeZone, () => this.script.runInContext(context));
    return Object.keys(context).filter(
      (name) => typeof (context as Record<string, unknown>)[name] === 'function',
    );
  }

  userEdit(sheetName: string, a1: string, text: string): void {
    applyUserEdit(this.state, sheetName, a1, text);
  }
}

export function createRuntime(options: RuntimeOptions = {}): LocalRuntime {
  return new LocalRuntime(options);
}
