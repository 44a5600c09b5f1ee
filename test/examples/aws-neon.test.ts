import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
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

/** One `aws` CLI call of a run script, as words (quotes removed, variables left as `$NAME` / `${NAME}`). */
function awsCalls(script: string): string[][] {
  const joined = script.replace(/\\\n\s*/g, ' ');
  const calls: string[][] = [];
  for (const match of joined.matchAll(/(?:^|[\s;(!|])aws\s+([^\n|;]*?)(?=\s*(?:[|;\n]|>|2>|$))/g)) {
    const words = [...match[1].matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((w) => w[1] ?? w[2] ?? w[3]);
    calls.push(words);
  }
  return calls;
}

/** Replaces `$NAME` and `${NAME}` with their values; an unknown variable fails. */
function expand(word: string, vars: Record<string, string>): string {
  return word.replace(/\$\{(\w+)\}|\$(\w+)/g, (_m, a, b) => {
    const name = a ?? b;
    if (!(name in vars)) throw new Error(`unknown variable ${name} in "${word}"`);
    return vars[name];
  });
}

/** The IAM request an `aws` CLI call makes (the S3 calls of Neon's workflow); an unknown call fails. */
function iamRequestOf(words: string[]): { call: string; action: string; resource: string; context: Record<string, string> } {
  const option = (name: string) => {
    const i = words.indexOf(name);
    if (i < 0) throw new Error(`${words.join(' ')}: no ${name}`);
    return words[i + 1];
  };
  const s3Url = (url: string) => {
    const m = /^s3:\/\/([^/]+)\/(.+)$/.exec(url);
    if (!m) throw new Error(`not an s3:// object URL: ${url}`);
    return `arn:aws:s3:::${m[1]}/${m[2]}`;
  };
  const call = `${words[0]} ${words[1]}`;
  switch (call) {
    case 's3api head-object': return { call, action: 's3:GetObject', resource: `arn:aws:s3:::${option('--bucket')}/${option('--key')}`, context: {} };
    case 's3api put-object': return { call, action: 's3:PutObject', resource: `arn:aws:s3:::${option('--bucket')}/${option('--key')}`, context: {} };
    case 's3api list-objects': return { call, action: 's3:ListBucket', resource: `arn:aws:s3:::${option('--bucket')}`, context: { 's3:prefix': option('--prefix') } };
    case 's3 rm': return { call, action: 's3:DeleteObject', resource: s3Url(words[2]), context: {} };
    case 's3 cp': return { call, action: 's3:PutObject', resource: s3Url(words[3]), context: {} };
    default: throw new Error(`no IAM mapping for "aws ${words.join(' ')}": add it to the test`);
  }
}

describe('the GitHub Actions workflow (examples/neon/postgres-backup.yml) matches the construct', () => {
  const text = readFileSync(join(__dirname, '..', '..', 'examples', 'neon', 'postgres-backup.yml'), 'utf8');
  const workflow = yaml.load(text) as any;
  const [jobName] = Object.keys(workflow.jobs);
  const job = workflow.jobs[jobName];
  const step = (name: string) => {
    const found = job.steps.find((s: any) => s.name === name);
    if (!found) throw new Error(`no step "${name}"`);
    return found;
  };
  const credentials = step('Configure AWS credentials');
  const dump = step('Run pg_dump');
  const upload = step('Upload to bucket');
  const cleanup = step('Empty bucket of old files');

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
  const bucketPolicy = resolver.resolve(resolver.only('AWS::S3::BucketPolicy').resource.Properties.PolicyDocument);
  const bucketName = secretOutputs.get(NeonGitHubSecret.S3_BUCKET_NAME)!;

  test('it parses as a workflow with the guide\'s steps, the upload before the deletion of old backups', () => {
    expect(workflow.name).toBe('Postgres backup to S3');
    expect(Object.keys(workflow.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    expect(job.steps.map((s: any) => s.name)).toEqual([
      'Install the PostgreSQL client',
      'Configure AWS credentials',
      'Set file, folder and path variables',
      'Create folder if it doesn\'t exist',
      'Run pg_dump',
      'Upload to bucket',
      'Empty bucket of old files',
    ]);
    expect(credentials.uses).toMatch(/^aws-actions\/configure-aws-credentials@/);
  });

  test('every run step uses bash with pipefail, and no run script interpolates ${{ }} (values come in as environment variables)', () => {
    expect(workflow.defaults).toEqual({ run: { shell: 'bash' } });
    for (const s of job.steps.filter((x: any) => x.run !== undefined)) {
      expect([s.name, s.shell]).toEqual([s.name, undefined]);
      expect([s.name, s.run.includes('${{')]).toEqual([s.name, false]);
    }
  });

  test('permissions: id-token: write (for the OIDC token) and contents: read, nothing else', () => {
    expect(workflow.permissions).toEqual({ 'id-token': 'write', 'contents': 'read' });
    expect(job.permissions).toBeUndefined();
  });

  test('the secret names it reads are the outputs\' names (plus Neon\'s DATABASE_URL, only in the dump step)', () => {
    const used = new Set([...text.matchAll(/\$\{\{\s*secrets\.(\w+)\s*\}\}/g)].map((m) => m[1]));
    expect([...used].sort()).toEqual([...Object.values(NeonGitHubSecret), 'DATABASE_URL'].sort());
    expect([...secretOutputs.keys()].sort()).toEqual([...Object.values(NeonGitHubSecret)].sort());
    expect(Object.keys(stack.backup.githubSecrets).sort()).toEqual([...secretOutputs.keys()].sort());
    expect(job.env.S3_BUCKET_NAME).toBe(secret(NeonGitHubSecret.S3_BUCKET_NAME));
    expect(dump.env).toEqual({ DATABASE_URL: secret('DATABASE_URL') });
    expect(job.steps.filter((s: any) => JSON.stringify(s).includes('secrets.DATABASE_URL'))).toEqual([dump]);
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

  test('FOLDER_NAME is the stack\'s key prefix; it dumps with pg_dump "$DATABASE_URL" | gzip and uploads that file', () => {
    expect(`${job.env.FOLDER_NAME}/`).toBe(NEON_EXAMPLE.keyPrefix);
    expect(stack.backup.keyPrefix).toBe(NEON_EXAMPLE.keyPrefix);
    expect(dump.run).toMatch(/^pg_dump "\$DATABASE_URL" \| gzip > "\$GZIP_NAME"$/m);
    expect(upload.run.trim()).toBe('aws s3 cp "$GZIP_NAME" "$UPLOAD_PATH"');
    expect(step('Set file, folder and path variables').run).toContain('echo "UPLOAD_PATH=s3://${S3_BUCKET_NAME}/${FOLDER_NAME}/${GZIP_NAME}" >> "$GITHUB_ENV"');
  });

  /** Runs a step's script in bash with `aws` (and `pg_dump`) replaced by functions that log their arguments. */
  function runStep(script: string, env: Record<string, string>, listed = ''): { status: number | null; calls: string[]; stderr: string } {
    const dir = mkdtempSync(join(tmpdir(), 'neon-workflow-'));
    const log = join(dir, 'calls');
    const stubs = [
      `aws() { echo "aws $*" >> '${log}'; if [ "$1 $2" = "s3api list-objects" ]; then printf '%s\\n' "$LISTED"; fi; }`,
      `pg_dump() { echo "pg_dump $*" >> '${log}'; echo dump; }`,
    ].join('\n');
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', `${stubs}\n${script}`], {
      cwd: dir, env: { PATH: process.env.PATH ?? '', LISTED: listed, ...env }, encoding: 'utf8',
    });
    const calls = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter(Boolean) : [];
    rmSync(dir, { recursive: true, force: true });
    return { status: result.status, calls, stderr: result.stderr };
  }

  test('the dump step refuses a pooled Neon connection string (Neon: no pg_dump over a pooled connection), run in bash', () => {
    const pooled = runStep(dump.run, { DATABASE_URL: 'postgresql://u:p@ep-cool-darkness-123456-pooler.eu-central-1.aws.neon.tech/db', GZIP_NAME: 'x.sql.gz' });
    expect(pooled.status).toBe(1);
    expect(pooled.calls).toEqual([]);
    const direct = runStep(dump.run, { DATABASE_URL: 'postgresql://u:p@ep-cool-darkness-123456.eu-central-1.aws.neon.tech/db', GZIP_NAME: 'x.sql.gz' });
    expect(direct.status).toBe(0);
    expect(direct.calls).toEqual(['pg_dump postgresql://u:p@ep-cool-darkness-123456.eu-central-1.aws.neon.tech/db']);
  });

  test('the cleanup step, run in bash: aws s3 rm for each listed backup, nothing for an empty folder ("None")', () => {
    const env = { S3_BUCKET_NAME: 'neon-bucket', FOLDER_NAME: 'neon', RETENTION: String(job.env.RETENTION) };
    const two = runStep(cleanup.run, env, 'neon/neon-2026-06-01T030000Z.sql.gz\nneon/neon-2026-06-02T030000Z.sql.gz');
    expect(two.status).toBe(0);
    expect(two.calls[0]).toMatch(/^aws s3api list-objects --bucket neon-bucket --prefix neon\/ --query Contents\[\?LastModified<'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ'\] \| \[\?ends_with\(Key, '\.gz'\)\]\.\{Key: Key\} --output text$/);
    expect(two.calls.slice(1)).toEqual([
      'aws s3 rm s3://neon-bucket/neon/neon-2026-06-01T030000Z.sql.gz',
      'aws s3 rm s3://neon-bucket/neon/neon-2026-06-02T030000Z.sql.gz',
    ]);
    const none = runStep(cleanup.run, env, 'None');
    expect(none.status).toBe(0);
    expect(none.calls.map((c) => c.split(' ').slice(0, 3).join(' '))).toEqual(['aws s3api list-objects']);
  });

  test('the cleanup step\'s threshold is RETENTION days before now', () => {
    const threshold = /LastModified<'([^']+)'/.exec(runStep(cleanup.run, { S3_BUCKET_NAME: 'b', FOLDER_NAME: 'neon', RETENTION: '7' }, 'None').calls[0])![1];
    const days = (Date.now() - Date.parse(threshold)) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThan(7.01);
  });

  test('RETENTION is the stack\'s retention, and noncurrent versions (left by aws s3 rm) are kept at least as long', () => {
    expect(Number(job.env.RETENTION)).toBe(stack.backup.retentionDays);
    expect(cleanup.run).toContain('THRESHOLD_DATE=$(date -u -d "-${RETENTION} days" +%Y-%m-%dT%H:%M:%SZ)');
    const rules = resolver.only('AWS::S3::Bucket').resource.Properties.LifecycleConfiguration.Rules;
    const noncurrent = rules.find((r: any) => r.Id === 'ExpireNoncurrentVersions');
    expect(resolver.only('AWS::S3::Bucket').resource.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(noncurrent.NoncurrentVersionExpiration.NoncurrentDays).toBeGreaterThanOrEqual(Number(job.env.RETENTION));
    expect(noncurrent.ExpiredObjectDeleteMarker).toBe(true);
  });

  // The values the scripts see: the job's env, the secrets' values from the outputs, and what the
  // scripts themselves set (GZIP_NAME, UPLOAD_PATH, a listed file, the threshold).
  const gzipName = 'neon-2026-07-01T030000Z.sql.gz';
  const vars = (folder: string): Record<string, string> => ({
    S3_BUCKET_NAME: bucketName,
    FOLDER_NAME: folder,
    GZIP_NAME: gzipName,
    UPLOAD_PATH: `s3://${bucketName}/${folder}/${gzipName}`,
    file: `${folder}/neon-2026-06-01T030000Z.sql.gz`,
    THRESHOLD_DATE: '2026-06-24T03:00:00Z',
  });
  const calls = job.steps.filter((s: any) => s.run !== undefined).flatMap((s: any) => awsCalls(s.run));
  const decideAsRole = (request: ReturnType<typeof iamRequestOf>) => decide({
    principal: roleArn,
    action: request.action,
    resource: request.resource,
    resourceAccount: ACCOUNT,
    context: { 'aws:SecureTransport': 'true', ...request.context },
    resourcePolicy: bucketPolicy,
  });

  test('its aws CLI calls are the guide\'s: head-object, put-object (the folder marker), aws s3 cp, list-objects and aws s3 rm', () => {
    expect(calls.map((words: string[]) => iamRequestOf(words.map((w) => expand(w, vars(job.env.FOLDER_NAME)))).call)).toEqual([
      's3api head-object', 's3api put-object', 's3 cp', 's3api list-objects', 's3 rm',
    ]);
  });

  test('IAM evaluation: every aws CLI call of the workflow is allowed by the bucket policy, on the object or prefix it names', async () => {
    const decisions = [];
    for (const words of calls) {
      const request = iamRequestOf(words.map((w: string) => expand(w, vars(job.env.FOLDER_NAME))));
      decisions.push([request.call, request.action, request.resource, await decideAsRole(request)]);
    }
    const object = (key: string) => `arn:aws:s3:::${bucketName}/${key}`;
    expect(decisions).toEqual([
      ['s3api head-object', 's3:GetObject', object('neon/'), 'Allowed'],
      ['s3api put-object', 's3:PutObject', object('neon/'), 'Allowed'],
      ['s3 cp', 's3:PutObject', object(`neon/${gzipName}`), 'Allowed'],
      ['s3api list-objects', 's3:ListBucket', `arn:aws:s3:::${bucketName}`, 'Allowed'],
      ['s3 rm', 's3:DeleteObject', object('neon/neon-2026-06-01T030000Z.sql.gz'), 'Allowed'],
    ]);
  });

  test('IAM evaluation: the same calls with another FOLDER_NAME are all denied (the role is limited to its prefix)', async () => {
    for (const words of calls) {
      const request = iamRequestOf(words.map((w: string) => expand(w, vars('other'))));
      expect([request.call, await decideAsRole(request)]).toEqual([request.call, 'ImplicitlyDenied']);
    }
  });

  test('the job ends within the role\'s session', () => {
    const maxSession = resolver.only('AWS::IAM::Role').resource.Properties.MaxSessionDuration;
    expect(job['timeout-minutes'] * 60).toBeLessThan(maxSession);
  });
});
