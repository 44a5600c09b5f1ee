import { bucketProtectionGaps, bucketProtectionWarning } from '../../../src/policies/aws/bucket-protections';
import { policyDocument } from '../../../src/policies/aws/iam-json';

const TLS_DENY = policyDocument([{ Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }]);
const SAFE = {
  PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
  BucketEncryption: { ServerSideEncryptionConfiguration: [] },
  VersioningConfiguration: { Status: 'Enabled' },
};

describe('bucketProtectionGaps', () => {
  test.each<[string, Parameters<typeof bucketProtectionGaps>, string[]]>([
    ['every protection', [SAFE, [TLS_DENY], 'Retain'], []],
    ['no public access block in the template (S3 blocks by default)', [{ ...SAFE, PublicAccessBlockConfiguration: undefined }, [TLS_DENY], 'Retain'], []],
    ['settings turned off', [{ ...SAFE, PublicAccessBlockConfiguration: { ...SAFE.PublicAccessBlockConfiguration, BlockPublicAcls: false, IgnorePublicAcls: 'false' } }, [TLS_DENY], 'Retain'],
      ['public access is not blocked (BlockPublicAcls, IgnorePublicAcls turned off)']],
    ['no bucket policy', [SAFE, [], 'Retain'], ['no bucket policy statement denies requests without TLS (aws:SecureTransport = false)']],
    ['an Allow with the TLS condition is no deny', [SAFE, [policyDocument([{ ...TLS_DENY.Statement[0], Effect: 'Allow' }])], 'Retain'],
      ['no bucket policy statement denies requests without TLS (aws:SecureTransport = false)']],
    ['no encryption, versioning suspended, deleted with the stack', [{ ...SAFE, BucketEncryption: undefined, VersioningConfiguration: { Status: 'Suspended' } }, [TLS_DENY], 'Delete'], [
      'no default encryption is declared (S3 applies SSE-S3, but the template does not say so)',
      'versioning is off, so an overwrite or a delete loses the backup',
      'it is deleted with the stack (DeletionPolicy Delete)',
    ]],
  ])('%s', (_what, args, gaps) => expect(bucketProtectionGaps(...args)).toEqual(gaps));

  test('the warning lists the gaps, or there is none', () => {
    expect(bucketProtectionWarning('Stack/B', [])).toBeUndefined();
    expect(bucketProtectionWarning('Stack/B', ['a', 'b'])).toBe('The bucket Stack/B lacks protections that BackupBucket gives: a; b. '
      + 'Use a BackupBucket, or add them to the bucket (blockPublicAccess BLOCK_ALL, enforceSSL, encryption, versioned, RemovalPolicy.RETAIN).');
  });
});
