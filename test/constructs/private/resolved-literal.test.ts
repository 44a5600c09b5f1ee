import { Construct } from 'constructs';
import { checkWhenResolvedToLiteral } from '../../../src/constructs/private/resolved-literal';
import { ruleOf } from '../../../src/policies/validation';

const NO_STAR = ruleOf('value', 'Write one without "*".', [[(v) => v.includes('*'), 'it holds a wildcard']]);
const TOKEN = '${Token[X.1]}';
const isToken = (v: unknown) => v === TOKEN;

describe('checkWhenResolvedToLiteral: a token that resolves to a literal gets the literal\'s rule at synth time', () => {
  test.each<[string, string | undefined, string | undefined, string[]]>([
    ['a token that resolves to a literal that breaks the rule', TOKEN, 'arn:aws:s3:::*', [
      'Invalid value "arn:aws:s3:::*" at root/Owner (bucketArn): it holds a wildcard. Write one without "*".',
    ]],
    ['a token that resolves to a literal that keeps it', TOKEN, 'arn:aws:s3:::b', []],
    ['a token the engine resolves (a reference): unchecked', TOKEN, undefined, []],
  ])('%s', (_what, value, resolved, problems) => {
    const owner = new Construct(new Construct(undefined as never, 'root'), 'Owner');
    checkWhenResolvedToLiteral(owner, value, NO_STAR, 'bucketArn', isToken, () => resolved);
    expect(owner.node.validate()).toEqual(problems);
  });

  test('a literal or nothing adds no synth-time check (the literal is checked when the construct is made)', () => {
    const owner = new Construct(new Construct(undefined as never, 'root'), 'Owner');
    const resolve = jest.fn(() => 'arn:aws:s3:::*');
    checkWhenResolvedToLiteral(owner, 'arn:aws:s3:::*', NO_STAR, 'bucketArn', isToken, resolve);
    checkWhenResolvedToLiteral(owner, undefined, NO_STAR, 'bucketArn', isToken, resolve);
    expect(owner.node.validate()).toEqual([]);
    expect(resolve).not.toHaveBeenCalled();
  });
});

test('a token the back end cannot check before deployment reports its problem, named at the owner', () => {
  const owner = new Construct(new Construct(undefined as never, 'root'), 'Owner');
  checkWhenResolvedToLiteral(owner, TOKEN, NO_STAR, 'scope', isToken, () => ({ uncheckable: 'scope is a function of literals only' }));
  expect(owner.node.validate()).toEqual(['scope is a function of literals only (at root/Owner)']);
});
