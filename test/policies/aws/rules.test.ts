import { RegionInfo } from 'aws-cdk-lib/region-info';
import {
  AWS_ACCOUNT_ID,
  AWS_ORGANIZATION_ID,
  AWS_PARTITIONS,
  AWS_REGION,
  hasPolicyVariable,
  IAM_GROUP_NAME,
  IAM_POLICY_LITERAL,
  IAM_POLICY_NAME,
  IAM_ROLE_ARN,
  IAM_ROLE_NAME,
  IAM_USER_NAME,
  PARTITION,
  partitionOfArn,
  partitionOfRegion,
  bucketNameOfArn,
  S3_BUCKET_ARN,
  S3_BUCKET_NAME,
  S3_KEY_PREFIX,
  regionMismatch,
  roleArnPartitionMismatch,
  STS_EXTERNAL_ID,
} from '../../../src/policies/aws/rules';

describe('S3_BUCKET_NAME', () => {
  test.each(['abc', 'my-backups', 'palette.backups.prod', 'a'.repeat(63), '1bucket9', 'xn-bucket', 'bucket-s3alias-not'])('accepts %s', (name) => {
    expect(S3_BUCKET_NAME.check(name)).toEqual([]);
  });

  test.each([
    ['ab', ['it must be 3-63 characters long']],
    ['a'.repeat(64), ['it must be 3-63 characters long']],
    ['My_Bucket', ['uppercase letters are not allowed', 'underscores are not allowed']],
    ['bucket!', ['only lowercase letters, digits, dots (.) and hyphens (-) are allowed', 'it must begin and end with a letter or digit']],
    ['-bucket', ['it must begin and end with a letter or digit']],
    ['bucket.', ['it must begin and end with a letter or digit']],
    ['my..bucket', ['it must not contain two adjacent dots']],
    ['192.168.5.4', ['it must not be formatted as an IP address']],
    ['xn--bucket', ['the prefixes "xn--", "sthree-" and "amzn-s3-demo-" are reserved']],
    ['sthree-bucket', ['the prefixes "xn--", "sthree-" and "amzn-s3-demo-" are reserved']],
    ['amzn-s3-demo-bucket', ['the prefixes "xn--", "sthree-" and "amzn-s3-demo-" are reserved']],
    ['bucket-s3alias', ['the suffixes "-s3alias", "--ol-s3", ".mrap", "--x-s3" and "--table-s3" are reserved']],
    ['bucket--ol-s3', ['the suffixes "-s3alias", "--ol-s3", ".mrap", "--x-s3" and "--table-s3" are reserved']],
    ['bucket.mrap', ['the suffixes "-s3alias", "--ol-s3", ".mrap", "--x-s3" and "--table-s3" are reserved']],
    ['bucket--x-s3', ['the suffixes "-s3alias", "--ol-s3", ".mrap", "--x-s3" and "--table-s3" are reserved']],
    ['bucket--table-s3', ['the suffixes "-s3alias", "--ol-s3", ".mrap", "--x-s3" and "--table-s3" are reserved']],
    ['my bucket', ['only lowercase letters, digits, dots (.) and hyphens (-) are allowed']],
  ])('refuses %s', (name, problems) => {
    expect(S3_BUCKET_NAME.check(name)).toEqual(problems);
  });
});

describe('S3_BUCKET_ARN', () => {
  test.each(['arn:aws:s3:::my-backups', 'arn:aws-us-gov:s3:::palette.backups', 'arn:aws-cn:s3:::abc'])('accepts %s', (arn) => {
    expect(S3_BUCKET_ARN.check(arn)).toEqual([]);
    expect(bucketNameOfArn(arn)).toBe(arn.slice(arn.lastIndexOf(':') + 1));
  });

  test.each([
    ['arn:aws:s3:::*', ['wildcards are not allowed: the policy would cover every bucket the pattern matches']],
    ['arn:aws:s3:::acme-*', ['wildcards are not allowed: the policy would cover every bucket the pattern matches']],
    ['arn:aws:s3:::acme-backup?', ['wildcards are not allowed: the policy would cover every bucket the pattern matches']],
    ['arn:aws:s3:::my-backups/velero', ['it must be "arn:<partition>:s3:::<bucket name>": one bucket, with no region, account or object path']],
    ['arn:aws:s3:us-east-1:123456789012:my-backups', ['it must be "arn:<partition>:s3:::<bucket name>": one bucket, with no region, account or object path']],
    ['arn:aws:s3:::accesspoint/ap', ['it must be "arn:<partition>:s3:::<bucket name>": one bucket, with no region, account or object path']],
    ['my-backups', ['it must be "arn:<partition>:s3:::<bucket name>": one bucket, with no region, account or object path']],
    ['arn:aws:s3:::', ['the name in it is not an S3 bucket name']],
    ['arn:aws:s3:::My_Bucket', ['the name in it is not an S3 bucket name']],
  ])('refuses %s', (arn, problems) => {
    expect(S3_BUCKET_ARN.check(arn)).toEqual(problems);
    expect(bucketNameOfArn(arn)).toBeUndefined();
  });
});

