import { readFileSync } from 'fs';

// test/support/jest-setup.ts gives stack captures on plain objects (cdktf's token creation stacks)
// V8's own format; errors keep jest's source-mapped stacks, with this file's TypeScript lines.
const lineOf = (marker: string): number => readFileSync(__filename, 'utf8').split('\n').findIndex((l) => l.includes(marker) && !l.includes('lineOf(')) + 1;

describe('stack traces in the tests', () => {
  test("an Error's stack still points at the TypeScript source line (jest's source maps), also after a plain capture", () => {
    Error.captureStackTrace({});
    const error = new Error('where'); // MARKER-ERROR
    expect(error.stack?.split('\n')[0]).toBe('Error: where');
    expect(error.stack).toContain(`jest-setup.test.ts:${lineOf('MARKER-ERROR')}:`);
  });

  test('a capture on an Error starts at the caller, as with V8\'s own function', () => {
    const error = new Error('captured');
    Error.captureStackTrace(error); // MARKER-CAPTURE-ERROR
    expect(error.stack?.split('\n')[1]).toContain(`jest-setup.test.ts:${lineOf('MARKER-CAPTURE-ERROR')}:`);
  });

  test('a capture on a plain object, as cdktf makes them, gets the V8 format and leaves no formatter behind', () => {
    const target: { stack?: string } = {};
    Error.captureStackTrace(target); // MARKER-CAPTURE
    expect(target.stack?.split('\n')[0]).toBe('Error');
    expect(target.stack?.split('\n')[1]).toMatch(/^ {4}at .*jest-setup\.test\.ts:\d+:\d+\)?$/);
    expect(Object.prototype.hasOwnProperty.call(Error, 'prepareStackTrace')).toBe(false);
  });

  test("cdktf's token creation stacks are captured and read", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Lazy } = require('cdktf');
    const token = Lazy.anyValue({ produce: () => 1 });
    expect(token.creationStack[0]).toMatch(/^new LazyBase \(.*node_modules\/cdktf\/lib\/tokens\/lazy\.js:\d+:\d+\)$/);
    expect(token.creationStack.some((frame: string) => frame.includes('jest-setup.test.ts'))).toBe(true);
  });
});
