import { NEON_GITHUB_SECRET_NAMES, neonBackupPolicy, neonBackupStatements } from '../../../src/policies/aws/neon';

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

  test('the GitHub secrets are the guide\'s names', () => {
    expect(NEON_GITHUB_SECRET_NAMES).toEqual({ accountId: 'AWS_ACCOUNT_ID', bucketName: 'S3_BUCKET_NAME', roleName: 'IAM_ROLE' });
  });
});
