import { isIntrinsic, measurePolicy, objectsArn, policyDocument } from '../../../src/policies/aws/iam-json';

const BUCKET = 'arn:aws:s3:::palette-backups';

describe('policy size budget', () => {
  test('measures JSON without white space', () => {
    const doc = policyDocument([{ Effect: 'Allow', Action: 's3:GetObject', Resource: objectsArn(BUCKET) }]);
    const n = JSON.stringify(doc).length;
    expect(measurePolicy(doc)).toEqual({ characters: n, minimumCharacters: n, unresolved: 0 });
  });

  test('counts pseudo parameters at their shortest and longest; an unknown value is never counted as empty', () => {
    const resolved = {
      Statement: [{ Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111111111111:root']] } }, Resource: { 'Fn::GetAtt': ['B', 'Arn'] } }],
    };
    const longest = { Statement: [{ Principal: { AWS: 'arn:aws-us-gov:iam::111111111111:root' }, Resource: '' }] };
    const shortest = { Statement: [{ Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Resource: '' }] };
    expect(measurePolicy(resolved)).toEqual({
      characters: Infinity,
      minimumCharacters: JSON.stringify(shortest).length,
      unresolved: 1,
    });
    expect(measurePolicy(resolved, (v) => ('Fn::GetAtt' in v ? [20, 30] : undefined))).toEqual({
      characters: JSON.stringify(longest).length + 30,
      minimumCharacters: JSON.stringify(shortest).length + 20,
      unresolved: 1,
    });
  });
});

describe('policy JSON builders', () => {
  test('policyDocument is the 2012-10-17 version with the statements in their order', () => {
    const a = { Sid: 'A', Effect: 'Allow' as const, Action: 's3:GetObject', Resource: '*' };
    const b = { Sid: 'B', Effect: 'Deny' as const, Action: ['s3:PutObject'], Resource: ['*'] };
    expect(policyDocument([b, a])).toEqual({ Version: '2012-10-17', Statement: [b, a] });
    expect(policyDocument([])).toEqual({ Version: '2012-10-17', Statement: [] });
  });

  test.each([
    [BUCKET, undefined, 'arn:aws:s3:::palette-backups/*'],
    [BUCKET, '', 'arn:aws:s3:::palette-backups/*'],
    [BUCKET, 'neon/', 'arn:aws:s3:::palette-backups/neon/*'],
    ['arn:aws-us-gov:s3:::b', 'x', 'arn:aws-us-gov:s3:::b/x*'],
  ])('objectsArn(%s, %s) is %s', (bucketArn, prefix, arn) => {
    expect(objectsArn(bucketArn, prefix)).toBe(arn);
  });
});

describe('isIntrinsic', () => {
  test.each([
    [{ Ref: 'AWS::Region' }, true],
    [{ 'Fn::GetAtt': ['Bucket', 'Arn'] }, true],
    [{ 'Fn::Join': ['', ['a', 'b']] }, true],
    [{ Ref: 'A', Other: 'B' }, false],
    [{ Effect: 'Allow' }, false],
    [{}, false],
    [[{ Ref: 'A' }], false],
    ['arn:aws:s3:::b', false],
    [null, false],
    [undefined, false],
  ])('%j: %s', (value, expected) => {
    expect(isIntrinsic(value)).toBe(expected);
  });
});

describe('measurePolicy of intrinsics', () => {
  // '{"R":""}' is 8 characters; the pseudo parameter's value goes between the quotes.
  test.each([
    ['AWS::AccountId', 8 + 12, 8 + 12],
    ['AWS::Region', 8 + 'us-east-1'.length, 8 + 'ap-southeast-5'.length],
    ['AWS::Partition', 8 + 3, 8 + 10],
    ['AWS::URLSuffix', 8 + 'amazonaws.com'.length, 8 + 'amazonaws.com.cn'.length],
  ])('a Ref to %s counts %d to %d characters and is not unresolved', (pseudo, minimumCharacters, characters) => {
    expect(measurePolicy({ R: { Ref: pseudo } })).toEqual({ characters, minimumCharacters, unresolved: 0 });
  });

  test('Fn::Join counts its parts and separators, as the joined string would', () => {
    const joined = { Statement: [{ Resource: { 'Fn::Join': [',', ['ab', 'cd', 'ef']] } }] };
    const n = JSON.stringify({ Statement: [{ Resource: 'ab,cd,ef' }] }).length;
    expect(measurePolicy(joined)).toEqual({ characters: n, minimumCharacters: n, unresolved: 0 });
  });

  test('a Ref to a parameter is unresolved: unbounded unless unknownLength bounds it', () => {
    const doc = { R: { Ref: 'BucketName' } };
    expect(measurePolicy(doc)).toEqual({ characters: Infinity, minimumCharacters: 8, unresolved: 1 });
    expect(measurePolicy(doc, (v) => (v.Ref === 'BucketName' ? [3, 63] : undefined))).toEqual({ characters: 8 + 63, minimumCharacters: 8 + 3, unresolved: 1 });
  });
});
