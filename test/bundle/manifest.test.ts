import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, ROOT } from '../../scripts/build.ts';

const manifest = JSON.parse(readFileSync(join(ROOT, 'appsscript.json'), 'utf8'));

describe('appsscript.json', () => {
  it('runs on V8 with a time zone and exception logging', () => {
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.timeZone).toMatch(/^[A-Za-z]+\/[A-Za-z_]+$/);
    expect(manifest.exceptionLogging).toBe('STACKDRIVER');
  });

  it('asks for exactly the scopes the README justifies', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(manifest.oauthScopes.length).toBeGreaterThan(0);
    for (const scope of manifest.oauthScopes as string[]) expect(readme).toContain(scope);
  });

  it('is copied unchanged into dist/', () => {
    expect(readFileSync(join(DIST, 'appsscript.json'), 'utf8')).toBe(
      readFileSync(join(ROOT, 'appsscript.json'), 'utf8'),
    );
  });
});

describe('dist/sidebar.html', () => {
  it('is one self-contained page: inlined script and style, nothing loaded from outside', () => {
    const html = readFileSync(join(DIST, 'sidebar.html'), 'utf8');
    expect(html).toContain('<script>');
    expect(html).toContain('<style>');
    expect(html).not.toContain('INLINE:');
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+href=/);
    // Exactly one script element: an inlined "</script>" would have split it.
    expect(html.match(/<\/script>/g)).toHaveLength(1);
  });
});
