import {
  bucketNamePrefixRule,
  countStackInstances,
  ORGANIZATIONAL_UNIT_ID,
  overStackResourceLimit,
  roleNamePrefixRule,
  spectroCloudStackSetLocations,
  stackInstanceLimitProblems,
  stackResourceLimitProblem,
  STACKSET_NAME,
  stackSetBucketName,
  stackSetRoleArn,
  stackSetRoleName,
  TEMPLATE_BODY_MAX_BYTES,
  templateBodyProblem,
} from '../../../src/policies/aws/palette-stackset';
import { S3_BUCKET_NAME } from '../../../src/policies/aws/rules';

describe('deterministic names', () => {
  test('bucket, role and role ARN of an account and region', () => {
    expect(stackSetBucketName('acme-palette', '111122223333', 'eu-west-1')).toEqual('acme-palette-111122223333-eu-west-1');
    expect(stackSetRoleName('palette-backup', 'eu-west-1')).toEqual('palette-backup-eu-west-1');
    expect(stackSetRoleArn('aws-us-gov', '111122223333', 'palette-backup-us-gov-west-1')).toEqual('arn:aws-us-gov:iam::111122223333:role/palette-backup-us-gov-west-1');
  });

  test('a prefix the rule accepts makes valid S3 bucket names for every region given', () => {
    const regions = ['us-east-1', 'ap-southeast-2'];
    const prefix = 'a'.repeat(63 - 2 - 12 - 'ap-southeast-2'.length);
    expect(bucketNamePrefixRule(regions).check(prefix)).toEqual([]);
    for (const region of regions) expect(S3_BUCKET_NAME.check(stackSetBucketName(prefix, '111122223333', region))).toEqual([]);
    expect(stackSetBucketName(prefix, '111122223333', 'ap-southeast-2')).toHaveLength(63);
  });
});

describe('bucketNamePrefixRule', () => {
  const rule = bucketNamePrefixRule(['us-east-1', 'ap-southeast-2']);

  test.each(['acme', 'acme-palette-backups', '0-backups', 'a'.repeat(35)])('accepts %s', (prefix) => {
    expect(rule.check(prefix)).toEqual([]);
  });

  test.each([
    ['', ['it is empty']],
    ['a'.repeat(36), [`"${'a'.repeat(36)}-<account ID>-ap-southeast-2" would be 64 characters, over S3's 63 (the prefix may have at most 35 with region ap-southeast-2)`]],
    ['Acme', ['uppercase letters are not allowed']],
    ['acme.backups', ['dots are not allowed (they break virtual-hosted-style HTTPS)']],
    ['acme_backups', ['only lowercase letters, digits and hyphens (-) are allowed']],
    ['-acme', ['it must begin with a letter or digit']],
    ['xn--acme', ['the prefixes "xn--", "sthree-" and "amzn-s3-demo-" are reserved']],
  ])('refuses %j', (prefix, problems) => {
    expect(rule.check(prefix)).toEqual(problems);
  });

  test('the fix names the form of the names and the limit', () => {
    expect(rule.fix).toEqual(
      'Use 1-35 lowercase letters, digits and hyphens, starting with a letter or digit: bucket names are "<prefix>-<12-digit account ID>-<region>" and S3 allows 63 characters.',
    );
  });
});

describe('roleNamePrefixRule', () => {
  const rule = roleNamePrefixRule(['eu-central-1']);
  test.each(['palette-backup', 'SpectroCloud+Velero', 'a'.repeat(51)])('accepts %s', (prefix) => {
    expect(rule.check(prefix)).toEqual([]);
  });
  test.each([
    ['', ['it is empty']],
    ['a'.repeat(52), [`"${'a'.repeat(52)}-eu-central-1" would be 65 characters, over IAM's 64`]],
    ['palette backup', ['only letters, digits and +=,.@_- are allowed']],
  ])('refuses %j', (prefix, problems) => {
    expect(rule.check(prefix)).toEqual(problems);
  });
});

