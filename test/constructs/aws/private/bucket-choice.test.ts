import { App, CfnParameter, Fn, Lazy, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { BackupBucket, PaletteAccess, PaletteBackupLocation, PaletteBackupLocationProps, RudderStackEventBackup } from '../../../../src';
import { knownBucketRegion } from '../../../../src/constructs/aws/private/bucket-choice';
import { ACCOUNT, REGION } from '../../../support/cfn';
import { envAgnosticStack, newStack, warningsOf } from '../../../support/stack';

const access = PaletteAccess.sts({ paletteAccountId: '111111111111', externalId: 'palette-7c0f2a9e-2b5e-4a1b' });
const location = (stack: Stack, props: Partial<PaletteBackupLocationProps>) =>
  new PaletteBackupLocation(stack, 'Palette', { locationName: 'prod-backups', access, ...props });

describe('knownBucketRegion', () => {
  test.each<[string, (stack: Stack) => s3.IBucket, string | undefined]>([
    ['a bucket of this app: the stack\'s region', (stack) => new s3.Bucket(stack, 'B'), REGION],
    ['imported with a region', (stack) => BackupBucket.fromBucketAttributes(stack, 'B', { bucketName: 'b-backups', region: 'us-east-2' }), 'us-east-2'],
    ['imported with the stack\'s region, given explicitly', (stack) => BackupBucket.fromBucketAttributes(stack, 'B', { bucketName: 'b-backups', region: REGION }), REGION],
    ['imported without a region: unknown', (stack) => BackupBucket.fromBucketName(stack, 'B', 'b-backups'), undefined],
    ['imported by aws-cdk-lib with another region', (stack) => s3.Bucket.fromBucketAttributes(stack, 'B', { bucketName: 'b-backups', region: 'ap-south-1' }), 'ap-south-1'],
    ['imported with a token region: unknown', (stack) => BackupBucket.fromBucketAttributes(stack, 'B', { bucketName: 'b-backups', region: new CfnParameter(stack, 'R').valueAsString }), undefined],
  ])('%s', (_what, make, region) => {
    expect(knownBucketRegion(make(newStack()))).toBe(region);
  });

  test('a bucket of an environment-agnostic stack: unknown', () => {
    expect(knownBucketRegion(new s3.Bucket(envAgnosticStack(), 'B'))).toBeUndefined();
  });
});

describe('a wizard region that differs from the bucket\'s known region is an error', () => {
  const mismatch = (region: string, bucketRegion: string) => `region is "${region}" but the bucket is in "${bucketRegion}": kms:ViaService would name `
    + `s3.${region} and Velero would sign for the wrong region, so Palette would be denied. Give the bucket's region, or leave region out (at Stack/Palette)`;
  test.each<[string, (stack: Stack) => Partial<PaletteBackupLocationProps>, string | undefined]>([
    ['a new bucket in the stack\'s region, the same region', () => ({ region: REGION }), undefined],
    ['a new bucket, another region', () => ({ region: 'us-east-1' }), mismatch('us-east-1', REGION)],
    ['an imported bucket with its region, another wizard region', (stack) => ({
      bucket: BackupBucket.fromBucketAttributes(stack, 'B', { bucketName: 'b-backups', region: 'us-east-2' }), region: 'us-west-2',
    }), mismatch('us-west-2', 'us-east-2')],
    ['an imported bucket with its region, the same wizard region', (stack) => ({
      bucket: BackupBucket.fromBucketAttributes(stack, 'B', { bucketName: 'b-backups', region: 'us-east-2' }), region: 'us-east-2',
    }), undefined],
    ['an imported bucket without a region: the wizard region says where it is', (stack) => ({
      bucket: BackupBucket.fromBucketName(stack, 'B', 'b-backups'), region: 'us-west-2',
    }), undefined],
    ['a token region', (stack) => ({ region: new CfnParameter(stack, 'R').valueAsString }), undefined],
    ['the European Sovereign Cloud region in its own stack', () => ({ region: 'eusc-de-east-1' }), mismatch('eusc-de-east-1', REGION)],
  ])('%s', (_what, props, error) => {
    const stack = newStack();
    const make = () => location(stack, props(stack));
    if (error === undefined) expect(make).not.toThrow();
    else expect(make).toThrow(error);
  });

  test('eusc-de-east-1 is accepted where the bucket is', () => {
    const stack = new Stack(new App(), 'Sovereign', { env: { account: ACCOUNT, region: 'eusc-de-east-1' } });
    expect(location(stack, { region: 'eusc-de-east-1' }).region).toBe('eusc-de-east-1');
  });
});

describe('an imported bucket\'s ARN scopes the vendor\'s policy: it must be that one bucket\'s', () => {
  const arnProblem = (arn: string, clause: string) => `Invalid S3 bucket ARN ${JSON.stringify(arn)} at Stack/Palette (bucket.bucketArn): ${clause}.`;
  test.each<[string, (stack: Stack) => s3.IBucket, string | undefined]>([
    ['fromBucketName', (stack) => s3.Bucket.fromBucketName(stack, 'B', 'b-backups'), undefined],
    ['fromBucketArn', (stack) => s3.Bucket.fromBucketArn(stack, 'B', 'arn:aws:s3:::b-backups'), undefined],
    ['an ARN with a wildcard and a valid name', (stack) => s3.Bucket.fromBucketAttributes(stack, 'B', { bucketArn: 'arn:aws:s3:::*', bucketName: 'b-backups' }),
      arnProblem('arn:aws:s3:::*', 'wildcards are not allowed: the policy would cover every bucket the pattern matches')],
    ['an object path for an ARN', (stack) => s3.Bucket.fromBucketAttributes(stack, 'B', { bucketArn: 'arn:aws:s3:::b-backups/velero', bucketName: 'b-backups' }),
      arnProblem('arn:aws:s3:::b-backups/velero', 'it must be "arn:<partition>:s3:::<bucket name>": one bucket, with no region, account or object path')],
    ['the ARN of another bucket than its name', (stack) => s3.Bucket.fromBucketAttributes(stack, 'B', { bucketArn: 'arn:aws:s3:::other-bucket', bucketName: 'b-backups' }),
      'bucket.bucketArn names the bucket "other-bucket", not bucket.bucketName "b-backups": the policy would be scoped to one bucket and the wizard given '
      + 'the other; import the bucket with one of them (s3.Bucket.fromBucketName or fromBucketArn) (at Stack/Palette)'],
    ['a token ARN (a parameter): known only at deploy time', (stack) => s3.Bucket.fromBucketArn(stack, 'B', new CfnParameter(stack, 'Arn').valueAsString), undefined],
  ])('%s', (_what, bucket, error) => {
    const stack = newStack();
    const make = () => location(stack, { bucket: bucket(stack) });
    if (error === undefined) expect(make).not.toThrow();
    else expect(make).toThrow(error);
  });

  test.each<[string, (stack: Stack) => s3.IBucket, string]>([
    ['a Lazy ARN that resolves to a wildcard', (stack) => s3.Bucket.fromBucketAttributes(stack, 'B', {
      bucketArn: Lazy.string({ produce: () => 'arn:aws:s3:::*' }), bucketName: 'b-backups',
    }), 'Invalid S3 bucket ARN "arn:aws:s3:::*" at Stack/Palette (bucket.bucketArn): wildcards are not allowed: the policy would cover every bucket the pattern matches.'],
    ['Fn.join of literals that make a wildcard', (stack) => s3.Bucket.fromBucketAttributes(stack, 'B', {
      bucketArn: Fn.join('', ['arn:aws:s3:::', Lazy.string({ produce: () => '*' })]), bucketName: 'b-backups',
    }), 'Invalid S3 bucket ARN "arn:aws:s3:::*" at Stack/Palette (bucket.bucketArn)'],
    ['a Lazy name that resolves to a wildcard', (stack) => s3.Bucket.fromBucketAttributes(stack, 'B', {
      bucketArn: 'arn:aws:s3:::b-backups', bucketName: Lazy.string({ produce: () => '*' }),
    }), 'Invalid S3 bucket name "*" at Stack/Palette (bucket.bucketName)'],
  ])('%s: refused at synth time, as the literal is when the construct is made', (_what, bucket, error) => {
    const stack = newStack();
    const palette = location(stack, { bucket: bucket(stack) });
    expect(palette.node.validate()).toEqual([expect.stringContaining(error)]);
  });

  test.each<[string, (stack: Stack) => kms.IKey, string]>([
    ['a wildcard key', (stack) => kms.Key.fromKeyArn(stack, 'K', 'arn:aws:kms:us-east-1:123456789012:key/*'),
      'Invalid bucket encryption key ARN "arn:aws:kms:us-east-1:123456789012:key/*" at Stack/Palette (bucket.encryptionKey.keyArn): its key is a wildcard'],
    ['an alias object', (stack) => kms.Alias.fromAliasName(stack, 'A', 'alias/backups'),
      'bucket.encryptionKey is the alias alias/backups: it names an alias, not a key'],
    ['an alias ARN', (stack) => kms.Key.fromKeyArn(stack, 'K', 'arn:aws:kms:us-east-1:123456789012:alias/backups'),
      'Invalid bucket encryption key ARN "arn:aws:kms:us-east-1:123456789012:alias/backups" at Stack/Palette (bucket.encryptionKey.keyArn): it names an alias'],
  ])('an imported bucket\'s key must be one key, not %s', (_what, key, error) => {
    const stack = newStack();
    const bucket = BackupBucket.fromBucketAttributes(stack, 'B', { bucketName: 'b-backups', encryptionKey: key(stack) });
    expect(() => location(stack, { bucket })).toThrow(error);
  });

  test('an imported bucket\'s key given by its key ARN is accepted', () => {
    const stack = newStack();
    const encryptionKey = kms.Key.fromKeyArn(stack, 'K', 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    expect(() => location(stack, { bucket: BackupBucket.fromBucketAttributes(stack, 'B', { bucketName: 'b-backups', encryptionKey }) })).not.toThrow();
  });

  test('a parameter ARN (known only at deploy time) is not judged at synth', () => {
    const stack = newStack();
    const palette = location(stack, { bucket: s3.Bucket.fromBucketArn(stack, 'B', new CfnParameter(stack, 'Arn').valueAsString) });
    expect(palette.node.validate()).toEqual([]);
  });

  test('RudderStack\'s event backup gets the same check (one shared rule)', () => {
    const stack = newStack();
    const bucket = s3.Bucket.fromBucketAttributes(stack, 'B', { bucketArn: 'arn:aws:s3:::*', bucketName: 'b-backups' });
    expect(() => new RudderStackEventBackup(stack, 'Events', { bucket })).toThrow('Invalid S3 bucket ARN "arn:aws:s3:::*" at Stack/Events (bucket.bucketArn)');
  });
});

describe('a bucket passed in that lacks BackupBucket\'s protections gets a warning listing what is missing', () => {
  const lacks = (path: string, gaps: string[]) => `The bucket ${path} lacks protections that BackupBucket gives: ${gaps.join('; ')}. `
    + 'Use a BackupBucket, or add them to the bucket (blockPublicAccess BLOCK_ALL, enforceSSL, encryption, versioned, RemovalPolicy.RETAIN). '
    + '[ack: saas-backup-constructs:BucketLacksProtections]';
  const TLS = 'no bucket policy statement denies requests without TLS (aws:SecureTransport = false)';
  const ENCRYPTION = 'no default encryption is declared (S3 applies SSE-S3, but the template does not say so)';
  const VERSIONING = 'versioning is off, so an overwrite or a delete loses the backup';
  const safe: s3.BucketProps = {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, enforceSSL: true, encryption: s3.BucketEncryption.S3_MANAGED, versioned: true,
  };

  test.each<[string, (stack: Stack) => s3.IBucket, string[], ((bucket: s3.IBucket) => void)?]>([
    ['an s3.Bucket with aws-cdk-lib\'s defaults', (stack) => new s3.Bucket(stack, 'Plain'), [lacks('Stack/Plain/Resource', [TLS, ENCRYPTION, VERSIONING])]],
    ['an s3.Bucket with every protection', (stack) => new s3.Bucket(stack, 'Safe', safe), []],
    ['an s3.Bucket with public access allowed and DESTROY', (stack) => new s3.Bucket(stack, 'Open', {
      ...safe,
      blockPublicAccess: new s3.BlockPublicAccess({ blockPublicPolicy: false, restrictPublicBuckets: false }),
      removalPolicy: RemovalPolicy.DESTROY,
    }), [lacks('Stack/Open/Resource', [
      'public access is not blocked (BlockPublicPolicy, RestrictPublicBuckets turned off)', 'it is deleted with the stack (DeletionPolicy Delete)',
    ])]],
    ['a CfnBucket through fromCfnBucket, with a TLS-deny policy of its own', (stack) => {
      const cfn = new s3.CfnBucket(stack, 'Raw', { versioningConfiguration: { status: 'Enabled' } });
      new s3.CfnBucketPolicy(stack, 'RawPolicy', {
        bucket: cfn.ref,
        policyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Resource: [cfn.attrArn], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
        },
      });
      return s3.Bucket.fromCfnBucket(cfn);
    }, [lacks('Stack/Raw', [ENCRYPTION])]],
    ['a TLS-deny statement added after the location still counts', (stack) => new s3.Bucket(stack, 'Late', { ...safe, enforceSSL: false }), [], (bucket) => {
      bucket.addToResourcePolicy(new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:*'],
        resources: [bucket.arnForObjects('*')],
        conditions: { Bool: { 'aws:SecureTransport': 'false' } },
      }));
    }],
    ['an imported bucket: not inspected, no warning', (stack) => BackupBucket.fromBucketName(stack, 'Imported', 'existing-backups'), []],
    ['a BackupBucket\'s bucket: no warning', (stack) => new BackupBucket(stack, 'Backup').bucket, []],
  ])('%s', (...[, make, warnings, after]) => {
    const stack = newStack();
    const bucket = make(stack);
    location(stack, { bucket });
    after?.(bucket);
    expect(warningsOf(stack)).toEqual(warnings);
  });

  test('the same check applies to RudderStack (and Neon) through the shared bucket choice', () => {
    const stack = newStack();
    new RudderStackEventBackup(stack, 'Rudder', { bucket: new s3.Bucket(stack, 'Plain') });
    expect(warningsOf(stack)).toEqual([lacks('Stack/Plain/Resource', [TLS, ENCRYPTION, VERSIONING])]);
  });
});
