import {
  bucketNamePrefixRule,
  countStackInstances,
  ORGANIZATIONAL_UNIT_ID,
  organizationalUnitProblems,
  organizationRootOf,
  overStackResourceLimit,
  partitionOfRegions,
  redundantOrganizationalUnits,
  regionPartitionProblems,
  registrationTargetProblems,
  roleNamePrefixRule,
  spectroCloudStackSetLocations,
  stackInstanceLimitProblems,
  stackResourceLimitProblem,
  STACKSET_DESCRIPTION,
  STACKSET_NAME,
  stackSetBucketName,
  stackSetClashProblems,
  StackSetFootprint,
  stackSetRoleArn,
  stackSetRoleName,
  stackSetTagProblems,
  stringListProblems,
  stringProblem,
  targetsOverlap,
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

describe('partitions of regions', () => {
  // partitionOfRegion: test/policies/aws/rules.test.ts.
  test('partitionOfRegions: the one partition of the region codes, or undefined', () => {
    expect(partitionOfRegions(['cn-north-1', 'cn-northwest-1', 'not-a-region'])).toEqual('aws-cn');
    expect(partitionOfRegions(['cn-north-1', 'us-east-1'])).toBeUndefined();
    expect(partitionOfRegions([])).toBeUndefined();
  });

  test.each<[string[], string | undefined, string[]]>([
    [['us-east-1', 'eu-west-1'], undefined, []],
    [['us-east-1', 'eu-west-1'], 'aws', []],
    [['us-gov-west-1'], 'aws-us-gov', []],
    [['us-east-1', 'mars-1'], 'aws', []],
    [['us-east-1', 'cn-north-1'], undefined, [
      'regions mixes partitions (aws: us-east-1; aws-cn: cn-north-1); a StackSet deploys only within the partition of its administrator account and Palette\'s role ARNs name one partition: use one StackSet per partition',
    ]],
    [['us-gov-west-1'], 'aws', [
      'partition is "aws" but us-gov-west-1 is in aws-us-gov: the role ARNs would name the wrong partition and Palette could not assume them; give the regions\' partition or leave partition out',
    ]],
    [['us-east-1'], 'aws-gov', [
      'partition "aws-gov" is not an AWS partition; use one of aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc (exact, lower case), or leave it out to use the regions\' partition',
    ]],
    [['us-east-1'], ' aws', [
      'partition " aws" is not an AWS partition; use one of aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc (exact, lower case), or leave it out to use the regions\' partition',
    ]],
    [['us-east-1', 'cn-north-1'], 'aws-cn', [
      'regions mixes partitions (aws: us-east-1; aws-cn: cn-north-1); a StackSet deploys only within the partition of its administrator account and Palette\'s role ARNs name one partition: use one StackSet per partition',
      'partition is "aws-cn" but us-east-1 is in aws: the role ARNs would name the wrong partition and Palette could not assume them; give the regions\' partition or leave partition out',
    ]],
  ])('regionPartitionProblems(%j, partition %j)', (regions, partition, problems) => {
    expect(regionPartitionProblems(regions, 'regions', partition)).toEqual(problems);
  });
});

describe('values from JavaScript callers', () => {
  // oneOfRule: test/policies/validation.test.ts.
  // describeInput (was describeGiven): test/policies/validation.test.ts.

  test.each<[unknown, boolean, string | undefined]>([
    ['x', true, undefined], [undefined, false, undefined], [undefined, true, 'name is required; give it'], [null, false, 'name is null; give it (leave it out, or undefined, for the default)'], [null, true, 'name is required; give it'],
    [12, true, 'name must be a string, not a number (12); give it'],
  ])('stringProblem(%p, required %p)', (value, required, problem) => {
    expect(stringProblem(value, 'name', required, 'give it')).toEqual(problem);
  });

  // booleanProblem: now ValidationProblems.checkBoolean, test/policies/validation.test.ts.

  test.each<[unknown, boolean, { values?: string[]; problems: string[] }]>([
    [['a', 'b'], true, { values: ['a', 'b'], problems: [] }],
    [undefined, false, { problems: [] }],
    [undefined, true, { problems: ['ids is required; fix'] }],
    [null, false, { problems: ['ids is null; fix (leave it out, or undefined, for the default)'] }],
    [null, true, { problems: ['ids is required; fix'] }],
    ['a', true, { problems: ['ids must be a list of strings, not a string ("a"); fix'] }],
    [['a', null, 1, 'a', undefined, 'a'], true, {
      values: ['a', 'a', 'a'],
      problems: [
        'ids[1] must be a string, not null; fix', 'ids[2] must be a string, not a number (1); fix', 'ids[4] must be a string, not undefined; fix', 'ids lists an ID more than once: a; list each once',
      ],
    }],
  ])('stringListProblems(%p, required %p)', (values, required, result) => {
    expect(stringListProblems(values, 'ids', 'an ID', required, 'fix')).toEqual(result);
  });

  // duplicatesOf: test/policies/validation.test.ts.
});

describe('organizations and OUs', () => {
  test.each([['ou-ab12-cdef3456', 'ab12'], ['r-ab12', 'ab12'], [`ou-${'a'.repeat(32)}-${'b'.repeat(8)}`, 'a'.repeat(32)], ['ou-ab1-cdef3456', undefined], ['o-a1b2c3d4e5', undefined]])(
    'organizationRootOf(%s) is %s', (id, root) => {
      expect(organizationRootOf(id)).toEqual(root);
    });

  test.each<[string[], string[]]>([
    [['ou-ab12-cdef3456', 'ou-ab12-ghij7890', 'r-ab12'], []],
    [['ou-ab12-cdef3456', 'not-an-ou'], []],
    [['ou-ab12-cdef3456', 'ou-cd34-cdef3456', 'r-ef56'], [
      'ous names OUs of 3 organizations (roots r-ab12, r-cd34, r-ef56); a service-managed StackSet deploys only within the organization of its administrator account: use one StackSet (and administrator) per organization',
    ]],
  ])('organizationalUnitProblems(%j)', (ids, problems) => {
    expect(organizationalUnitProblems(ids, 'ous')).toEqual(problems);
  });

  test('redundantOrganizationalUnits: OUs under a listed root, only of its organization', () => {
    expect(redundantOrganizationalUnits(['r-ab12', 'ou-ab12-cdef3456', 'ou-ab12-ghij7890'], 'ous')).toEqual(
      'ous lists the root r-ab12 and OUs under it (ou-ab12-cdef3456, ou-ab12-ghij7890): the root already targets every account of the organization; remove the OUs, or replace the root by the OUs you mean',
    );
    expect(redundantOrganizationalUnits(['r-ab12'], 'ous')).toBeUndefined();
    expect(redundantOrganizationalUnits(['ou-ab12-cdef3456'], 'ous')).toBeUndefined();
    expect(redundantOrganizationalUnits(['r-cd34', 'ou-ab12-cdef3456'], 'ous')).toBeUndefined();
  });
});

describe('CloudFormation\'s limits of a StackSet', () => {
  test.each<[string, string[]]>([
    ['Palette backup locations', []],
    ['d'.repeat(1024), []],
    ['d'.repeat(1025), ['it is 1025 characters, over CloudFormation\'s 1024']],
    ['   ', ['it is blank']],
  ])('STACKSET_DESCRIPTION: %j', (description, problems) => {
    expect(STACKSET_DESCRIPTION.check(description)).toEqual(problems);
  });

  const tags = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: 'v' }));
  test.each<[string, Array<{ key: string; value: string }>, string[]]>([
    ['50 tags', tags(50), []],
    ['51 tags', tags(51), ['The StackSet has 51 tags (from Tags.of(...).add), over the 50 CloudFormation allows on a StackSet; remove tags or exclude the StackSet with Tags\' excludeResourceTypes']],
    ['a key of 129 characters', [{ key: 'k'.repeat(129), value: 'v' }], [`The StackSet's tag key ${JSON.stringify('k'.repeat(40))}... (129 characters) must be 1-128 characters`]],
    ['an "aws:" key', [{ key: 'AWS:team', value: 'v' }], ['The StackSet\'s tag key "AWS:team" starts with "aws:", which is reserved for AWS']],
    ['a value of 257 characters', [{ key: 'team', value: 'v'.repeat(257) }], ['The StackSet\'s tag "team" has a value over 256 characters']],
    ['an empty value', [{ key: 'team', value: '' }], []],
  ])('stackSetTagProblems: %s', (_, given, problems) => {
    expect(stackSetTagProblems(given)).toEqual(problems);
  });
});