describe('STACKSET_NAME and ORGANIZATIONAL_UNIT_ID', () => {
  test.each(['palette-backups', 'P', `a${'b'.repeat(127)}`])('StackSet name %s is valid', (name) => {
    expect(STACKSET_NAME.check(name)).toEqual([]);
  });
  test.each([
    ['', ['it must be 1-128 characters long', 'it must start with a letter']],
    [`a${'b'.repeat(128)}`, ['it must be 1-128 characters long']],
    ['1backups', ['it must start with a letter']],
    ['palette_backups', ['only letters, digits and hyphens are allowed']],
  ])('StackSet name %j is refused', (name, problems) => {
    expect(STACKSET_NAME.check(name)).toEqual(problems);
  });
  test.each(['ou-ab12-cdef3456', 'r-ab12', `ou-${'a'.repeat(32)}-${'b'.repeat(32)}`])('OU %s is valid', (ou) => {
    expect(ORGANIZATIONAL_UNIT_ID.check(ou)).toEqual([]);
  });
  test.each(['ou-ab1-cdef3456', 'ou-ab12-cdef345', 'OU-AB12-CDEF3456', '111122223333', 'o-a1b2c3d4e5'])('OU %s is refused', (ou) => {
    expect(ORGANIZATIONAL_UNIT_ID.check(ou)).toEqual(['it is not an OU ID ("ou-" 4-32 + "-" 8-32 lowercase letters or digits) or a root ID ("r-" 4-32)']);
  });
});

describe('StackSets quotas', () => {
  const accounts = (n: number) => Array.from({ length: n }, (_, i) => String(100000000000 + i));

  test('instances are counted only when explicit accounts narrow the OUs', () => {
    expect(countStackInstances({ organizationalUnitIds: ['ou-ab12-cdef3456'], regions: ['us-east-1', 'eu-west-1'] })).toBeUndefined();
    expect(countStackInstances({ organizationalUnitIds: ['ou-ab12-cdef3456'], accounts: accounts(3), filter: 'DIFFERENCE', regions: ['us-east-1'] })).toBeUndefined();
    expect(countStackInstances({ organizationalUnitIds: ['ou-ab12-cdef3456'], accounts: accounts(3), filter: 'INTERSECTION', regions: ['us-east-1', 'eu-west-1'] })).toEqual(6);
  });

  test('2,000 instances fit (a repeated account counts once); 2,002 do not, and the message says how many and what to do', () => {
    const targets = (n: number) => ({ organizationalUnitIds: ['ou-ab12-cdef3456'], accounts: accounts(n), filter: 'INTERSECTION' as const, regions: ['us-east-1', 'eu-west-1'] });
    expect(stackInstanceLimitProblems(targets(1000))).toEqual([]);
    expect(stackInstanceLimitProblems({ ...targets(1000), accounts: [...accounts(1000), '100000000000'] })).toEqual([]);
    expect(stackInstanceLimitProblems(targets(1001))).toEqual([
      '1001 accounts x 2 regions = 2002 stack instances, over the 2000 a StackSet may have (StackSets quota "stack instances per stack set"); '
      + 'split the accounts across StackSets, or raise the quota through Service Quotas first',
    ]);
  });

  test('more than 50 OUs in one operation are refused', () => {
    const ous = Array.from({ length: 51 }, (_, i) => `ou-ab12-${String(i).padStart(8, '0')}`);
    expect(stackInstanceLimitProblems({ organizationalUnitIds: ous.slice(0, 50), regions: ['us-east-1'] })).toEqual([]);
    expect(stackInstanceLimitProblems({ organizationalUnitIds: ous, regions: ['us-east-1'] })).toEqual([
      '51 organizational units, over the 50 one StackSet operation takes; target a parent OU instead, or split them across StackSets',
    ]);
  });

  test('an inline template up to 51,200 bytes fits; one byte more is refused with the S3 alternative', () => {
    expect(templateBodyProblem(TEMPLATE_BODY_MAX_BYTES)).toBeUndefined();
    expect(templateBodyProblem(TEMPLATE_BODY_MAX_BYTES + 1)).toEqual(
      'The StackSet\'s template is 51201 bytes, over the 51200 bytes of an inline TemplateBody. Remove what was added to the template stack, '
      + 'or deploy the template from S3 (TemplateURL, up to 1 MB) with a CfnStackSet of your own: an S3 template needs a bucket the StackSet can read, which this construct does not create',
    );
  });
});

