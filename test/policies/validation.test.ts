import { abbreviate, describeInput, duplicatesOf, InputValidationError, oneOfRule, problemsAt, ruleOf, typeOfValue, ValidationProblems, warningWithId } from '../../src/policies/validation';

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

describe('typeOfValue and describeInput: what a JavaScript caller gave, in words', () => {
  test.each<[unknown, string, string, string]>([
    // value, typeOfValue, describeInput, describeInput with showString
    [undefined, 'undefined', 'undefined', 'undefined'],
    [null, 'null', 'null', 'null'],
    ['123456789012', 'a string', 'a string', 'a string ("123456789012")'],
    ['x', 'a string', 'a string', 'a string ("x")'],
    ['y'.repeat(50), 'a string', 'a string', `a string (${JSON.stringify('y'.repeat(40))}... (50 characters))`],
    [123456789012, 'a number', 'a number (123456789012)', 'a number (123456789012)'],
    [3, 'a number', 'a number (3)', 'a number (3)'],
    [true, 'a boolean', 'a boolean (true)', 'a boolean (true)'],
    [[], 'a list', 'a list', 'a list'],
    [['a'], 'a list', 'a list', 'a list'],
    [{}, 'an object', 'an object', 'an object'],
    [Object.create(null), 'an object', 'an object', 'an object'],
    [new Date(0), 'an object', 'an object (Date)', 'an object (Date)'],
    [new Map(), 'an object', 'an object (Map)', 'an object (Map)'],
    [() => 1, 'a function', 'a function', 'a function'],
  ])('%p', (value, type, described, shown) => {
    expect(typeOfValue(value)).toBe(type);
    expect(describeInput(value)).toBe(described);
    expect(describeInput(value, true)).toBe(shown);
  });
});

describe('oneOfRule: an enum\'s values, exactly', () => {
  const rule = oneOfRule('StackSet CallAs', ['SELF', 'DELEGATED_ADMIN']);
  test.each<[string, string[]]>([
    ['SELF', []],
    ['DELEGATED_ADMIN', []],
    ['SELF ', ['it is not one of the values (did you mean SELF, exactly?)']],
    ['self', ['it is not one of the values (did you mean SELF, exactly?)']],
    ['Delegated Admin', ['it is not one of the values (did you mean DELEGATED_ADMIN, exactly?)']],
    ['ADMIN', ['it is not one of the values']],
    ['', ['it is not one of the values']],
  ])('oneOfRule: %j', (value, problems) => {
    expect(rule.check(value)).toEqual(problems);
  });
});

