import {
  NEON_GUIDE_RETENTION_DAYS,
  neonBackupPolicy,
  neonBackupStatements,
  NeonLifecycleRuleInput,
  neonLifecycleWarnings,
  neonNoncurrentVersionDays,
  neonRetentionWarnings,
  neonUnknownRetentionWarning,
  retentionDaysProblems,
} from '../../../src/policies/aws/neon';

const BUCKET = 'arn:aws:s3:::neon-s3-backup';
const ROLE = 'arn:aws:iam::627917386332:role/neon-s3-backup-github-actions';

describe('neonBackupPolicy', () => {
  test('the guide\'s bucket policy, split by resource type: List on the bucket, Get/Put/Delete on its objects', () => {
    expect(neonBackupPolicy({ bucketArn: BUCKET, principalArn: ROLE })).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'NeonBackupListBucket', Effect: 'Allow', Principal: { AWS: ROLE }, Action: ['s3:ListBucket'], Resource: [BUCKET] },
        { Sid: 'NeonBackupObjects', Effect: 'Allow', Principal: { AWS: ROLE }, Action: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'], Resource: [`${BUCKET}/*`] },
      ],
    });
  });

  test('the same four actions as the guide, and nothing else', () => {
    const actions = neonBackupStatements({ bucketArn: BUCKET, principalArn: ROLE }).flatMap((s) => s.Action);
    expect([...actions].sort()).toEqual(['s3:DeleteObject', 's3:GetObject', 's3:ListBucket', 's3:PutObject']);
  });

  test('a key prefix limits objects to the prefix and listing to s3:prefix under it', () => {
    expect(neonBackupStatements({ bucketArn: BUCKET, principalArn: ROLE, keyPrefix: 'neon/' })).toEqual([
      {
        Sid: 'NeonBackupListBucket',
        Effect: 'Allow',
        Principal: { AWS: ROLE },
        Action: ['s3:ListBucket'],
        Resource: [BUCKET],
        Condition: { StringLike: { 's3:prefix': 'neon/*' } },
      },
      { Sid: 'NeonBackupObjects', Effect: 'Allow', Principal: { AWS: ROLE }, Action: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'], Resource: [`${BUCKET}/neon/*`] },
    ]);
  });

  test('without a principal the statements are for an identity policy', () => {
    const statements = neonBackupStatements({ bucketArn: BUCKET });
    expect(statements.map((s) => s.Principal)).toEqual([undefined, undefined]);
    expect(statements.map((s) => 'Principal' in s)).toEqual([false, false]);
  });

});

describe('retention (part 2\'s RETENTION) and noncurrent versions', () => {
  test('the guide\'s RETENTION is 7 days', () => {
    expect(NEON_GUIDE_RETENTION_DAYS).toBe(7);
  });

  test.each([
    [1, []],
    [7, []],
    [400, []],
    [0, ['retention must be a whole number of days, at least 1 (got 0 days)']],
    [1.5, ['retention must be a whole number of days, at least 1 (got 1.5 days)']],
    [-3, ['retention must be a whole number of days, at least 1 (got -3 days)']],
  ])('retentionDaysProblems(%s)', (days, problems) => {
    expect(retentionDaysProblems(days)).toEqual(problems);
  });

  test.each([
    [7, undefined, 30],
    [30, undefined, 30],
    [60, undefined, 60],
    [7, 3, 3],
    [60, 90, 90],
  ])('retention %s days, noncurrentVersionExpiration %s: noncurrent versions kept %s days', (retentionDays, given, days) => {
    expect(neonNoncurrentVersionDays(retentionDays, given)).toBe(days);
  });

  test.each([
    ['versioned, noncurrent longer than the retention', { retentionDays: 7, versioned: true, noncurrentVersionDays: 30 }, []],
    ['versioned, noncurrent equal to the retention', { retentionDays: 7, versioned: true, noncurrentVersionDays: 7 }, []],
    ['versioned, default noncurrent', { retentionDays: 7, versioned: true }, []],
    ['versioned, noncurrent shorter than the retention', { retentionDays: 14, versioned: true, noncurrentVersionDays: 3 }, [
      'Noncurrent versions expire after 3 days, less than the retention of 14 days: a backup deleted early (by a compromised run, '
      + 'or a wrong RETENTION) can be restored for only 3 days. Set bucketProps.noncurrentVersionExpiration to at least 14 days.',
    ]],
    ['not versioned (BackupBucket warns)', { retentionDays: 7, versioned: false, noncurrentVersionDays: 1 }, []],
  ])('neonRetentionWarnings: %s', (_what, input, warnings) => {
    expect(neonRetentionWarnings(input)).toEqual(warnings);
  });
});

describe('neonLifecycleWarnings', () => {
  const r = (rule: Partial<NeonLifecycleRuleInput>): NeonLifecycleRuleInput => ({ index: 0, enabled: true, ...rule });
  test.each<[string, number | undefined, string | undefined, NeonLifecycleRuleInput, RegExp[]]>([
    ['shorter expiration', 7, undefined, r({ expirationDays: 3 }), [/expires current objects after 3 days, before the retention of 7 days ends/]],
    ['equal expiration', 7, undefined, r({ expirationDays: 7 }), []],
    ['fixed date', 7, undefined, r({ expirationDate: '2027-01-01' }), [/expires every current object on 2027-01-01/]],
    ['short noncurrent', 7, undefined, r({ noncurrentDays: 1 }), [/expires noncurrent versions after 1 days, less than the retention of 7 days/]],
    ['disabled', 7, undefined, r({ enabled: false, expirationDays: 1 }), []],
    ['other prefix', 7, 'neon/', r({ prefix: 'logs/', expirationDays: 1 }), []],
    ['sub-prefix of the backups', 7, 'neon/', r({ prefix: 'neon/x/', expirationDays: 1 }), [/after 1 days/]],
    ['parent prefix of the backups', 7, 'neon/daily/', r({ prefix: 'neon/', expirationDays: 1 }), [/after 1 days/]],
    ['token retention', undefined, undefined, r({ expirationDays: 30 }), [/the retention is known only at deploy time, so the two cannot be compared/]],
    ['token retention, noncurrent only', undefined, undefined, r({ noncurrentDays: 1 }), []],
    ['everything at once', 30, undefined, r({ id: 'X', expirationDays: 1, expirationDate: '2027-01-01', noncurrentDays: 1 }),
      [/^bucketProps.lifecycleRules\[0\] \("X"\) expires every current object/, /^bucketProps.lifecycleRules\[0\] \("X"\) expires current objects after 1 days/,
        /^bucketProps.lifecycleRules\[0\] \("X"\) expires noncurrent versions/]],
  ])('%s', (_what, retention, keyPrefix, rule, expected) => {
    const warnings = neonLifecycleWarnings(retention, keyPrefix, [rule]);
    expect(warnings).toHaveLength(expected.length);
    expected.forEach((pattern, i) => expect(warnings[i]).toMatch(pattern));
  });

  test('neonUnknownRetentionWarning says why noncurrent versions are not extended', () => {
    expect(neonUnknownRetentionWarning(undefined)).toMatch(/kept for 30 days, not extended to the retention \(CloudFormation cannot compute the longer of the two\)/);
    expect(neonUnknownRetentionWarning(45)).toMatch(/after the 45 days of bucketProps.noncurrentVersionExpiration, which cannot be compared with it/);
  });
});
