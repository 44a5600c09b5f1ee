import {
  backupAndReplayStatements,
  EVENT_BACKUP_WRITE_ACTIONS,
  EVENT_REPLAY_LIST_ACTION,
  EVENT_REPLAY_OBJECT_ACTIONS,
  eventBackupPolicy,
  keyPrefixOfFolder,
  minioEventBackupPolicy,
  RUDDERSTACK_MINIO_ENDPOINT,
  writeOnlyEventBackupPolicy,
} from '../../../src/policies/aws/rudderstack';
import { decide } from '../../support/iam';

describe('writeOnlyEventBackupPolicy', () => {
  test('is exactly the page\'s policy (seed 004), with a Sid', () => {
    expect(writeOnlyEventBackupPolicy({ bucketArn: 'arn:aws:s3:::rudder-events' })).toEqual({
      Version: '2012-10-17',
      Statement: [{ Sid: 'WriteEventBackups', Effect: 'Allow', Action: ['s3:PutObject', 's3:AbortMultipartUpload'], Resource: 'arn:aws:s3:::rudder-events/*' }],
    });
  });

  test('a key prefix narrows the object resource', () => {
    expect(writeOnlyEventBackupPolicy({ bucketArn: 'arn:aws:s3:::rudder-events', keyPrefix: 'prod/' }).Statement[0].Resource).toBe('arn:aws:s3:::rudder-events/prod/*');
  });

  test('a customer-managed key adds the SSE-KMS statement, through S3 only', () => {
    const doc = writeOnlyEventBackupPolicy({ bucketArn: 'arn:aws:s3:::b', kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/k', s3ServiceEndpoint: 's3.eu-west-1.amazonaws.com' });
    expect(doc.Statement[1]).toEqual({
      Sid: 'EventBackupsKmsKey',
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: 'arn:aws:kms:eu-west-1:123456789012:key/k',
      Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } },
    });
    expect(() => writeOnlyEventBackupPolicy({ bucketArn: 'arn:aws:s3:::b', kmsKeyArn: 'k' })).toThrow(/s3ServiceEndpoint is required/);
  });
});

describe('the two pages\' actions', () => {
  test('write-only (seed page): PutObject and AbortMultipartUpload', () => {
    expect(EVENT_BACKUP_WRITE_ACTIONS).toEqual(['s3:PutObject', 's3:AbortMultipartUpload']);
  });

  test('backup and replay (current page): its list without s3:ListObjectsV2, which is no IAM action (s3:ListBucket authorizes it)', () => {
    const currentPage = ['s3:GetObject', 's3:PutObject', 's3:ListBucket', 's3:ListObjectsV2', 's3:AbortMultipartUpload'];
    expect([EVENT_REPLAY_LIST_ACTION, ...EVENT_REPLAY_OBJECT_ACTIONS].sort()).toEqual(currentPage.filter((a) => a !== 's3:ListObjectsV2').sort());
    expect(EVENT_REPLAY_OBJECT_ACTIONS).not.toContain('s3:DeleteObject');
  });
});