describe('duplicatesOf', () => {
  test('duplicatesOf: each repeated value once, in order', () => {
    expect(duplicatesOf(['b', 'a', 'b', 'c', 'a', 'b'])).toEqual(['b', 'a']);
    expect(duplicatesOf(['a', 'A'])).toEqual([]);
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
    const problems = problemsAt({ node: { path: 'Stack/Backups' } }, (v) => typeof v === 'string' && v.includes('${TfToken['))
      .check(LOWER, 'A', 'name')
      .check(LOWER, '${TfToken[TOKEN.1]}', 'other');
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

describe('JavaScript callers (class 7): the value\'s type, null list elements and missing props are problems naming the prop', () => {
  const at = ' (at S/T)';
  test.each<[string, (p: ValidationProblems) => ValidationProblems, string[]]>([
    ['a number for a string', (p) => p.check(LOWER, 42, 'name'), ['name must be a string, not a number' + at]],
    ['null for a string', (p) => p.check(LOWER, null, 'name'), ['name must be a string, not null' + at]],
    ['an object for a string', (p) => p.check(LOWER, { name: 'abc' }, 'name'), ['name must be a string, not an object' + at]],
    ['a string for a list', (p) => p.checkEach(LOWER, 'abc', 'names'), ['names must be a list, not a string' + at]],
    ['null in a list', (p) => p.checkEach(LOWER, ['abc', null], 'names'), ['names[1] is null; remove it from the list or give a value' + at]],
    ['undefined in a list', (p) => p.checkEach(LOWER, [undefined, 'abc'], 'names'), ['names[0] is undefined; remove it from the list or give a value' + at]],
    ['a number in a list', (p) => p.checkEach(LOWER, [1], 'names'), ['names[0] must be a string, not a number' + at]],
    ['a missing required prop', (p) => p.required(undefined, 'bucketName', 'give the bucket'), ['bucketName is required; give the bucket' + at]],
    ['a null required prop', (p) => p.required(null, 'bucketName', 'give the bucket'), ['bucketName is required; give the bucket' + at]],
    ['"true" for a boolean', (p) => p.checkBoolean('true', 'isDefault'), ['isDefault must be a boolean (true or false), not a string (a string such as "false" would read as true)' + at]],
    ['"false" for a boolean', (p) => p.checkBoolean('false', 'flag'), ['flag must be a boolean (true or false), not a string (a string such as "false" would read as true)' + at]],
    ['null for a boolean', (p) => p.checkBoolean(null, 'flag'), ['flag must be a boolean (true or false), not null' + at]],
    ['0 for a boolean', (p) => p.checkBoolean(0, 'isDefault'), ['isDefault must be a boolean (true or false), not a number' + at]],
    ['a value out of the enum', (p) => p.checkOneOf('Project', ['project', 'tenant'], 'context'),
      ['Invalid context "Project" at S/T (context): it is not one of the values (did you mean project, exactly?). Use one of project, tenant (the enum\'s value, exactly as written).']],
    ['an enum value in another case, with the enum named', (p) => p.checkOneOf('self', ['SELF', 'DELEGATED_ADMIN'], 'callAs', 'StackSet CallAs'),
      ['Invalid StackSet CallAs "self" at S/T (callAs): it is not one of the values (did you mean SELF, exactly?). Use one of SELF, DELEGATED_ADMIN (the enum\'s value, exactly as written).']],
    ['a number for an enum', (p) => p.checkOneOf(1, ['project', 'tenant'], 'context'), ['context must be one of "project", "tenant", not a number' + at]],
    ['a string where a class is expected', (p) => p.checkObject('rg', 'resourceGroup', 'a ResourceGroup', ['resourceGroupId']),
      ['resourceGroup must be a ResourceGroup, not a string' + at]],
    ['an object without the class\'s members', (p) => p.checkObject({}, 'resourceGroup', 'a ResourceGroup', ['resourceGroupId']),
      ['resourceGroup must be a ResourceGroup, not an object' + at]],
    ['a number for a secret (never shown)', (p) => p.checkString(12345, 'secretKey'), ['secretKey must be a string, not a number' + at]],
  ])('%s', (_name, run, expected) => {
    expect(run(new ValidationProblems('S/T', unresolved)).problems).toEqual(expected);
  });

  test.each<[string, (p: ValidationProblems) => ValidationProblems]>([
    ['undefined optional values', (p) => p.check(LOWER, undefined, 'a').checkBoolean(undefined, 'b').checkOneOf(undefined, ['x'], 'c').checkObject(undefined, 'd', 'a D')],
    ['tokens', (p) => p.checkBoolean('${Token[TOKEN.1]}', 'b').checkOneOf('${Token[TOKEN.2]}', ['x'], 'c').checkEach(LOWER, '${Token[TOKEN.3]}', 'e')],
    ['right types', (p) => p.checkBoolean(false, 'b').checkBoolean(true, 'b2').checkOneOf('x', ['x'], 'c').checkObject({ id: 1 }, 'd', 'a D', ['id']).required('v', 'r', 'fix')],
  ])('no problem: %s', (_name, run) => {
    expect(run(new ValidationProblems('S/T', unresolved)).problems).toEqual([]);
  });
});

describe('problemsAt (the cdktf constructs\' factory) refuses aws-cdk-lib tokens, which cdktf would write as their placeholder text', () => {
  test.each([
    ['${Token[TOKEN.12]}'],
    ['prefix-${Token[AWS.Region.3]}'],
  ])('%s', (value) => {
    const problems = problemsAt({ node: { path: 'stack/Backups' } }, (v) => typeof v === 'string' && v.includes('${TfToken['))
      .check(LOWER, value, 'bucketName')
      .checkEach(LOWER, [value], 'names');
    expect(problems.problems).toEqual([
      'bucketName is an aws-cdk-lib token (a CloudFormation value such as a Ref, Fn::GetAtt or an attribute of an aws-cdk-lib construct): a Terraform stack '
      + 'cannot resolve it and would write its placeholder text "${Token[...]}". Read the value in Terraform instead (the aws_cloudformation_stack data '
      + 'source\'s outputs of the deployed stack, created with createOutputs: true), or pass a literal (at stack/Backups)',
      'names[0] is an aws-cdk-lib token (a CloudFormation value such as a Ref, Fn::GetAtt or an attribute of an aws-cdk-lib construct): a Terraform stack '
      + 'cannot resolve it and would write its placeholder text "${Token[...]}". Read the value in Terraform instead (the aws_cloudformation_stack data '
      + 'source\'s outputs of the deployed stack, created with createOutputs: true), or pass a literal (at stack/Backups)',
    ]);
  });

  test('a cdktf token is still skipped, and ValidationProblems without the option does not look', () => {
    expect(problemsAt({ node: { path: 'p' } }, (v) => typeof v === 'string' && v.includes('${TfToken[')).check(LOWER, '${TfToken[TOKEN.1]}', 'x').problems).toEqual([]);
    expect(new ValidationProblems('p', unresolved).check(LOWER, '${Token[TOKEN.1]}', 'x').problems).toEqual([]);
  });
});
