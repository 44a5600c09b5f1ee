import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { RudderStackMinioEventBackup, RudderStackMinioEventBackupProps, RudderStackPermissions } from '../../../../src';
import { minioEventBackupPolicy } from '../../../../src/policies/aws/rudderstack';
import { cdkRendered, newStack, synth, warningsOf } from '../../../support/stack';

function minio(props: Partial<RudderStackMinioEventBackupProps> = {}) {
  const stack = newStack();
  const backup = new RudderStackMinioEventBackup(stack, 'Events', {
    bucketName: 'rudder-events',
    endpoint: 'minio.example.com:9000',
    ...props,
  });
  return { stack, backup, ...synth(stack) };
}

describe('RudderStackMinioEventBackup', () => {
  test('creates only the secret for the MinIO user\'s keys; exposes the dashboard\'s fields with their defaults', () => {
    const { backup, json, resolver } = minio();
    expect(Object.values(json.Resources).map((r: any) => r.Type)).toEqual(['AWS::SecretsManager::Secret']);
    expect(resolver.only('AWS::SecretsManager::Secret').resource.Properties.GenerateSecretString.SecretStringTemplate).toBe('{"accessKeyId":"rudderstack-events"}');
    expect(backup.useSsl).toBe(true);
    expect(backup.endpoint).toBe('minio.example.com:9000');
    expect(backup.prefix).toBeUndefined();
  });

  test('the MinIO user policy is write-only by default, and exactly the pure builder\'s', () => {
    const { stack, backup } = minio({ prefix: 'rudder' });
    expect(stack.resolve(backup.minioUserPolicy.toJSON())).toEqual(cdkRendered(minioEventBackupPolicy('rudder-events', 'write-only', 'rudder/')));
  });

  test('backupAndReplay() adds GetObject, still no delete', () => {
    const { stack, backup } = minio({ permissions: RudderStackPermissions.backupAndReplay() });
    const json = JSON.stringify(stack.resolve(backup.minioUserPolicy.toJSON()));
    expect(json).toContain('s3:GetObject');
    expect(json).not.toMatch(/Delete|CreateBucket/);
  });

  test('outputs are named after the dashboard fields; the keys never are outputs, the secret ARN is', () => {
    const { json } = minio({ prefix: 'rudder', createOutputs: true });
    expect(Object.fromEntries(Object.entries(json.Outputs).map(([k, o]: [string, any]) => [k, o.Description]))).toEqual({
      RudderStackMinioEndpoint: 'RudderStack "MinIO Endpoint"',
      RudderStackMinioBucketName: 'RudderStack "MINIO Bucket Name"',
      RudderStackPrefix: 'RudderStack "Prefix"',
      RudderStackUseSslForConnection: 'RudderStack "Use SSL for connection"',
      RudderStackMinioAccessKeySecretArn: 'RudderStack "MinIO Access Key ID" and "MinIO Secret Access Key": the secret\'s accessKeyId and secretAccessKey',
      RudderStackMinioUserPolicy: 'MinIO user policy: mc admin policy create ALIAS rudderstack-events policy.json',
    });
    expect(json.Outputs.RudderStackUseSslForConnection.Value).toBe('true');
  });

  test('useSsl: false warns, naming the risk', () => {
    const { stack } = minio({ useSsl: false });
    expect(warningsOf(stack)).toEqual([expect.stringMatching(/^useSsl: false sends every event RudderStack backs up.*plain HTTP.*\[ack: saas-backup-constructs:RudderStackMinioNoTls\]$/s)]);
  });

  test('the default is silent', () => {
    expect(warningsOf(minio().stack)).toEqual([]);
  });

  test('an existing secret is used as is', () => {
    const stack = newStack();
    const secret = secretsmanager.Secret.fromSecretNameV2(stack, 'S', 'minio/rudderstack');
    const backup = new RudderStackMinioEventBackup(stack, 'Events', { bucketName: 'rudder-events', endpoint: 'minio.example.com', accessKeySecret: secret });
    expect(backup.accessKeySecret).toBe(secret);
    expect(synth(stack).json.Resources ?? {}).toEqual({});
  });

  test('two backups with outputs in one stack need their own outputPrefix', () => {
    const stack = newStack();
    new RudderStackMinioEventBackup(stack, 'A', { bucketName: 'rudder-a', endpoint: 'minio.example.com', createOutputs: true });
    expect(() => new RudderStackMinioEventBackup(stack, 'B', { bucketName: 'rudder-b', endpoint: 'minio.example.com', createOutputs: true }))
      .toThrow('outputPrefix "RudderStack": the stack has an output RudderStackMinioEndpoint already (another RudderStack MinIO backup): give each its own outputPrefix (at Stack/B)');
    expect(() => new RudderStackMinioEventBackup(stack, 'C', { bucketName: 'rudder-b', endpoint: 'minio.example.com', createOutputs: true, outputPrefix: 'Second' }))
      .not.toThrow();
  });

  test.each<[string, Partial<RudderStackMinioEventBackupProps>, string]>([
    ['an endpoint with a scheme', { endpoint: 'https://minio.example.com:9000' },
      'Invalid MinIO endpoint "https://minio.example.com:9000" at Stack/Events (endpoint): it has a scheme. Write the server as host or host:port, e.g. "minio.example.com:9000" (no https://: "Use SSL for connection" chooses TLS).'],
    ['an upper-case bucket', { bucketName: 'Rudder-Events' }, 'Invalid S3 bucket name "Rudder-Events" at Stack/Events (bucketName): uppercase letters are not allowed'],
    ['a prefix with ..', { prefix: 'rudder/../velero' }, 'Invalid RudderStack prefix "rudder/../velero" at Stack/Events (prefix): it has an empty, "." or ".." folder'],
    ['a MinIO user name with a space', { minioAccessKey: 'rudder stack' }, 'Invalid MinIO access key "rudder stack" at Stack/Events (minioAccessKey)'],
    ['permissions as a string (JavaScript)', { permissions: 'writeOnly' as any }, 'permissions must be RudderStackPermissions.writeOnly() or RudderStackPermissions.backupAndReplay() (at Stack/Events)'],
    ['useSsl as a string (JavaScript)', { useSsl: 'false' as any }, 'useSsl must be a boolean (true or false), not a string (a string such as "false" would read as true) (at Stack/Events)'],
    ['a missing endpoint (JavaScript)', { endpoint: undefined as any }, 'endpoint is required: the MinIO server as host:port ("MinIO Endpoint") (at Stack/Events)'],
    ['a missing bucket (JavaScript)', { bucketName: null as any }, 'bucketName is required: the MinIO bucket ("MINIO Bucket Name") (at Stack/Events)'],
    ['an output prefix with a hyphen', { outputPrefix: 'Rudder-Stack' }, 'Invalid output prefix "Rudder-Stack" at Stack/Events (outputPrefix)'],
  ])('refuses %s', (_what, props, message) => {
    expect(() => minio(props)).toThrow(message);
  });

  test('no props at all (JavaScript): named, not a TypeError', () => {
    expect(() => new RudderStackMinioEventBackup(newStack(), 'Events', undefined as any)).toThrow('props are required: bucketName and endpoint (at Stack/Events)');
  });

  test('both a secret and a user name: refused', () => {
    const stack = newStack();
    const secret = secretsmanager.Secret.fromSecretNameV2(stack, 'S', 'minio/rudderstack');
    expect(() => new RudderStackMinioEventBackup(stack, 'Events', { bucketName: 'rudder-events', endpoint: 'minio.example.com', accessKeySecret: secret, minioAccessKey: 'x-user' }))
      .toThrow('minioAccessKey names the user in a new secret; remove it or remove accessKeySecret (at Stack/Events)');
  });
});

describe('RudderStackMinioEventBackup policy JSON (snapshots)', () => {
  test.each([
    ['write-only, prefix rudder', { prefix: 'rudder' }],
    ['backup and replay, whole bucket', { permissions: RudderStackPermissions.backupAndReplay() }],
  ] as const)('%s', (_name, props) => {
    const { stack, backup } = minio(props);
    expect(stack.resolve(backup.minioUserPolicy.toJSON())).toMatchSnapshot();
  });
});
