import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { CONSOLE_FUNCTIONS, consoleConfigScript, httpAccessPath } from './consoleConfig';

/** Every `.ts`/`.tsx` file under admin/src. */
function adminSources(dir = join(__dirname, '..', 'admin', 'src')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? adminSources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

describe('the console’s functions (each gets an HTTP access path from the deploy)', () => {
  it('CONSOLE_FUNCTIONS lists every function the console calls, and only those', () => {
    const called = new Set<string>();
    for (const file of adminSources()) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bcall\(\s*['"`]([a-z]+)['"`]/g)) called.add(m[1]);
    }
    expect(called.size).toBeGreaterThan(0);
    // A new console call to another function: add it to CONSOLE_FUNCTIONS (the deploy gives it /fn/<name>).
    expect({ CONSOLE_FUNCTIONS: [...CONSOLE_FUNCTIONS].sort() }).toEqual({ CONSOLE_FUNCTIONS: [...called].sort() });
  });

  it('paths are /fn/<function>', () => {
    expect(httpAccessPath('files')).toBe('/fn/files');
  });

  it('config.js carries a validated functions URL only', () => {
    expect(consoleConfigScript({ functionsUrl: 'https://anxue-1a2b-1300000000.ap-shanghai.app.tcloudbase.com/fn' })).toBe(
      'window.ANXUE_CONSOLE_CONFIG = {"functionsUrl":"https://anxue-1a2b-1300000000.ap-shanghai.app.tcloudbase.com/fn"};\n',
    );
    expect(() => consoleConfigScript({ functionsUrl: 'javascript:alert(1)' })).toThrow();
    expect(() => consoleConfigScript({ functionsUrl: 'https://x.example/fn/' })).toThrow();
  });
});
