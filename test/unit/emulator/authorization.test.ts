/**
 * Revoked authorisation: an add-on's time-driven trigger still fires, getAuthorizationInfo
 * (FULL) says REQUIRED with a URL, and the run stops at the first call needing a scope the
 * user has not granted, with "Authorization is required to perform that action."
 * (editor-triggers and troubleshooting guides, see src/local/emulator/scopes.ts). A menu
 * action re-authorises. Calls whose scopes the manifest never asks for fail with
 * "Specified permissions are not sufficient …".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime, type LocalRuntime } from '../../../src/local/runtime';

const SCOPE = 'https://www.googleapis.com/auth/';
const MANIFEST_SCOPES = [
  `${SCOPE}spreadsheets`,
  `${SCOPE}script.container.ui`,
  `${SCOPE}script.send_mail`,
  `${SCOPE}script.scriptapp`,
  `${SCOPE}userinfo.email`,
];
const REQUIRED = 'Authorization is required to perform that action.';
const dirs: string[] = [];

function project(oauthScopes: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'kartoteka-auth-'));
  dirs.push(dir);
  copyFileSync(join(__dirname, 'fixtures', 'authorization-probe.js'), join(dir, 'Code.js'));
  const manifest = { timeZone: 'Europe/Warsaw', oauthScopes };
  writeFileSync(join(dir, 'appsscript.json'), JSON.stringify(manifest));
  return join(dir, 'Code.js');
}

afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function installedFor(user: string): LocalRuntime {
  const runtime = createRuntime({
    codePath: project(MANIFEST_SCOPES),
    now: new Date('2026-03-02T10:00:00Z'),
    user,
  });
  expect(runtime.run('install', [], { source: 'menu' }).value).toBe('installed');
  return runtime;
}

function fireDailyJob(runtime: LocalRuntime) {
  runtime.setNow(new Date(runtime.state.triggers[0].nextRun!));
  const runs = runtime.runDueTriggers();
  expect(runs).toHaveLength(1);
  return { result: runs[0].result, props: runtime.state.properties.document };
}

describe('a time-driven trigger after the user revoked authorisation', () => {
  let runtime: LocalRuntime;
  beforeAll(() => {
    runtime = installedFor('ana@example.com');
  });

  it('runs while authorised: NOT_REQUIRED, no URL, every service works', () => {
    const { result, props } = fireDailyJob(runtime);
    expect(result.ok).toBe(true);
    expect(props).toMatchObject({ status: 'NOT_REQUIRED', url: 'null', reached: 'mail' });
  });

  it('still fires, reports REQUIRED with a URL, and stops at the first scoped call', () => {
    runtime.revokeAuthorization('ana@example.com');
    const { result, props } = fireDailyJob(runtime);
    expect(result.ok).toBe(false);
    expect(result.error?.message).toBe(REQUIRED);
    expect(props.status).toBe('REQUIRED');
    expect(props.url).toMatch(/^https:\/\//);
    // PropertiesService and getAuthorizationInfo need no scope; openById does.
    expect(props.reached).toBe('properties');
    expect(runtime.state.outbox).toHaveLength(1);
  });

  it("leaves other users' grants alone", () => {
    expect(runtime.run('report', [], { user: 'bob@example.com' }).value).toMatchObject({
      status: 'NOT_REQUIRED',
      url: null,
    });
  });

  it('a menu action by the user re-authorises them (Google shows the consent dialog)', () => {
    expect(runtime.run('report', [], { source: 'script-run' }).value).toMatchObject({
      status: 'REQUIRED',
      scopes: [],
      limited: 'NOT_REQUIRED',
    });
    expect(runtime.run('report', [], { source: 'menu' }).value).toEqual({
      status: 'NOT_REQUIRED',
      url: null,
      scopes: MANIFEST_SCOPES,
      limited: 'NOT_REQUIRED',
      enumValues: ['REQUIRED', 'NOT_REQUIRED'],
    });
    expect(fireDailyJob(runtime).result.ok).toBe(true);
  });
});

describe('a scope added by an update and not yet granted', () => {
  it('only calls needing that scope fail; the check can ask about chosen scopes', () => {
    const runtime = installedFor('ana@example.com');
    runtime.revokeAuthorization('ana@example.com', [`${SCOPE}script.send_mail`]);
    const { result, props } = fireDailyJob(runtime);
    expect(result.error?.message).toBe(REQUIRED);
    expect(props.reached).toBe('spreadsheet Kartoteka');
    const report = runtime.run<{ status: string; scopes: string[] }>('report', [], {
      source: 'cli',
    }).value;
    expect(report?.status).toBe('REQUIRED');
    expect(report?.scopes).not.toContain(`${SCOPE}script.send_mail`);
    const sheetsOnly = runtime.run('report', [[`${SCOPE}spreadsheets`]], { source: 'cli' });
    expect(sheetsOnly.value).toMatchObject({
      status: 'NOT_REQUIRED',
      scopes: [`${SCOPE}spreadsheets`],
    });
  });
});

describe('a scope the manifest never asks for', () => {
  it('fails with "Specified permissions are not sufficient", even for an authorised user', () => {
    const codePath = project(MANIFEST_SCOPES.filter((s) => !s.endsWith('send_mail')));
    const result = createRuntime({ codePath }).run('sendOne', [], { source: 'menu' });
    expect(result.error?.message).toBe(
      'Specified permissions are not sufficient to call MailApp.sendEmail. ' +
        `Required permissions: ${SCOPE}script.send_mail`,
    );
  });
});
