import { abbreviate, InputValidationError, problemsAt, ruleOf, ValidationProblems, warningWithId } from '../../src/policies/validation';

const LOWER = ruleOf('thing name', 'Use lowercase letters only.', [
  [(v) => v.length < 3, 'it is shorter than 3 characters'],
  [(v) => /[^a-z]/.test(v), 'only lowercase letters are allowed'],
]);
const unresolved = (v: unknown) => typeof v === 'string' && v.includes('${Token[');

describe('ValidationProblems', () => {
  test('collects every violation of every value into one error', () => {
    const problems = new ValidationProblems('Stack/Thing', unresolved)
      .check(LOWER, 'A', 'name')
      .check(LOWER, 'ok-name-1', 'other');
    expect(() => problems.throwIfAny()).toThrow(InputValidationError);
    expect(problems.problems).toEqual([
      'Invalid thing name "A" at Stack/Thing (name): it is shorter than 3 characters; only lowercase letters are allowed. Use lowercase letters only.',
      'Invalid thing name "ok-name-1" at Stack/Thing (other): only lowercase letters are allowed. Use lowercase letters only.',
    ]);
    expect(() => problems.throwIfAny()).toThrow(/^2 problems:\n- Invalid thing name "A"[^]*\n- Invalid thing name "ok-name-1"/);
  });

  test('a single problem is the whole message', () => {
    expect(() => new ValidationProblems('S/T', unresolved).check(LOWER, 'AB').throwIfAny())
      .toThrow(/^Invalid thing name "AB" at S\/T: it is shorter than 3 characters; only lowercase letters are allowed\. Use lowercase letters only\.$/);
  });

  test('skips undefined values and unresolved tokens, but not look-alikes', () => {
    const problems = new ValidationProblems('S/T', unresolved)
      .check(LOWER, undefined)
      .check(LOWER, 'prefix-${Token[TOKEN.12]}')
      .check(LOWER, '${Token');
    expect(problems.problems).toHaveLength(1);
  });

  test('checkEach names each element by index', () => {
    const problems = new ValidationProblems('S/T', unresolved).checkEach(LOWER, ['good', 'BAD'], 'names');
    expect(problems.problems).toEqual([expect.stringContaining('at S/T (names[1])')]);
  });

  test('add and addIf record problems that are not about one value', () => {
    const problems = new ValidationProblems('S/T', unresolved)
      .addIf(false, 'never')
      .addIf(true, 'Set either a or b, not both')
      .add('Another');
    expect(problems.problems).toEqual(['Set either a or b, not both (at S/T)', 'Another (at S/T)']);
  });

  test('checkNotBlank refuses given blank values, not absent ones or tokens', () => {
    const problems = new ValidationProblems('S/T', unresolved)
      .checkNotBlank(undefined, 'a', 'give a')
      .checkNotBlank('${Token[TOKEN.1]}', 'b', 'give b')
      .checkNotBlank('ok', 'c', 'give c')
      .checkNotBlank('  ', 'name', 'give the name');
    expect(problems.problems).toEqual(['name is empty; give the name (at S/T)']);
  });

  test('valid input throws nothing', () => {
    expect(() => new ValidationProblems('S/T', unresolved).check(LOWER, 'abc').throwIfAny()).not.toThrow();
  });
});

describe('abbreviate', () => {
  test('keeps short values and cuts long ones with their length', () => {
    expect(abbreviate('abc')).toBe('"abc"');
    expect(abbreviate('x'.repeat(100), 5)).toBe('"xxxxx"... (100 characters)');
  });
});

describe('problemsAt', () => {
  test('names the construct path and skips what the back end calls unresolved', () => {
    const problems = problemsAt({ node: { path: 'Stack/Backups' } }, unresolved)
      .check(LOWER, 'A', 'name')
      .check(LOWER, '${Token[TOKEN.1]}', 'other');
    expect(problems.problems).toEqual([
      'Invalid thing name "A" at Stack/Backups (name): it is shorter than 3 characters; only lowercase letters are allowed. Use lowercase letters only.',
    ]);
  });
});

describe('warningWithId', () => {
  test('puts the library\'s warning ID in front', () => {
    expect(warningWithId('ForceDestroy', 'The bucket can be destroyed.')).toBe('[saas-backup-constructs:ForceDestroy] The bucket can be destroyed.');
  });
});
