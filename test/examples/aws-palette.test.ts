import { readFileSync } from 'fs';
import { join } from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import {
  PaletteCrossAccountRoleStack,
  PaletteCrossAccountRootStack,
  PaletteKmsEncryptedStack,
  PaletteMinioStack,
  PaletteSingleAccountStsStack,
  PaletteStaticCredentialsStack,
} from '../../examples/aws/palette';
import { TemplateResolver } from '../support/cfn';
import { acknowledgements, exampleApp, expectAwsSolutionsClean } from '../support/nag';

const palette = { paletteAccountId: '000000000000', externalId: 'example-external-id-from-palette', clusterAccountId: '111122223333' };
const ca = readFileSync(join(__dirname, '..', '..', 'examples', 'aws', 'minio-ca.example.pem'), 'utf8');

const examples: Array<[string, (app: App) => Stack]> = [
  ['PaletteSingleAccountSts', (app) => new PaletteSingleAccountStsStack(app, 'PaletteSingleAccountSts', palette)],
  ['PaletteCrossAccountRoot', (app) => new PaletteCrossAccountRootStack(app, 'PaletteCrossAccountRoot', palette)],
  ['PaletteCrossAccountRole', (app) => new PaletteCrossAccountRoleStack(app, 'PaletteCrossAccountRole', palette)],
  ['PaletteStaticCredentials', (app) => new PaletteStaticCredentialsStack(app, 'PaletteStaticCredentials')],
  ['PaletteKmsEncrypted', (app) => new PaletteKmsEncryptedStack(app, 'PaletteKmsEncrypted', palette)],
  ['PaletteMinio', (app) => new PaletteMinioStack(app, 'PaletteMinio', { caCertificatePem: ca })],
];

describe.each(examples)('example stack %s', (_name, build) => {
  test('cdk-nag AwsSolutions: no unacknowledged finding, and every acknowledgement gives its reason', () => {
    const app = exampleApp();
    expectAwsSolutionsClean(app, build(app));
  });
});

describe('example stacks: what each shows', () => {
  const trustOf = (stack: Stack) => {
    const resolver = new TemplateResolver(Template.fromStack(stack).toJSON());
    return resolver.resolve(resolver.only('AWS::IAM::Role').resource.Properties.AssumeRolePolicyDocument).Statement;
  };

  test('cross-account examples trust Account A as a root, or one role of it', () => {
    const root = trustOf(new PaletteCrossAccountRootStack(exampleApp(), 'Root', palette));
    const role = trustOf(new PaletteCrossAccountRoleStack(exampleApp(), 'Role', palette));
    expect(root.map((s: any) => s.Principal.AWS)).toEqual(['arn:aws:iam::000000000000:root', 'arn:aws:iam::111122223333:root']);
    expect(role.map((s: any) => s.Principal.AWS)).toEqual(['arn:aws:iam::000000000000:root', 'arn:aws:iam::111122223333:role/SpectroCloudRole']);
  });

  test('the KMS example encrypts with its key and logs access to its own log bucket', () => {
    const template = Template.fromStack(new PaletteKmsEncryptedStack(exampleApp(), 'Kms', palette));
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResourceProperties('AWS::S3::Bucket', { LoggingConfiguration: { LogFilePrefix: 'palette-backups/' } });
  });

  test('the examples acknowledge only what is by design, each on its own construct', () => {
    const app = exampleApp();
    const stacks = examples.map(([, build]) => build(app));
    app.synth(); // the policies' by-design acknowledgements are recorded at synth time, once the policy is final
    const ids = stacks.flatMap((stack) => acknowledgements(stack).map((a) => a.id));
    expect([...new Set(ids)].sort()).toEqual([
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-IAM5[Resource::<BackupLocationBucket265EE876.Arn>/*]',
      'AwsSolutions-S1',
      'AwsSolutions-SMG4',
    ]);
  });
});