describe('AWS_ACCOUNT_ID', () => {
  test('accepts 12 digits', () => expect(AWS_ACCOUNT_ID.check('012345678901')).toEqual([]));
  test.each(['12345678901', '1234567890123', '12345678901a', 'arn:aws:iam::123456789012:root', ' 123456789012'])('refuses %s', (id) => {
    expect(AWS_ACCOUNT_ID.check(id)).toEqual(['it must be exactly 12 digits']);
  });
});

describe('AWS_REGION', () => {
  test.each(['us-east-1', 'eu-central-2', 'ap-southeast-5', 'us-gov-west-1', 'cn-north-1', 'il-central-1', 'us-isob-east-1', 'eu-isoe-west-1', 'mx-central-1'])(
    'accepts %s',
    (region) => expect(AWS_REGION.check(region)).toEqual([]),
  );
  test.each(['US-EAST-1', 'us-east', 'useast1', 'us-middle-1', 'eu-central-1a', '', 'eusc-east-1', 'eusc-de-east', 'us-eusc-east-1', 'eusc-deu-east-1'])('refuses %s', (region) => {
    expect(AWS_REGION.check(region)).toEqual(['it is not a region code']);
  });

  const known = RegionInfo.regions.map((r) => r.name);
  test('accepts every region aws-cdk-lib\'s RegionInfo knows, in every partition', () => {
    expect(known).toEqual(expect.arrayContaining(['eusc-de-east-1', 'us-gov-west-1', 'cn-north-1', 'us-isof-south-1']));
    expect(known.filter((region) => AWS_REGION.check(region).length > 0)).toEqual([]);
    expect(RegionInfo.get('eusc-de-east-1').partition).toBe('aws-eusc');
  });
});

describe('regionMismatch', () => {
  test.each([
    ['eu-west-1', 'eu-west-1', undefined],
    [undefined, 'eu-west-1', undefined],
    ['eu-west-1', undefined, undefined],
    [
      'us-east-1',
      'eu-west-1',
      'region is "us-east-1" but the bucket is in "eu-west-1": kms:ViaService would name s3.us-east-1 and Velero would sign for the wrong region, '
        + 'so Palette would be denied. Give the bucket\'s region, or leave region out',
    ],
  ])('region %s, bucket region %s', (region, bucketRegion, problem) => {
    expect(regionMismatch('region', region, bucketRegion)).toEqual(problem);
  });
});

describe('IAM_POLICY_LITERAL', () => {
  test.each(['arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab', 'backups/', '$HOME', '{x}'])('accepts %s', (v) => {
    expect(IAM_POLICY_LITERAL.check(v)).toEqual([]);
    expect(hasPolicyVariable(v)).toBe(false);
  });
  test.each(['${aws:username}/', 'a/${*}/', 'x${aws:PrincipalTag/team}'])('refuses %s', (v) => {
    expect(IAM_POLICY_LITERAL.check(v)).toEqual(['it must not contain "${" (IAM would read "${...}" as a policy variable and change what the grant covers)']);
  });
});

