import { describe, expect, it } from 'vitest';
import vm from 'node:vm';
import { inlineSidebar } from '../../scripts/build.ts';

const TEMPLATE = '<head><!-- INLINE:CSS --></head><body><!-- INLINE:JS --></body>';

describe('inlineSidebar', () => {
  it('keeps a "</script>" inside inlined code from ending the script element', () => {
    const script = 'window.result = "a</script><b>" + "$&" + "$1";';
    const html = inlineSidebar(TEMPLATE, script, 'p{color:red}');
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    const inner = html.slice(html.indexOf('<script>') + 8, html.lastIndexOf('</script>'));
    const context = vm.createContext({ window: {} as Record<string, unknown> });
    vm.runInContext(inner, context);
    expect((context.window as Record<string, unknown>).result).toBe('a</script><b>$&$1');
  });

  it('refuses a template without its markers', () => {
    expect(() => inlineSidebar('<body></body>', '', '')).toThrow(/INLINE:CSS/);
  });
});