describe('eventBackupPolicy', () => {
  const bucketArn = 'arn:aws:s3:::rudder-events';

  test.each([
    ['write-only', undefined, [
      { Sid: 'WriteEventBackups', Effect: 'Allow', Action: ['s3:PutObject', 's3:AbortMultipartUpload'], Resource: 'arn:aws:s3:::rudder-events/*' },
    ]],
    ['write-only', 'prod/', [
      { Sid: 'WriteEventBackups', Effect: 'Allow', Action: ['s3:PutObject', 's3:AbortMultipartUpload'], Resource: 'arn:aws:s3:::rudder-events/prod/*' },
    ]],
    ['backup-and-replay', undefined, [
      { Sid: 'ListEventBackups', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: 'arn:aws:s3:::rudder-events' },
      { Sid: 'ReadWriteEventBackups', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload'], Resource: 'arn:aws:s3:::rudder-events/*' },
    ]],
    ['backup-and-replay', 'prod/', [
      { Sid: 'ListEventBackups', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: 'arn:aws:s3:::rudder-events', Condition: { StringLike: { 's3:prefix': 'prod/*' } } },
      { Sid: 'ReadWriteEventBackups', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload'], Resource: 'arn:aws:s3:::rudder-events/prod/*' },
    ]],
  ] as const)('%s, prefix %s', (access, keyPrefix, statements) => {
    expect(eventBackupPolicy({ access, bucketArn, keyPrefix })).toEqual({ Version: '2012-10-17', Statement: statements });
  });

  test('write-only is writeOnlyEventBackupPolicy', () => {
    expect(eventBackupPolicy({ access: 'write-only', bucketArn, keyPrefix: 'p/' })).toEqual(writeOnlyEventBackupPolicy({ bucketArn, keyPrefix: 'p/' }));
  });

  test('backup and replay with a customer-managed key: the same SSE-KMS statement last (Decrypt also serves GetObject)', () => {
    const doc = eventBackupPolicy({ access: 'backup-and-replay', bucketArn, kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/k', s3ServiceEndpoint: 's3.eu-west-1.amazonaws.com' });
    expect(doc.Statement.map((s) => s.Sid)).toEqual(['ListEventBackups', 'ReadWriteEventBackups', 'EventBackupsKmsKey']);
    expect(doc.Statement.slice(0, 2)).toEqual(backupAndReplayStatements(bucketArn));
    expect(doc.Statement[2].Action).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
  });
});

describe('minioEventBackupPolicy (RudderStack on MinIO)', () => {
  const user = 'arn:aws:iam::123456789012:user/rudderstack-events';
  const can = (policy: unknown, action: string, resource: string, context: Record<string, string> = {}) =>
    decide({ principal: user, action, resource, resourceAccount: '123456789012', identityPolicies: [policy], context });

  test('write-only: ListBucket (the client\'s HeadBucket) unconditioned, Put/Abort on the prefix', () => {
    expect(minioEventBackupPolicy('rudder-events', 'write-only', 'rudder/')).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'CheckEventBackupBucket', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: 'arn:aws:s3:::rudder-events' },
        { Sid: 'WriteEventBackups', Effect: 'Allow', Action: ['s3:PutObject', 's3:AbortMultipartUpload'], Resource: 'arn:aws:s3:::rudder-events/rudder/*' },
      ],
    });
  });

  test('backup and replay adds GetObject only', () => {
    expect(minioEventBackupPolicy('rudder-events', 'backup-and-replay').Statement).toEqual([
      { Sid: 'CheckEventBackupBucket', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: 'arn:aws:s3:::rudder-events' },
      { Sid: 'ReadWriteEventBackups', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload'], Resource: 'arn:aws:s3:::rudder-events/*' },
    ]);
  });

  test.each([
    ['write-only', 's3:PutObject', 'arn:aws:s3:::rudder-events/rudder/2026/12/07/gw.json.gz', 'Allowed'],
    ['write-only', 's3:AbortMultipartUpload', 'arn:aws:s3:::rudder-events/rudder/x', 'Allowed'],
    ['write-only', 's3:ListBucket', 'arn:aws:s3:::rudder-events', 'Allowed'],
    ['write-only', 's3:GetObject', 'arn:aws:s3:::rudder-events/rudder/x', 'ImplicitlyDenied'],
    ['write-only', 's3:PutObject', 'arn:aws:s3:::rudder-events/velero/x', 'ImplicitlyDenied'],
    ['write-only', 's3:DeleteObject', 'arn:aws:s3:::rudder-events/rudder/x', 'ImplicitlyDenied'],
    ['write-only', 's3:CreateBucket', 'arn:aws:s3:::rudder-events', 'ImplicitlyDenied'],
    ['write-only', 's3:PutObject', 'arn:aws:s3:::other/rudder/x', 'ImplicitlyDenied'],
    ['backup-and-replay', 's3:GetObject', 'arn:aws:s3:::rudder-events/rudder/x', 'Allowed'],
    ['backup-and-replay', 's3:GetObject', 'arn:aws:s3:::rudder-events/velero/backups/x', 'ImplicitlyDenied'],
    ['backup-and-replay', 's3:DeleteObject', 'arn:aws:s3:::rudder-events/rudder/x', 'ImplicitlyDenied'],
    ['backup-and-replay', 's3:PutBucketPolicy', 'arn:aws:s3:::rudder-events', 'ImplicitlyDenied'],
  ] as const)('IAM semantics (%s, prefix rudder/): %s on %s is %s', async (access, action, resource, expected) => {
    expect(await can(minioEventBackupPolicy('rudder-events', access, 'rudder/'), action, resource)).toBe(expected);
  });

  test('keyPrefixOfFolder: RudderStack\'s folder as a key prefix ending with one "/"', () => {
    expect(keyPrefixOfFolder(undefined)).toBeUndefined();
    expect(keyPrefixOfFolder('rudder')).toBe('rudder/');
    expect(keyPrefixOfFolder('rudder/')).toBe('rudder/');
    expect(keyPrefixOfFolder('events/prod')).toBe('events/prod/');
  });
});

describe('RUDDERSTACK_MINIO_ENDPOINT', () => {
  test.each([
    ['minio.example.com:9000', []],
    ['minio.example.com', []],
    ['10.0.0.5:9000', []],
    ['[2001:db8::1]:9000', []],
    ['play.min.io', []],
    ['', ['it is empty']],
    ['https://minio.example.com:9000', ['it has a scheme']],
    ['minio.example.com:9000/bucket', ['it has a path, query or fragment']],
    ['abc.ngrok.io', ['RudderStack refuses ngrok.io endpoints']],
    ['https://abc.ngrok.io', ['it has a scheme', 'RudderStack refuses ngrok.io endpoints']],
    ['minio.example.com:99999', ['its port is not 1-65535']],
    ['minio.example.com:0', ['its port is not 1-65535']],
    ['minio example.com', ['it is not host or host:port']],
    [' minio.example.com', ['it is not host or host:port']],
    [`${'a'.repeat(60)}.${'b'.repeat(45)}`, ['it has 106 characters (the dashboard takes 100)']],
  ])('%j', (value, problems) => {
    expect(RUDDERSTACK_MINIO_ENDPOINT.check(value)).toEqual(problems);
  });
});
