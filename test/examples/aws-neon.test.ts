import { readFileSync } from 'fs';
import { join } from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as yaml from 'js-yaml';
import { NEON_EXAMPLE, NeonBackupExistingProviderStack, NeonBackupStack } from '../../examples/aws/neon';
import { NeonGitHubSecret } from '../../src';
import { classicRepositoryOf } from '../../src/policies/aws/github-oidc';
import { ACCOUNT, TemplateResolver } from '../support/cfn';
import { decide, githubTokenAssumer } from '../support/iam';
import { acknowledgements, exampleApp, expectAwsSolutionsClean } from '../support/nag';


const props = { repository: NEON_EXAMPLE.repository, branch: NEON_EXAMPLE.branch, env: { region: NEON_EXAMPLE.region } };

const examples: Array<[string, (app: App) => Stack]> = [
  ['NeonBackup', (app) => new NeonBackupStack(app, 'NeonBackup', props)],
  ['NeonBackupExistingProvider', (app) => new NeonBackupExistingProviderStack(app, 'NeonBackupExistingProvider', props)],
];

describe.each(examples)('example stack %s', (_name, build) => {
  test('cdk-nag AwsSolutions: no unacknowledged finding, and every acknowledgement gives its reason', () => {
    const app = exampleApp();
    expectAwsSolutionsClean(app, build(app));
  });
});