describe('overStackResourceLimit', () => {
  test.each([
    [500, 500, false],
    [501, 500, true],
    [0, 500, false],
    [5000, 0, false],
    [5000, -1, false],
    [11, 10, true],
  ])('%d resources against a limit of %d: %s', (resources, limit, over) => {
    expect(overStackResourceLimit(resources, limit)).toBe(over);
  });
});

describe('stackResourceLimitProblem', () => {
  test('500 resources fit; 504 from 126 locations are refused with the remedy', () => {
    expect(stackResourceLimitProblem('Backups', 500, 500, { count: 125, resources: 500 })).toBeUndefined();
    expect(stackResourceLimitProblem('Backups', 504, 500, { count: 126, resources: 504 })).toEqual(
      'Stack Backups has 504 CloudFormation resources, over the 500 a stack may have; its 126 Palette backup locations make 504 of them (4 each). '
      + 'Split the locations across stacks (at most 125 of 4 resources per stack), or, for a location in every account, deploy one template to all of them '
      + 'with PaletteStackSetBackupLocation (a StackSet: one stack per account and region)',
    );
  });

  test('a limit of 0 (aws-cdk-lib\'s "no limit") disables the check', () => {
    expect(stackResourceLimitProblem('Backups', 5000, 0, { count: 1250, resources: 5000 })).toBeUndefined();
  });

  test('locations of another size are counted as they are', () => {
    expect(stackResourceLimitProblem('Backups', 12, 10, { count: 2, resources: 10 })).toEqual(
      'Stack Backups has 12 CloudFormation resources, over the 10 a stack may have; its 2 Palette backup locations make 10 of them (5 each). '
      + 'Split the locations across stacks (at most 2 of 5 resources per stack), or, for a location in every account, deploy one template to all of them '
      + 'with PaletteStackSetBackupLocation (a StackSet: one stack per account and region)',
    );
  });
});

describe('spectroCloudStackSetLocations', () => {
  test('the arguments of spectrocloud_backup_storage_location (the wizard model\'s SpectroCloudArguments.aws) for each account and region, in order', () => {
    expect(spectroCloudStackSetLocations({
      bucketNamePrefix: 'acme-palette',
      roleNamePrefix: 'palette-backup',
      locationNamePrefix: 'aws',
      externalId: 'palette-external-id',
      partition: 'aws',
      targets: [{ account: '111122223333', region: 'us-east-1' }, { account: '444455556666', region: 'eu-west-1' }],
    })).toEqual([
      {
        name: 'aws-111122223333-us-east-1',
        storageProvider: 'aws',
        context: 'project',
        isDefault: false,
        bucketName: 'acme-palette-111122223333-us-east-1',
        region: 'us-east-1',
        s3: { credentialType: 'sts', arn: 'arn:aws:iam::111122223333:role/palette-backup-us-east-1', externalId: 'palette-external-id', s3ForcePathStyle: false },
      },
      {
        name: 'aws-444455556666-eu-west-1',
        storageProvider: 'aws',
        context: 'project',
        isDefault: false,
        bucketName: 'acme-palette-444455556666-eu-west-1',
        region: 'eu-west-1',
        s3: { credentialType: 'sts', arn: 'arn:aws:iam::444455556666:role/palette-backup-eu-west-1', externalId: 'palette-external-id', s3ForcePathStyle: false },
      },
    ]);
  });
});