describe('STS_EXTERNAL_ID', () => {
  test.each(['ab', 'a'.repeat(1224), 'Palette-ExtID_12+=,.@:/-', '7c0f2a9e-2b5e-4a1b-9d0f-6f1e2d3c4b5a'])('accepts %s', (id) => {
    expect(STS_EXTERNAL_ID.check(id)).toEqual([]);
  });
  test.each([
    ['a', ['it must be 2-1,224 characters long (it is 1)']],
    ['a'.repeat(1225), ['it must be 2-1,224 characters long (it is 1225)']],
    ['has space', ['only letters, digits, underscores and +=,.@:/- are allowed (no spaces)']],
    ['quote"', ['only letters, digits, underscores and +=,.@:/- are allowed (no spaces)']],
    ['*', ['it must be 2-1,224 characters long (it is 1)', 'only letters, digits, underscores and +=,.@:/- are allowed (no spaces)']],
  ])('refuses %s', (id, problems) => expect(STS_EXTERNAL_ID.check(id)).toEqual(problems));
  test('shows long values abbreviated', () => {
    expect(STS_EXTERNAL_ID.display!('x'.repeat(2000))).toMatch(/\.\.\. \(2000 characters\)$/);
  });
});

describe('IAM_ROLE_ARN', () => {
  test.each([
    'arn:aws:iam::111122223333:role/SpectroCloudRole',
    'arn:aws:iam::111122223333:role/team/sub/SpectroCloudRole',
    'arn:aws-us-gov:iam::111122223333:role/r',
    'arn:aws-cn:iam::111122223333:role/a+=,.@_-b',
  ])('accepts %s', (arn) => expect(IAM_ROLE_ARN.check(arn)).toEqual([]));
  test.each([
    ['111122223333', ['it must start with "arn:"']],
    ['arn:aws:iam::111122223333:root', ['it must name a role ("...:role/NAME"); for a whole account use TrustedPrincipal.account()']],
    ['arn:aws:iam::111122223333:user/bob', ['it must name a role ("...:role/NAME"); for a whole account use TrustedPrincipal.account()']],
    ['arn:aws:iam::1111:role/x', ['its account must be 12 digits']],
    ['arn:aws:iam:us-east-1:111122223333:role/x', ['it must be an IAM ARN with an empty region ("arn:aws:iam::...")']],
    ['arn:aws:sts::111122223333:assumed-role/x/y', ['it must be an IAM ARN with an empty region ("arn:aws:iam::...")']],
    ['arn:azure:iam::111122223333:role/x', ['its partition must be aws, aws-cn, aws-us-gov or an aws-iso partition']],
    ['arn:aws:iam::111122223333:role/*', ['the role name must be 1-64 letters, digits and +=,.@_- (optionally after a /path/)', 'wildcards are not allowed in a principal ARN']],
    [`arn:aws:iam::111122223333:role/${'r'.repeat(65)}`, ['the role name must be at most 64 characters']],
  ])('refuses %s', (arn, problems) => expect(IAM_ROLE_ARN.check(arn)).toEqual(problems));
});

describe('AWS_ORGANIZATION_ID', () => {
  test('accepts o-xxxxxxxxxx', () => expect(AWS_ORGANIZATION_ID.check('o-a1b2c3d4e5')).toEqual([]));
  test.each(['a1b2c3d4e5', 'o-ABCDEFGHIJ', 'o-abc', 'r-a1b2'])('refuses %s', (id) => {
    expect(AWS_ORGANIZATION_ID.check(id)).toEqual(['it must be "o-" followed by 10-32 lowercase letters or digits']);
  });
});

describe('IAM names', () => {
  test.each([
    [IAM_ROLE_NAME, 64],
    [IAM_USER_NAME, 64],
    [IAM_GROUP_NAME, 128],
    [IAM_POLICY_NAME, 128],
  ])('%o: length and characters', (rule, max) => {
    expect(rule.check('palette-backup+=,.@_')).toEqual([]);
    expect(rule.check('x'.repeat(max))).toEqual([]);
    expect(rule.check('x'.repeat(max + 1))).toEqual([`it must be 1-${max} characters long`]);
    expect(rule.check('')).toEqual([`it must be 1-${max} characters long`]);
    expect(rule.check('has space/slash')).toEqual(['only letters, digits and +=,.@_- are allowed']);
  });
});