describe('Neon example stacks: what each shows', () => {
  test('only server access logs are acknowledged (the construct itself needs no acknowledgement)', () => {
    const app = exampleApp();
    const acks = examples.flatMap(([, build]) => acknowledgements(build(app)));
    expect([...new Set(acks.map((a) => a.id))]).toEqual(['AwsSolutions-S1']);
  });

  test('NeonBackup creates the account\'s GitHub provider (retained); NeonBackupExistingProvider imports it', () => {
    const created = Template.fromStack(new NeonBackupStack(exampleApp(), 'A', props));
    created.hasResource('AWS::IAM::OIDCProvider', { DeletionPolicy: 'Retain', Properties: { Url: 'https://token.actions.githubusercontent.com' } });
    const imported = new NeonBackupExistingProviderStack(exampleApp(), 'B', props);
    Template.fromStack(imported).resourceCountIs('AWS::IAM::OIDCProvider', 0);
    const resolver = new TemplateResolver(Template.fromStack(imported).toJSON());
    const trust = resolver.resolve(resolver.only('AWS::IAM::Role').resource.Properties.AssumeRolePolicyDocument);
    expect(trust.Statement[0].Principal).toEqual({ Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` });
  });

  test('the bucket is in the stack\'s region, the region of the Neon database', () => {
    const stack = new NeonBackupStack(exampleApp(), 'NeonBackup', props);
    expect(stack.region).toBe(NEON_EXAMPLE.region);
    expect(stack.backup.bucketRegion).toBe(NEON_EXAMPLE.region);
  });
});

describe('the GitHub Actions workflow (examples/neon/postgres-backup.yml) matches the construct', () => {
  const text = readFileSync(join(__dirname, '..', '..', 'examples', 'neon', 'postgres-backup.yml'), 'utf8');
  const workflow = yaml.load(text) as any;
  const [jobName] = Object.keys(workflow.jobs);
  const job = workflow.jobs[jobName];
  const credentials = job.steps.find((s: any) => String(s.uses ?? '').startsWith('aws-actions/configure-aws-credentials@'));
  const upload = job.steps.find((s: any) => String(s.run ?? '').includes('aws s3 cp'));

  const stack = new NeonBackupStack(exampleApp(), 'NeonBackup', props);
  const json = Template.fromStack(stack).toJSON();
  const resolver = new TemplateResolver(json);
  const roleId = resolver.only('AWS::IAM::Role').id;
  const roleArn = resolver.getAtt(roleId, 'Arn');
  const outputs = Object.values(json.Outputs).map((o: any) => ({ description: String(o.Description), value: resolver.resolve(o.Value) }));
  const secretOutputs = new Map(outputs.flatMap((o) => {
    const m = /^GitHub secret (\w+)/.exec(o.description);
    return m ? [[m[1], o.value] as [string, string]] : [];
  }));
  const secret = (name: string) => `\${{ secrets.${name} }}`;

  test('it parses as a workflow with a job that assumes the role and uploads', () => {
    expect(workflow.name).toBe('Postgres backup to S3');
    expect(Object.keys(workflow.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    expect(credentials).toBeDefined();
    expect(upload).toBeDefined();
    expect(job.steps.indexOf(credentials)).toBeLessThan(job.steps.indexOf(upload));
  });

  test('permissions: id-token: write (for the OIDC token) and contents: read, nothing else', () => {
    expect(workflow.permissions).toEqual({ 'id-token': 'write', 'contents': 'read' });
    expect(job.permissions).toBeUndefined();
  });

  test('the secret names it reads are the outputs\' names (plus Neon\'s DATABASE_URL)', () => {
    const used = new Set([...text.matchAll(/\$\{\{\s*secrets\.(\w+)\s*\}\}/g)].map((m) => m[1]));
    expect([...used].sort()).toEqual([...Object.values(NeonGitHubSecret), 'DATABASE_URL'].sort());
    expect([...secretOutputs.keys()].sort()).toEqual([...Object.values(NeonGitHubSecret)].sort());
    expect(Object.keys(stack.backup.githubSecrets).sort()).toEqual([...secretOutputs.keys()].sort());
  });

  test('role-to-assume is built from AWS_ACCOUNT_ID and IAM_ROLE, and with the outputs\' values it is the role\'s ARN', () => {
    const roleToAssume = credentials.with['role-to-assume'];
    expect(roleToAssume).toBe(`arn:aws:iam::${secret(NeonGitHubSecret.AWS_ACCOUNT_ID)}:role/${secret(NeonGitHubSecret.IAM_ROLE)}`);
    const filled = roleToAssume
      .replace(secret(NeonGitHubSecret.AWS_ACCOUNT_ID), secretOutputs.get(NeonGitHubSecret.AWS_ACCOUNT_ID))
      .replace(secret(NeonGitHubSecret.IAM_ROLE), secretOutputs.get(NeonGitHubSecret.IAM_ROLE));
    expect(filled).toBe(roleArn);
    expect(outputs.find((o) => o.description.startsWith('role-to-assume'))?.value).toBe(roleArn);
  });

  test('aws-region is the example stack\'s region (the bucket\'s)', () => {
    expect(credentials.with['aws-region']).toBe(stack.region);
    expect(outputs.find((o) => o.description.startsWith('aws-region'))?.value).toBe(stack.region);
  });

  test('the repository and branch it runs for are trusted; a pull request of it is not', () => {
    const m = /^github\.repository == '([^']+)' && github\.ref == '(refs\/heads\/[^']+)'$/.exec(job.if);
    expect(m).not.toBeNull();
    const [, repository, ref] = m!;
    expect(repository).toBe(classicRepositoryOf(NEON_EXAMPLE.repository));
    expect(ref).toBe(`refs/heads/${NEON_EXAMPLE.branch}`);

    const trust = resolver.resolve(json.Resources[roleId].Properties.AssumeRolePolicyDocument);
    const provider = resolver.getAtt(resolver.only('AWS::IAM::OIDCProvider').id, 'Arn');
    const assumer = githubTokenAssumer(trust, roleArn, ACCOUNT, provider);
    const assume = (sub: string) => assumer({ sub, aud: 'sts.amazonaws.com' });
    expect(assume(`repo:${repository}:ref:${ref}`)).toBe('Allowed');
    expect(assume(`repo:${NEON_EXAMPLE.repository}:ref:${ref}`)).toBe('Allowed');
    expect(assume(`repo:${repository}:pull_request`)).toBe('ImplicitlyDenied');
    expect(assume(`repo:${repository}:ref:refs/heads/other`)).toBe('ImplicitlyDenied');
  });

  test('it runs pg_dump "$DATABASE_URL" | gzip and uploads with aws s3 cp under the key prefix the role may write', async () => {
    expect(upload.run).toMatch(/pg_dump "\$DATABASE_URL" \| gzip/);
    expect(upload.env).toEqual({ DATABASE_URL: secret('DATABASE_URL'), S3_BUCKET_NAME: secret(NeonGitHubSecret.S3_BUCKET_NAME) });
    const target = /aws s3 cp "\$file" "s3:\/\/\$\{S3_BUCKET_NAME\}\/([^"$]*)\$\{file\}"/.exec(upload.run);
    expect(target?.[1]).toBe(NEON_EXAMPLE.keyPrefix);
    expect(upload.run).toMatch(/^set -euo pipefail$/m);

    const bucketPolicy = resolver.resolve(resolver.only('AWS::S3::BucketPolicy').resource.Properties.PolicyDocument);
    const key = `arn:aws:s3:::${secretOutputs.get(NeonGitHubSecret.S3_BUCKET_NAME)}/${target![1]}neon-2026-07-01T030000Z.sql.gz`;
    expect(await decide({
      principal: roleArn, action: 's3:PutObject', resource: key, resourceAccount: ACCOUNT, context: { 'aws:SecureTransport': 'true' }, resourcePolicy: bucketPolicy,
    })).toBe('Allowed');
  });

  test('the job ends within the role\'s session', () => {
    const maxSession = resolver.only('AWS::IAM::Role').resource.Properties.MaxSessionDuration;
    expect(job['timeout-minutes'] * 60).toBeLessThan(maxSession);
  });
});
