import { rmSync } from 'fs';
import { join } from 'path';
import { folderWith } from '../support/files';

// scripts/typecheck-and-lint.js replaces `tsc --noEmit` and `eslint`: it must fail on what each
// of them failed on. Run here on a small project inside the repository (so eslint's plugins
// resolve), with the repository's own parser and the type-aware rule the real config enables.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { typecheckAndLint, LINTED } = require('../../scripts/typecheck-and-lint.js');

jest.setTimeout(60_000);

function project(files: Record<string, string>): string {
  return folderWith('typecheck-and-lint-', {
    // skipLibCheck, as the repository's tsconfig: the project's own files are checked, not lib.*.d.ts.
    'tsconfig.dev.json': JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'commonjs', types: [], lib: ['es2022'], skipLibCheck: true },
      include: ['src/**/*.ts'],
    }),
    '.eslintrc.json': JSON.stringify({
      root: true,
      parser: '@typescript-eslint/parser',
      parserOptions: { ecmaVersion: 2018, sourceType: 'module', project: './tsconfig.dev.json' },
      plugins: ['@typescript-eslint'],
      rules: { '@typescript-eslint/no-floating-promises': 'error', 'curly': ['warn', 'multi-line'] },
    }),
    ...files,
  }, true);
}

async function check(files: Record<string, string>): Promise<{ code: number; out: string }> {
  const dir = project(files);
  const lines: string[] = [];
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  const log = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => { lines.push(args.join(' ')); });
  try {
    const code = await typecheckAndLint({ root: dir, linted: ['src'], cacheDir: join(dir, 'cache') });
    return { code, out: lines.join('\n') };
  } finally {
    write.mockRestore();
    log.mockRestore();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('scripts/typecheck-and-lint.js', () => {
  test('lints what eslint linted before', () => {
    expect(LINTED).toEqual(['src', 'test', 'examples', 'benchmarks', 'scripts', '.projenrc.ts']);
  });

  // Two runs (each builds a program and an eslint instance): one that must pass, one that must fail.
  test('a project with only lint warnings passes, and prints them', async () => {
    const { code, out } = await check({
      'src/a.ts': 'export const a: number = 1;\n',
      'src/b.ts': 'export function f(x: boolean): number {\n  if (x)\n    return 1;\n  return 0;\n}\n',
    });
    expect(code).toBe(0);
    expect(out).toContain('tsc: 2 files, 0 errors');
    expect(out).toMatch(/src\/b\.ts\s+3:5\s+warning\s+Expected \{ after 'if' condition\s+curly/);
    expect(out).toContain('eslint: 2 files, 0 errors');
  });

  test('a type error fails, with tsc\'s message; a floating promise fails: the type-aware rule sees the shared program', async () => {
    const { code, out } = await check({
      'src/a.ts': "export const a: number = 'one';\n",
      'src/b.ts': 'async function f(): Promise<void> { return; }\nf();\nexport {};\n',
    });
    expect(code).toBe(1);
    expect(out).toMatch(/src\/a\.ts\(1,14\): error TS2322: Type 'string' is not assignable to type 'number'/);
    expect(out).toContain('tsc: 2 files, 1 errors');
    expect(out).toMatch(/src\/b\.ts\s+2:1\s+error\s+Promises must be awaited.*@typescript-eslint\/no-floating-promises/);
    expect(out).toContain('eslint: 2 files, 1 errors');
  });
});