describe('StackSets of one app whose names would clash', () => {
  const footprint = (over: Partial<StackSetFootprint> = {}): StackSetFootprint => ({
    path: 'A',
    stackSetName: 'palette',
    organizationalUnitIds: ['ou-ab12-cdef3456'],
    regions: ['us-east-1'],
    bucketNamePrefix: 'acme',
    roleNamePrefix: 'palette-backup',
    locationNamePrefix: 'acme',
    ...over,
  });

  test.each<[string, Partial<StackSetFootprint>, Partial<StackSetFootprint>, boolean]>([
    ['the same OU', {}, {}, true],
    ['other OUs', {}, { organizationalUnitIds: ['ou-ab12-ghij7890'] }, false],
    ['the root and one of its OUs', { organizationalUnitIds: ['r-ab12'] }, {}, true],
    ['a root and an OU of another organization', { organizationalUnitIds: ['r-cd34'] }, {}, false],
    ['both narrowed to a common account', { accounts: ['111122223333'], filter: 'INTERSECTION' }, { organizationalUnitIds: ['ou-ab12-ghij7890'], accounts: ['111122223333'], filter: 'INTERSECTION' }, true],
    ['both narrowed to other accounts', { accounts: ['111122223333'], filter: 'INTERSECTION' }, { accounts: ['444455556666'], filter: 'INTERSECTION' }, false],
    ['narrowed to an account the other excludes', { accounts: ['111122223333'], filter: 'INTERSECTION' }, { accounts: ['111122223333'], filter: 'DIFFERENCE' }, false],
    ['narrowed to an account the other does not exclude', { accounts: ['111122223333'], filter: 'INTERSECTION' }, { accounts: ['444455556666'], filter: 'DIFFERENCE' }, true],
    ['both excluding accounts of a shared OU', { accounts: ['111122223333'], filter: 'DIFFERENCE' }, { accounts: ['444455556666'], filter: 'DIFFERENCE' }, true],
  ])('targetsOverlap: %s is %s', (_, a, b, overlap) => {
    expect(targetsOverlap(footprint(a), footprint({ path: 'B', ...b }))).toBe(overlap);
    expect(targetsOverlap(footprint({ path: 'B', ...b }), footprint(a))).toBe(overlap);
  });

  test.each<[string, Partial<StackSetFootprint>, Partial<StackSetFootprint>, number]>([
    ['every name the same', {}, {}, 4],
    ['other regions: only the StackSet name', {}, { regions: ['eu-west-1'] }, 1],
    ['other administrator accounts: no StackSet name clash', { adminAccount: '111111111111' }, { adminAccount: '222222222222', bucketNamePrefix: 'b', roleNamePrefix: 'r', locationNamePrefix: 'l' }, 0],
    ['an unknown administrator account may be the same', { adminAccount: '111111111111' }, { bucketNamePrefix: 'b', roleNamePrefix: 'r', locationNamePrefix: 'l' }, 1],
    ['an unknown administrator account of another Stage (deployed apart)', { adminAccount: '111111111111', stage: 'Prod' }, { stage: 'Dev', bucketNamePrefix: 'b', roleNamePrefix: 'r', locationNamePrefix: 'l' }, 0],
    ['known and equal administrator accounts of two Stages', { adminAccount: '111111111111', adminRegion: 'us-east-1', stage: 'Prod' },
      { adminAccount: '111111111111', adminRegion: 'us-east-1', stage: 'Dev', bucketNamePrefix: 'b', roleNamePrefix: 'r', locationNamePrefix: 'l' }, 1],
    ['other administrator regions', { adminRegion: 'us-east-1' }, { adminRegion: 'eu-west-1', bucketNamePrefix: 'b', roleNamePrefix: 'r', locationNamePrefix: 'l' }, 0],
    ['role prefixes differing in case only', {}, { stackSetName: 'other', bucketNamePrefix: 'b', roleNamePrefix: 'PALETTE-BACKUP', locationNamePrefix: 'l' }, 1],
    ['a token StackSet name (undefined) is not compared', { stackSetName: undefined }, { stackSetName: undefined, bucketNamePrefix: 'b', roleNamePrefix: 'r', locationNamePrefix: 'l' }, 0],
  ])('stackSetClashProblems: %s (%d problems)', (_, mine, theirs, count) => {
    expect(stackSetClashProblems(footprint({ path: 'B', ...mine }), footprint(theirs))).toHaveLength(count);
  });
});

describe('registrationTargetProblems', () => {
  const t = (account: string, region: string) => ({ account, region });
  test.each<[string, Array<{ account: string; region: string }>, boolean | undefined, string[]]>([
    ['two targets', [t('111122223333', 'us-east-1'), t('111122223333', 'eu-west-1')], undefined, []],
    ['one default', [t('111122223333', 'us-east-1')], true, []],
    ['none', [], undefined, ['targets is empty; give the accounts and regions to register']],
    ['a target twice', [t('111122223333', 'us-east-1'), t('111122223333', 'us-east-1')], false, [
      'targets lists an account and region more than once (111122223333 us-east-1): each would be a second Palette location of the same bucket; list each once',
    ]],
    ['two defaults', [t('111122223333', 'us-east-1'), t('444455556666', 'us-east-1')], true, [
      'isDefault is true for all 2 locations of targets: Palette has one default backup location, so the registrations would take it from one another; register the default location alone with isDefault: true, and the others without it',
    ]],
  ])('%s', (_, targets, isDefault, problems) => {
    expect(registrationTargetProblems(targets, isDefault)).toEqual(problems);
  });
});