describe('S3_KEY_PREFIX', () => {
  test.each(['neon/', 'events/prod/', 'a/b/c/'])('accepts %s', (p) => expect(S3_KEY_PREFIX.check(p)).toEqual([]));
  test.each([
    ['', ['it must be 1-1,024 bytes long', 'it must end with "/" (otherwise "logs" would also grant "logs-old/")']],
    ['logs', ['it must end with "/" (otherwise "logs" would also grant "logs-old/")']],
    ['/logs/', ['it must not start with "/"']],
    ['logs/*/', ['wildcards (* ?) are not allowed']],
    ['a//b/', ['it must not contain empty path segments ("//")']],
    ['tab\t/', ['control characters are not allowed']],
    [`${'é'.repeat(513)}/`, ['it must be 1-1,024 bytes long']],
    ['home/${aws:username}/', ['it must not contain "${" (IAM would read "${...}" as a policy variable and change what the grant covers)']],
    ['${*}/', ['wildcards (* ?) are not allowed', 'it must not contain "${" (IAM would read "${...}" as a policy variable and change what the grant covers)']],
    ['team/${aws:PrincipalTag/team}/', ['it must not contain "${" (IAM would read "${...}" as a policy variable and change what the grant covers)']],
  ])('refuses %j', (p, problems) => expect(S3_KEY_PREFIX.check(p)).toEqual(problems));
});

describe('partitions: partitionOfRegion, partitionOfArn and roleArnPartitionMismatch', () => {
  test.each([
    ['us-east-1', 'aws'], ['eu-central-2', 'aws'], ['cn-north-1', 'aws-cn'], ['cn-northwest-1', 'aws-cn'], ['us-gov-west-1', 'aws-us-gov'],
    ['us-gov-east-1', 'aws-us-gov'], ['us-iso-east-1', 'aws-iso'], ['us-iso-west-1', 'aws-iso'], ['us-isob-east-1', 'aws-iso-b'],
    ['eu-isoe-west-1', 'aws-iso-e'], ['us-isof-south-1', 'aws-iso-f'], ['eusc-de-east-1', 'aws-eusc'],
    ['mars-1', undefined], [' us-east-1', undefined], ['US-EAST-1', undefined], ['', undefined],
  ])('%j is in %s', (region, partition) => expect(partitionOfRegion(region)).toEqual(partition));

  test('partitionOfRegion gives the partition aws-cdk-lib\'s RegionInfo knows for each of its regions', () => {
    expect(RegionInfo.regions.length).toBeGreaterThan(30);
    for (const region of RegionInfo.regions) expect([region.name, partitionOfRegion(region.name)]).toEqual([region.name, region.partition]);
  });

  test('every partition RegionInfo knows is in AWS_PARTITIONS, and PARTITION matches exactly those', () => {
    for (const region of RegionInfo.regions) expect(AWS_PARTITIONS).toContain(region.partition);
    const exact = new RegExp(`^${PARTITION}$`);
    for (const partition of AWS_PARTITIONS) expect(exact.test(partition)).toBe(true);
    for (const other of ['', 'aws-', 'aws-us', 'AWS', 'aws-cn ', 'aws|aws-cn']) expect(exact.test(other)).toBe(false);
  });

  test.each<[string, string | undefined]>([
    ['arn:aws-cn:iam::111122223333:role/x', 'aws-cn'],
    ['arn:aws:iam::111122223333:root', 'aws'],
    ['arn:aws-us-gov:s3:::bucket', 'aws-us-gov'],
    ['111122223333', undefined],
    ['arn::iam::111122223333:root', undefined],
  ])('partitionOfArn(%j) is %s', (arn, partition) => expect(partitionOfArn(arn)).toEqual(partition));

  test.each<[string, string, string | undefined]>([
    ['arn:aws:iam::123456789012:role/p', 'us-east-1', undefined],
    ['arn:aws-cn:iam::123456789012:role/p', 'cn-north-1', undefined],
    ['arn:aws-cn:iam::123456789012:role/p', 'us-east-1', 'roleArn is a role of partition "aws-cn" but region "us-east-1" is in partition "aws": STS cannot '
      + 'assume a role of another partition. Give the role\'s ARN in the region\'s partition ("arn:aws:iam::...") or the region of the role\'s partition'],
    ['arn:aws:iam::123456789012:role/p', 'us-gov-east-1', 'roleArn is a role of partition "aws" but region "us-gov-east-1" is in partition "aws-us-gov": STS cannot '
      + 'assume a role of another partition. Give the role\'s ARN in the region\'s partition ("arn:aws-us-gov:iam::...") or the region of the role\'s partition'],
    ['not an arn', 'us-east-1', undefined],
    ['arn:aws-cn:iam::123456789012:role/p', 'us-east-1 ', undefined],
  ])('%s in %s', (arn, region, expected) => expect(roleArnPartitionMismatch('roleArn', arn, region)).toBe(expected));
});
