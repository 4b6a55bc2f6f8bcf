import { describe, expect, it } from 'vitest';
import {
  createHtmlService,
  htmlOutputSnapshot,
} from '../../../../src/local/emulator/services/html';
import { createSession } from '../../../../src/local/emulator/services/session';
import { FakeHost, newWorld } from '../fake-host';

describe('HtmlService', () => {
  it('serves a project file, with or without .html, and its sidebar settings', () => {
    const world = newWorld();
    world.files.sidebar = '<p>Kartoteka</p>';
    const html = createHtmlService(new FakeHost(world));
    const output = html.createHtmlOutputFromFile('sidebar').setTitle('Kartoteka').setWidth(300);
    expect(output.getContent()).toBe('<p>Kartoteka</p>');
    expect(output.getTitle()).toBe('Kartoteka');
    expect(output.getWidth()).toBe(300);
    expect(html.createHtmlOutputFromFile('sidebar.html').getContent()).toBe('<p>Kartoteka</p>');
    const built = html
      .createHtmlOutput('<a>')
      .append('<b>')
      .setXFrameOptionsMode(html.XFrameOptionsMode.ALLOWALL);
    expect(built.getContent()).toBe('<a><b>');
    expect(built.setContent('x').appendUntrusted('<i>').getContent()).toBe('x&lt;i&gt;');
  });

  it('lets the Ui read an output without counting calls the script did not make', () => {
    const host = new FakeHost(newWorld());
    const output = createHtmlService(host).createHtmlOutput('<p>x</p>').setTitle('T').setWidth(320);
    const before = host.counts.total;
    expect(htmlOutputSnapshot(output)).toEqual({
      html: '<p>x</p>',
      title: 'T',
      width: 320,
      height: 0,
      xFrameOptionsMode: 'DEFAULT',
    });
    expect(host.counts.total).toBe(before);
    expect(htmlOutputSnapshot({ getContent: () => '' })).toBeUndefined();
  });

  it("throws Google's error for a missing file", () => {
    const html = createHtmlService(new FakeHost(newWorld()));
    expect(() => html.createHtmlOutputFromFile('Index')).toThrow(
      'No HTML file named Index was found.',
    );
  });
});

describe('Session', () => {
  it('gives the user and the script time zone in FULL auth', () => {
    const session = createSession(new FakeHost(newWorld()));
    expect(session.getActiveUser().getEmail()).toBe('ala@example.com');
    expect(session.getEffectiveUser().getEmail()).toBe('ala@example.com');
    expect(session.getScriptTimeZone()).toBe('Europe/Warsaw');
    const key = session.getTemporaryActiveUserKey();
    expect(key).not.toContain('ala');
    expect(
      createSession(
        new FakeHost(newWorld(), { user: 'ola@example.com' }),
      ).getTemporaryActiveUserKey(),
    ).not.toBe(key);
  });

  it("hides the email ('') when the script runs without the user's authorisation", () => {
    const session = createSession(
      new FakeHost(newWorld(), { authMode: 'LIMITED', source: 'simple-trigger' }),
    );
    expect(session.getActiveUser().getEmail()).toBe('');
  });
});
