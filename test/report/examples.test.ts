import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, CfnJson, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { cfnAccessReport, renderCfnValue } from '../../src/report/cloudformation';
import { reportInputs } from '../../src/report/files';
import { mermaidBlocks, mermaidText, renderMarkdown, renderMermaid } from '../../src/report/markdown';
import { AccessReport, findingCount, iamConditions, nodeId } from '../../src/report/model';
import { terraformAccessReport } from '../../src/report/terraform';

/** The reports of a cloud assembly, written beside it as `npm run synth` writes them (its `report` step). */
function writeCloudAssemblyReports(dir: string) {
  return reportInputs([dir], dir, ['md']).reports.map((r) => ({ stack: r.name, file: join(dir, `${r.name}.access.md`), findings: findingCount(r.report) }));
}

/** The reports of a cdktf output, written into it as `npm run synth` writes them. */
function writeTerraformReports(dir: string) {
  return reportInputs([dir], dir, ['md']).reports.map((r) => ({ stack: r.name, file: join(dir, `${r.name}.access.md`), findings: findingCount(r.report) }));
}

/** A report's flagged findings, as their messages. */
const messages = (r: AccessReport) => r.findings.map((f) => f.message);

const root = join(__dirname, '..', '..');

/** The edges of a report as [from, style, to, lines], nodes named by their labels. */
function edges(report: AccessReport): Array<[string, string, string, string[]]> {
  const label = (id: string) => (report.nodes.get(id)?.lines ?? [`missing ${id}`]).join(' / ');
  return report.edges.map((e) => [label(e.from), e.style, label(e.to), e.entries.flat()]);
}

/** Synthesizes an examples app in this process, as `npm run synth` does, into a temporary folder. */
function synthesizeApp(entry: string, env: Record<string, string>): string {
  const outdir = mkdtempSync(join(tmpdir(), 'access-report-'));
  const saved = { ...process.env };
  Object.assign(process.env, env, { CDK_OUTDIR: outdir, CDKTF_OUTDIR: outdir });
  try {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(entry);
    });
  } finally {
    process.env = saved;
  }
  return outdir;
}

const PALETTE_ROLE = 'IAM role / BackupLocationRole6A804BBF';
const PALETTE_ACCOUNT = 'AWS account 000000000000 / root: any principal the account allows';
const EXTERNAL_ID = ['sts:AssumeRole', 'sts:ExternalId = example-external-id-from-palette', '(statement TrustVendorWithExternalId)'];
const VELERO_EC2 = 'ec2:DescribeVolumes, ec2:DescribeSnapshots, ec2:CreateTags, ec2:CreateVolume, ec2:CreateSnapshot, ec2:DeleteSnapshot';
const VELERO_S3 = [
  'on objects /*: s3:GetObject, s3:DeleteObject, s3:PutObject, s3:AbortMultipartUpload, s3:ListMultipartUploadParts',
  'on the bucket: s3:ListBucket',
];
const BUCKET = 'S3 bucket / BackupLocationBucket265EE876';
const ANY = 'Any resource / (Resource *)';
const paletteRole = (description: string) => `${PALETTE_ROLE} / Spectro Cloud Palette backup location "${description}" (STS)`;

describe('the AWS examples app (examples/aws/app.ts), synthesized as npm run synth does', () => {
  const cdkJson = JSON.parse(readFileSync(join(root, 'cdk.json'), 'utf8'));
  const outdir = synthesizeApp(join(root, 'examples', 'aws', 'app'), { CDK_CONTEXT_JSON: JSON.stringify(cdkJson.context ?? {}) });
  const written = writeCloudAssemblyReports(outdir);
  const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
  const stacks = Object.entries(manifest.artifacts).filter(([, a]: [string, any]) => a.type === 'aws:cloudformation:stack').map(([name]) => name);
  const template = (stack: string) => JSON.parse(readFileSync(join(outdir, `${stack}.template.json`), 'utf8'));
  const report = (stack: string) => cfnAccessReport(template(stack), { title: stack });
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  test('every stack gets <Stack>.access.md, listed in ACCESS.md', () => {
    expect(written.map((w) => w.stack)).toEqual(expect.arrayContaining(stacks));
    expect(readdirSync(outdir).filter((f) => f.endsWith('.access.md')).sort()).toEqual(expect.arrayContaining(stacks.map((s) => `${s}.access.md`)));
    const index = readFileSync(join(outdir, 'ACCESS.md'), 'utf8');
    for (const s of stacks) expect(index).toContain(`| [${s}](${s}.access.md) |`);
  });

  test.each(stacks)('%s: no finding, and every role, user and trust statement of the template is drawn', (stack) => {
    const r = report(stack);
    expect(messages(r)).toEqual([]);
    const resources: Record<string, any> = template(stack).Resources;
    const drawn = new Set(r.edges.flatMap((e) => [e.from, e.to]));
    for (const [id, res] of Object.entries(resources)) {
      if (['AWS::IAM::Role', 'AWS::IAM::User'].includes(res.Type)) expect(drawn).toContain(nodeId(id));
      if (res.Type !== 'AWS::IAM::Role') continue;
      const statements = [res.Properties.AssumeRolePolicyDocument.Statement].flat().filter((s: any) => s.Effect === 'Allow');
      const into = r.edges.filter((e) => e.to === nodeId(id) && e.style === 'assume');
      expect(into.length).toBeGreaterThanOrEqual(statements.length > 0 ? 1 : 0);
    }
    const md = readFileSync(join(outdir, `${stack}.access.md`), 'utf8');
    expect(md).toBe(renderMarkdown(cfnAccessReport(template(stack), { title: stack, source: `the CloudFormation template ${stack}.template.json` })));
  });

  test('PaletteSingleAccountSts: Palette\'s account with the external ID, nobody else; the role on bucket/* and the bucket', () => {
    expect(edges(report('PaletteSingleAccountSts'))).toEqual([
      [paletteRole('aws-backups'), 'access', ANY, [VELERO_EC2]],
      [paletteRole('aws-backups'), 'access', BUCKET, VELERO_S3],
      [PALETTE_ACCOUNT, 'assume', paletteRole('aws-backups'), EXTERNAL_ID],
    ]);
  });

  test('PaletteSingleAccountSts: the permission table has the exact statements, trust first', () => {
    const rows = report('PaletteSingleAccountSts').rows;
    expect(rows).toContainEqual({
      principal: 'AWS arn:${AWS::Partition}:iam::000000000000:root',
      effect: 'Allow',
      actions: ['sts:AssumeRole'],
      resources: ['IAM role BackupLocationRole6A804BBF'],
      conditions: ['sts:ExternalId = example-external-id-from-palette'],
      source: 'AWS::IAM::Role BackupLocationRole6A804BBF trust policy · TrustVendorWithExternalId',
      flag: undefined,
    });
    expect(rows).toContainEqual(expect.objectContaining({
      principal: 'IAM role BackupLocationRole6A804BBF',
      actions: ['s3:GetObject', 's3:DeleteObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
      resources: ['${BackupLocationBucket265EE876.Arn}/*'],
      source: 'AWS::IAM::ManagedPolicy BackupLocationPolicy72EDC1C3 · VeleroBackupObjects',
    }));
    const md = renderMarkdown(report('PaletteSingleAccountSts'));
    const table = md.slice(md.indexOf('| Principal |')).split('\n').filter((l) => l.startsWith('| `'));
    expect(table[0]).toBe('| `AWS arn:${AWS::Partition}:iam::000000000000:root` | Allow | `sts:AssumeRole` | `IAM role BackupLocationRole6A804BBF` | `sts:ExternalId = example-external-id-from-palette` | `AWS::IAM::Role BackupLocationRole6A804BBF trust policy · TrustVendorWithExternalId` |');
    expect(table.filter((l) => l.includes('| Deny |'))).toHaveLength(2);
    expect(md).toContain('- Deny on S3 bucket BackupLocationBucket265EE876: s3:* for AWS * when aws:SecureTransport is false');
  });

  test('PaletteSingleAccountSts: the Mermaid source, escaped', () => {
    const diagram = renderMermaid(report('PaletteSingleAccountSts'));
    expect(diagram.split('\n')[0]).toBe('flowchart LR');
    expect(diagram).toContain('  N_account_000000000000_82e73e(["AWS account 000000000000<br>root#58; any principal the account allows"])');
    expect(diagram).toContain('  N_account_000000000000_82e73e -->|"sts#58;AssumeRole<br>sts#58;ExternalId = example-external-id-from-palette<br>#40;statement TrustVendorWithExternalId#41;"| N_BackupLocationRole6A804BBF');
    expect(diagram).toContain('-->|"on objects /#42;#58; s3#58;GetObject');
    expect(diagram).toContain('  N_BackupLocationBucket265EE876[("S3 bucket<br>BackupLocationBucket265EE876")]');
    expect(diagram).not.toMatch(/\b(unsafe|broad)$/m);
  });

  test('PaletteCrossAccountRoot and Role: Account A as a root, or as its one role, without external ID', () => {
    expect(edges(report('PaletteCrossAccountRoot')).filter(([, style]) => style === 'assume')).toEqual([
      [PALETTE_ACCOUNT, 'assume', paletteRole('aws-backups-account-b'), EXTERNAL_ID],
      ['AWS account 111122223333 / root: any principal the account allows', 'assume', paletteRole('aws-backups-account-b'), ['sts:AssumeRole', '(statement TrustOwnPrincipal)']],
    ]);
    expect(edges(report('PaletteCrossAccountRole')).filter(([, style]) => style === 'assume')).toEqual([
      [PALETTE_ACCOUNT, 'assume', paletteRole('aws-backups-account-b-role'), EXTERNAL_ID],
      ['IAM role SpectroCloudRole / in account 111122223333', 'assume', paletteRole('aws-backups-account-b-role'), ['sts:AssumeRole', '(statement TrustOwnPrincipal)']],
    ]);
  });

  const eksIssuer = 'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
  test.each<[string, string, Array<[string, string[]]>]>([
    ['PaletteEksServiceAccount', 'aws-backups-eks', [[
      `EKS service account / cluster-*/velero-server / cluster OIDC id EXAMPLED539D4633E53DE1B71EXAMPLE (us-east-1) / via ${eksIssuer}`,
      ['sts:AssumeRoleWithWebIdentity', `${eksIssuer}:aud = sts.amazonaws.com`, '(statement TrustEksServiceAccount)'],
    ]]],
    ['PaletteNonAwsClusters', 'aws-backups-edge', []],
    ['PaletteDeployingUser', 'aws-backups-static-deployer', [['IAM user palette-deployer / in account 111122223333', ['sts:AssumeRole', '(statement TrustOwnPrincipal)']]]],
    ['PaletteOrganizationTrust', 'aws-backups-organization', [['Any principal in AWS organization / o-a1b2c3d4e5', ['sts:AssumeRole', '(statement TrustOrganization)']]]],
    ['PaletteAccountList', 'aws-backups-account-list', [[
      'Any principal in AWS account (one of 100) / 200000000000, 200000000001, 200000000002 and 97 more / (all listed in the table)',
      ['sts:AssumeRole', '(statement TrustAccounts)'],
    ]]],
  ])('%s: Palette with the external ID, then exactly the cluster principals of the example', (stack, location, clusters) => {
    const r = report(stack);
    const target = paletteRole(location) + (stack === 'PaletteNonAwsClusters' ? ' / sessions up to 12 h' : '');
    expect(edges(r).filter(([, style]) => style === 'assume')).toEqual([
      [PALETTE_ACCOUNT, 'assume', target, EXTERNAL_ID],
      ...clusters.map(([who, lines]) => [who, 'assume', target, lines]),
    ]);
    expect(edges(r).filter(([, style]) => style === 'access')).toEqual([[target, 'access', ANY, [VELERO_EC2]], [target, 'access', BUCKET, VELERO_S3]]);
  });

  test('PaletteAccountList: the table names all 100 accounts of the one compact statement', () => {
    const row = report('PaletteAccountList').rows.find((x) => x.source.endsWith('TrustAccounts'));
    expect(row?.principal).toMatch(/^AWS \* \(aws:PrincipalAccount in \[200000000000, .*, 200000000099\]\)$/);
    expect(row?.conditions[0].split(', ')).toHaveLength(100);
  });

  test('PaletteStaticCredentials: the access key holder signs as the user, a member of the group that has the policy', () => {
    expect(edges(report('PaletteStaticCredentials'))).toEqual([
      ['IAM group / BackupLocationUserGroup173B3F0B', 'access', ANY, [VELERO_EC2]],
      ['IAM group / BackupLocationUserGroup173B3F0B', 'access', BUCKET, VELERO_S3],
      ['IAM user / BackupLocationUserEFFCBE53', 'link', 'IAM group / BackupLocationUserGroup173B3F0B', ['member of']],
      ['Holder of access key / BackupLocationUserAccessKey0C3BC1F6 / stored in secret BackupLocationUserAccessKeySecretF0ACA234', 'link', 'IAM user / BackupLocationUserEFFCBE53', ['signs requests as']],
    ]);
  });

  test('PaletteKmsEncrypted: the role may use the key only through S3, the log bucket takes only S3 logging for this bucket', () => {
    const e = edges(report('PaletteKmsEncrypted'));
    const key = 'KMS key / BackupLocationBucketKey87F381D8 / Encrypts the backup bucket PaletteKmsEncrypted/BackupLocation/Bucket';
    expect(e).toContainEqual([paletteRole('aws-backups-kms'), 'access', key, ['on this key: kms:Decrypt, kms:GenerateDataKey', 'if kms:ViaService = s3.${AWS::Region}.${AWS::URLSuffix}']]);
    expect(e).toContainEqual(["This stack's AWS account / root: IAM policies of the account decide", 'access', key, ['on this key: kms:*']]);
    expect(e).toContainEqual(['AWS service / logging.s3.amazonaws.com', 'access', 'S3 bucket / AccessLogs8B620ECA', [
      'on objects /palette-backups/*: s3:PutObject',
      'if aws:SourceArn like ${BackupLocationBucket265EE876.Arn}',
      'if aws:SourceAccount = ${AWS::AccountId}',
    ]]);
    expect(e.filter(([, style]) => style === 'assume')).toEqual([[PALETTE_ACCOUNT, 'assume', paletteRole('aws-backups-kms'), EXTERNAL_ID]]);
  });

  test('the docs\' example diagram is the one generated for PaletteCrossAccountRole', () => {
    const page = readFileSync(join(root, 'docs', 'access-report.md'), 'utf8');
    const section = page.slice(page.indexOf('\n## An example\n'), page.indexOf('\n## ', page.indexOf('\n## An example\n') + 1));
    expect(mermaidBlocks(section)).toEqual([renderMermaid(report('PaletteCrossAccountRole'))]);
  });

  test('PaletteStackSet: the StackSet\'s template is its own section: Palette with the external ID into every account\'s role', () => {
    const r = report('PaletteStackSet');
    expect(r.edges).toEqual([]);
    expect(r.sections.map((s) => s.title)).toEqual([expect.stringMatching(/^StackSet \w+ \(palette-backup-locations\): the stack every target account gets$/)]);
    const [inner] = r.sections;
    const stackSetRole = 'IAM role palette-backup-${AWS::Region} / BackupLocationRole6A804BBF / Spectro Cloud Palette backup location "acme-palette-backups-${AWS::AccountId}-${AWS::Region}" (STS)';
    expect(edges(inner)).toEqual([
      [stackSetRole, 'access', ANY, [VELERO_EC2]],
      [stackSetRole, 'access', 'S3 bucket acme-palette-backups-${AWS::AccountId}-${AWS::Region} / BackupLocationBucket265EE876', VELERO_S3],
      [PALETTE_ACCOUNT, 'assume', stackSetRole, EXTERNAL_ID],
    ]);
    expect(inner.notes[0]).toMatch(/^Deployed to: OU ou-\w+-\w+, OU ou-\w+-\w+ in [a-z0-9-]+, [a-z0-9-]+\.$/);
    const md = renderMarkdown(r);
    expect(md).toContain('No IAM principal, role, policy or role assignment in this stack itself; what it deploys elsewhere follows.');
    expect(mermaidBlocks(md)).toEqual([renderMermaid(inner)]);
  });

  test('PaletteEbsVolumeKeys: the imported volume key is named as a KMS key outside the template, used only through EC2', () => {
    const e = edges(report('PaletteEbsVolumeKeys'));
    const imported = e.find(([, , to]) => to.startsWith('KMS key 1234abcd-12ab-34cd-56ef-1234567890ab'));
    expect(imported?.slice(2)).toEqual([
      'KMS key 1234abcd-12ab-34cd-56ef-1234567890ab / account 111122223333, region us-east-1 / (not in this template)',
      [
        'kms:Encrypt, kms:Decrypt, kms:ReEncrypt*, kms:GenerateDataKey*, kms:DescribeKey',
        'if kms:ViaService = ec2.us-east-1.${AWS::URLSuffix}',
        'kms:CreateGrant',
        'if kms:ViaService = ec2.us-east-1.${AWS::URLSuffix}',
        'if kms:GrantIsForAWSResource is true',
      ],
    ]);
  });

  test('PaletteMinio: no IAM principal at all, and the report says so', () => {
    const r = report('PaletteMinio');
    expect(r.edges).toEqual([]);
    expect(renderMarkdown(r)).toContain('No IAM principal, role, policy or role assignment in this stack: it grants no access.');
    expect(mermaidBlocks(renderMarkdown(r))).toEqual([]);
  });

  test('RudderStackS3: write-only, under rudderstack/ only', () => {
    expect(edges(report('RudderStackS3'))).toEqual([
      ['IAM group / EventBackupsUserGroup976F2A34', 'access', 'S3 bucket / EventBackupsBucket2891E546', ['on objects /rudderstack/*: s3:PutObject, s3:AbortMultipartUpload']],
      ['IAM user / EventBackupsUserCDF4C3B0', 'link', 'IAM group / EventBackupsUserGroup976F2A34', ['member of']],
      ['Holder of access key / EventBackupsUserAccessKey6D68BD33 / stored in secret EventBackupsUserAccessKeySecret7676E30D', 'link', 'IAM user / EventBackupsUserCDF4C3B0', ['signs requests as']],
    ]);
  });

  test.each(['NeonBackup', 'NeonBackupExistingProvider'])('%s: the repository\'s main branch (both subject forms) with aud; the role on neon/ only', (stack) => {
    const r = report(stack);
    const roleLabel = stack === 'NeonBackup'
      ? 'IAM role neon-s3-backup-github-actions / BackupsRoleB7B328EF / Neon Postgres backups from GitHub Actions (OIDC) / sessions up to 1 h'
      : 'IAM role / BackupsRoleB7B328EF / Neon Postgres backups from GitHub Actions (OIDC) / sessions up to 1 h';
    const via = stack === 'NeonBackup' ? 'via token.actions.githubusercontent.com (GitHub38B7EEC4)' : 'via token.actions.githubusercontent.com';
    const trust = ['sts:AssumeRoleWithWebIdentity', 'token.actions.githubusercontent.com:aud = sts.amazonaws.com', '(statement GitHubActionsOidc)'];
    expect(edges(r)).toEqual([
      [`GitHub Actions / repository example-org@1234567/neon-backups@890123456 / branch main / ${via}`, 'assume', roleLabel, trust],
      [`GitHub Actions / repository example-org/neon-backups / branch main / ${via}`, 'assume', roleLabel, trust],
      [roleLabel, 'access', 'S3 bucket / BackupsBucket16A198DF', [
        'on the bucket: s3:ListBucket',
        'if s3:prefix like neon/*',
        'on objects /neon/*: s3:DeleteObject, s3:GetObject, s3:PutObject',
      ]],
    ]);
  });
});

describe('the Terraform examples app (examples/terraform/main.ts)', () => {
  const outdir = synthesizeApp(join(root, 'examples', 'terraform', 'main'), {});
  const written = writeTerraformReports(outdir);
  const config = (stack: string) => JSON.parse(readFileSync(join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
  const report = (stack: string) => terraformAccessReport(config(stack), { title: stack });
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  test('rudderstack-azure: the SAS token\'s holder may write to the container, and nothing else (replay: read, write, list)', () => {
    const holderEdges = (stack: string) => {
      const md = readFileSync(join(outdir, `${stack}.access.md`), 'utf8');
      return md.split('\n').filter((l) => l.includes('-->')).map((l) => /\|"([^"]*)"\|/.exec(l)?.[1].split('<br>')[0]);
    };
    expect(holderEdges('rudderstack-azure')).toEqual(['SAS#58; write']);
    expect(holderEdges('rudderstack-azure-replay')).toEqual(['SAS#58; read, write, list']);
  });

  test('every stack gets stacks/<name>/access.md, listed in ACCESS.md, none flagged', () => {
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
    expect(written.map((w) => w.stack)).toEqual(Object.keys(manifest.stacks));
    // A stack draws a diagram exactly when it grants access (IAM bindings, role assignments, keys,
    // secrets, shared access signatures); the registration stacks (Spectro Cloud resources, data
    // sources that read other stacks) grant none.
    const grantsAccess = (stack: string) => Object.keys(config(stack).resource ?? {})
      .some((t) => /_iam_(member|binding)$|^azurerm_role_assignment$|^google_service_account_key$|_password$|federated_identity_credential$/.test(t))
      || Object.keys(config(stack).data ?? {}).some((t) => /^azurerm_storage_account(_blob_container)?_sas$/.test(t));
    expect(written.filter((w) => !grantsAccess(w.stack)).map((w) => w.stack)).toEqual(expect.arrayContaining(['palette-aws-registration-sts', 'palette-aws-stackset-registration']));
    for (const w of written) {
      expect(w.file).toBe(join(outdir, `${w.stack}.access.md`));
      expect(w.findings).toBe(0);
      expect(readFileSync(w.file, 'utf8')).toContain(grantsAccess(w.stack) ? '```mermaid\nflowchart LR\n' : 'No IAM principal, role, policy or role assignment in this stack: it grants no access.');
    }
    expect(readFileSync(join(outdir, 'ACCESS.md'), 'utf8')).toContain('| [palette-gcp](palette-gcp.access.md) | none | none |');
  });

  test('palette-gcp: the key holder acts as the service account, which has the custom role on the one bucket', () => {
    expect(edges(report('palette-gcp'))).toEqual([
      ['Holder of the JSON key / google_service_account_key.PaletteBackups_Key_421B140E', 'link', 'GCP service account palette-velero / google_service_account.PaletteBackups_ServiceAccount_970CDD2B', ['authenticates as']],
      ['GCP service account palette-velero / google_service_account.PaletteBackups_ServiceAccount_970CDD2B', 'access', 'GCS bucket acme-palette-backups / google_storage_bucket.PaletteBackups_Bucket_70920DEB', [
        'custom role palette_velero.objects (google_project_iam_custom_role.PaletteBackups_ObjectsRole_16B7D806):',
        'storage.objects.create, storage.objects.delete, storage.objects.get, storage.objects.list',
      ]],
    ]);
  });

  test('rudderstack-gcs: create and get only', () => {
    expect(edges(report('rudderstack-gcs'))[1]).toEqual([
      'GCP service account rudderstack-events / google_service_account.EventBackups_ServiceAccount_B1975382', 'access', 'GCS bucket acme-rudderstack-event-backups / google_storage_bucket.EventBackups_Bucket_851C84A9', [
        'custom role rudderstack_events.eventWriter (google_project_iam_custom_role.EventBackups_EventWriterRole_BD466D50):',
        'storage.objects.create, storage.objects.get',
      ],
    ]);
  });

  test('palette-azure: the client secret holder signs in as the service principal: blob data on the container, list keys on the account', () => {
    const sp = 'Azure service principal Palette backup location (palette-azure/Backups/ServicePrincipal) / azuread_service_principal.Backups_ServicePrincipal_5A277317';
    expect(edges(report('palette-azure'))).toEqual([
      ['Holder of the client secret / azuread_application_password.Backups_ServicePrincipal_ClientSecret_0A9112C1', 'link', sp, ['signs in as']],
      [sp, 'access', 'Azure blob container palette-backups / azurerm_storage_container.Backups_Container_2081A9F8', ['built-in role Storage Blob Data Contributor (ba92f5b4-2d11-453d-a403-e96b0029c9fe)']],
      [sp, 'access', 'Azure storage account palettebackups0001 / azurerm_storage_account.Backups_StorageAccount_1FEC0B54', [
        'custom role Palette Velero storage account keys (palettebackups0001) (azurerm_role_definition.Backups_ListKeysRole_411AAA00):',
        'Microsoft.Storage/storageAccounts/listkeys/action',
      ]],
    ]);
  });

  test('palette-azure: listkeys is explained (the shared keys reach every container)', () => {
    expect(report('palette-azure').notes).toEqual([
      'azurerm_role_assignment.Backups_ListKeys_4218FCAC: listkeys gives Azure service principal Palette backup location (palette-azure/Backups/ServicePrincipal) azuread_service_principal.Backups_ServicePrincipal_5A277317 the storage account\'s shared keys, which reach every container of Azure storage account palettebackups0001 azurerm_storage_account.Backups_StorageAccount_1FEC0B54 (unless shared key access is disabled).',
    ]);
  });

  test('palette-azure-existing: the existing principal, and the snapshot role on the cluster\'s disk resource group', () => {
    const e = edges(report('palette-azure-existing'));
    const sp = 'Azure ServicePrincipal / object id 3f2b7c1e-8a4d-4e6f-9b0a-1c2d3e4f5a6b / (not in this configuration)';
    expect(e.map(([from]) => from)).toEqual([sp, sp, sp]);
    expect(e[2]).toEqual([sp, 'access', 'existing Azure resource group MC_platform_aks_westeurope / data.azurerm_resource_group.Disks_Lookup_20B4DC62', [
      'custom role Palette Velero volume snapshots (platformbackups0001) (azurerm_role_definition.Backups_VolumeSnapshotRole_6D64B50E):',
      'Microsoft.Compute/disks/read, Microsoft.Compute/disks/write, Microsoft.Compute/disks/endGetAccess/action, Microsoft.Compute/disks/beginGetAccess/action, Microsoft.Compute/snapshots/read, Microsoft.Compute/snapshots/write, Microsoft.Compute/snapshots/delete',
    ]]);
  });
});

describe('derived from the synthesized template, not from props', () => {
  test('a statement added through an escape hatch shows up, and an unpinned * is flagged', () => {
    const stack = new Stack(new App(), 'EscapeHatch');
    const bucket = new s3.Bucket(stack, 'Bucket');
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.AccountPrincipal('000000000000').withConditions({ StringEquals: { 'sts:ExternalId': 'x' } }) });
    bucket.grantRead(role);
    role.assumeRolePolicy?.addStatements(new iam.PolicyStatement({ actions: ['sts:AssumeRole'], principals: [new iam.AnyPrincipal()] }));
    const r = cfnAccessReport(Template.fromStack(stack).toJSON(), { title: 'EscapeHatch' });
    expect(messages(r)).toEqual(['AWS::IAM::Role Role1ABCC5F0 trust policy · statement 2: Principal {"AWS": "*"}: Principal * not pinned by aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:PrincipalAccount or aws:PrincipalArn.']);
    expect(edges(r).filter(([, style]) => style === 'assume')).toEqual([
      ['AWS account 000000000000 / root: any principal the account allows', 'assume', 'IAM role / Role1ABCC5F0', ['sts:AssumeRole', 'sts:ExternalId = x']],
      ['ANYONE / Principal * with nothing pinning it', 'assume', 'IAM role / Role1ABCC5F0', ['sts:AssumeRole']],
    ]);
    const diagram = renderMermaid(r);
    expect(diagram).toContain('  N_anyone ==>|"sts#58;AssumeRole"| N_Role1ABCC5F0');
    expect(diagram).toContain('  class N_anyone unsafe');
    expect(renderMarkdown(r)).toContain('- **FLAGGED** `principal-not-pinned` AWS::IAM::Role Role1ABCC5F0 trust policy · statement 2: Principal {"AWS": "*"}: Principal * not pinned by aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:PrincipalAccount or aws:PrincipalArn.');
  });
});

describe('conditions aws-cdk-lib writes through CfnJson (token keys)', () => {
  test('an EKS service account trusted with the issuer of a provider of the stack', () => {
    const stack = new Stack(new App(), 'Eks');
    const provider = new iam.OpenIdConnectProvider(stack, 'Cluster', { url: 'https://oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789', clientIds: ['sts.amazonaws.com'] });
    const condition = new CfnJson(stack, 'Condition', {
      value: {
        [`${provider.openIdConnectProviderIssuer}:sub`]: 'system:serviceaccount:velero:velero-server',
        [`${provider.openIdConnectProviderIssuer}:aud`]: 'sts.amazonaws.com',
      },
    });
    new iam.Role(stack, 'Role', { assumedBy: new iam.FederatedPrincipal(provider.openIdConnectProviderArn, { StringEquals: condition }, 'sts:AssumeRoleWithWebIdentity') });
    const json = Template.fromStack(stack).toJSON();
    const role = Object.entries<any>(json.Resources).find(([id]) => id.startsWith('Role'))?.[1];
    expect(role.Properties.AssumeRolePolicyDocument.Statement[0].Condition.StringEquals['Fn::GetAtt'][1]).toBe('Value');
    const r = cfnAccessReport(json, { title: 'Eks' });
    expect(messages(r)).toEqual([]);
    // The custom resources' Lambda roles are drawn too (the report shows every role of the template).
    expect(edges(r).filter(([, , to]) => to.startsWith('IAM role / Role'))).toEqual([[
      'EKS service account / velero/velero-server / cluster OIDC id ABCDEF0123456789 (eu-west-1) / via oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789 (ClusterEB0386A7)',
      'assume',
      'IAM role / Role1ABCC5F0',
      ['sts:AssumeRoleWithWebIdentity', '${Select(1, ${Split(:oidc-provider/, ${ClusterEB0386A7})})}:aud = sts.amazonaws.com'],
    ]]);
    expect(r.notes).toContain('AWS::IAM::Role CustomAWSCDKOpenIdConnectProviderCustomResourceProviderRole517FED65 attaches managed policy arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole: its statements are not in this template.');
  });
});

/** A template with one role whose trust policy is `statement`. */
function roleTemplate(statement: any) {
  return { Resources: { Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [statement] } } } } };
}

describe('hand-made trust policies', () => {
  const eksIssuer = 'oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789';
  const eksProvider = `arn:aws:iam::111122223333:oidc-provider/${eksIssuer}`;
  test.each<[string, any, string[], string[]]>([
    ['Principal * without condition', { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: '*' } },
      ['ANYONE / Principal * with nothing pinning it'], ['AWS::IAM::Role Role trust policy · statement 1: Principal {"AWS": "*"}: Principal * not pinned by aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:PrincipalAccount or aws:PrincipalArn.']],
    ['Principal "*" (the string form)', { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: '*' },
      ['ANYONE / Principal * with nothing pinning it'], ['AWS::IAM::Role Role trust policy · statement 1: Principal {"AWS": "*"}: Principal * not pinned by aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:PrincipalAccount or aws:PrincipalArn.']],
    ['Principal * with a condition that pins nothing', { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: '*' }, Condition: { StringEquals: { 'sts:ExternalId': 'x' } } },
      ['ANYONE / Principal * with nothing pinning it'], ['AWS::IAM::Role Role trust policy · statement 1: Principal {"AWS": "*"}: Principal * not pinned by aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:PrincipalAccount or aws:PrincipalArn.']],
    ['Principal * pinned to an organization', { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: '*' }, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } },
      ['Any principal in AWS organization / o-abc123'], []],
    ['Principal * pinned to OU paths', { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: '*' }, Condition: { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': ['o-a1b2c3d4e5/r-1/ou-1/*', 'o-a1b2c3d4e5/r-1/ou-2/*'] } } },
      // An organization ID is "o-" and 10 to 32 letters and digits: a path of one pins the caller (trust-predicates.ts).
      ['Any principal in organization path / o-a1b2c3d4e5/r-1/ou-1/*', 'Any principal in organization path / o-a1b2c3d4e5/r-1/ou-2/*'], []],
    ['Principal * pinned to two accounts', { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: '*' }, Condition: { StringEquals: { 'aws:PrincipalAccount': ['111111111111', '222222222222'] } } },
      ['Any principal in AWS account / 111111111111', 'Any principal in AWS account / 222222222222'], []],
    ['Principal * with StringNotEquals on the org (pins nothing)', { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: '*' }, Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } },
      ['ANYONE / Principal * with nothing pinning it'], ['AWS::IAM::Role Role trust policy · statement 1: Principal {"AWS": "*"}: Principal * not pinned by aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:PrincipalAccount or aws:PrincipalArn.']],
    ['Principal * pinned to OU paths of one organization (both must hold: one node)', {
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      Principal: { AWS: '*' },
      Condition: { 'StringEquals': { 'aws:PrincipalOrgID': 'o-abc' }, 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': ['o-abc/r-1/ou-1/*', 'o-abc/r-1/ou-2/*'] } },
    }, ['Any principal / in AWS organization o-abc / and in organization path o-abc/r-1/ou-1/* or o-abc/r-1/ou-2/*'], []],
    ['Principal * pinned to accounts of one organization', {
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      Principal: { AWS: '*' },
      Condition: { StringEquals: { 'aws:PrincipalAccount': Array.from({ length: 10 }, (_, i) => String(200000000000 + i)), 'aws:PrincipalOrgID': 'o-abc' } },
    }, ['Any principal / in AWS account 200000000000, 200000000001, 200000000002 and 7 more / and in AWS organization o-abc'], []],
    ['an IAM user', { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: 'arn:aws:iam::111122223333:user/deployer' } },
      ['IAM user deployer / in account 111122223333'], []],
    ['an account ID', { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: '111122223333' } },
      ['AWS account 111122223333 / root: any principal the account allows'], []],
    ['EKS service account, exact', {
      Effect: 'Allow',
      Action: 'sts:AssumeRoleWithWebIdentity',
      Principal: { Federated: eksProvider },
      Condition: { StringEquals: { [`${eksIssuer}:sub`]: 'system:serviceaccount:velero:velero-server', [`${eksIssuer}:aud`]: 'sts.amazonaws.com' } },
    }, [`EKS service account / velero/velero-server / cluster OIDC id ABCDEF0123456789 (eu-west-1) / via ${eksIssuer}`], []],
    ['EKS service account, namespace pattern', {
      Effect: 'Allow',
      Action: 'sts:AssumeRoleWithWebIdentity',
      Principal: { Federated: eksProvider },
      Condition: { StringLike: { [`${eksIssuer}:sub`]: 'system:serviceaccount:cluster-*:velero-server' }, StringEquals: { [`${eksIssuer}:aud`]: 'sts.amazonaws.com' } },
    }, [`EKS service account / cluster-*/velero-server / cluster OIDC id ABCDEF0123456789 (eu-west-1) / via ${eksIssuer}`], []],
    ['EKS without sub', {
      Effect: 'Allow',
      Action: 'sts:AssumeRoleWithWebIdentity',
      Principal: { Federated: eksProvider },
      Condition: { StringEquals: { [`${eksIssuer}:aud`]: 'sts.amazonaws.com' } },
    }, [`ANY identity of / ${eksIssuer} / no sub condition`], [`AWS::IAM::Role Role trust policy · statement 1: the web identity of "${eksIssuer}" has no "${eksIssuer}:sub" condition (StringEquals or StringLike), `
      + 'so every token of the provider may assume the role. Require the subject: system:serviceaccount:NAMESPACE:NAME.']],
    ['GitHub with sub *', {
      Effect: 'Allow',
      Action: 'sts:AssumeRoleWithWebIdentity',
      Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' },
      Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': '*' } },
    }, ['GitHub Actions / sub * / via token.actions.githubusercontent.com'], [
      'AWS::IAM::Role Role trust policy · statement 1: the "token.actions.githubusercontent.com:sub" condition does not pin the subject: "*": a lone wildcard would trust every repository on GitHub.',
      'AWS::IAM::Role Role trust policy · statement 1: the web identity of "token.actions.githubusercontent.com" does not require "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com". '
        + 'Add it with StringEquals.',
    ]],
    ['GitHub environment', {
      Effect: 'Allow',
      Action: 'sts:AssumeRoleWithWebIdentity',
      Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' },
      Condition: { StringEquals: { 'token.actions.githubusercontent.com:sub': 'repo:acme/db:environment:prod', 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } },
    }, ['GitHub Actions / repository acme/db / environment prod / via token.actions.githubusercontent.com'], []],
    ['NotPrincipal', { Effect: 'Allow', Action: 'sts:AssumeRole', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' } },
      ['Anyone except / {"AWS":"arn:aws:iam::111122223333:root"}'], ['AWS::IAM::Role Role trust policy · statement 1: NotPrincipal in an Allow statement trusts everyone it does not list.']],
  ])('%s', (_name, statement, who, findings) => {
    const r = cfnAccessReport(roleTemplate(statement), { title: 'hand-made' });
    expect(edges(r).map(([from]) => from)).toEqual(who);
    expect(messages(r)).toEqual(findings);
    for (const id of r.edges.map((e) => e.from)) {
      const flag = r.nodes.get(id)?.flag;
      expect(flag === 'unsafe').toBe(findings.length > 0);
    }
  });

  test('a compact list of 120 accounts is one node; the table still names every account', () => {
    const accounts = Array.from({ length: 120 }, (_, i) => String(100000000000 + i));
    const r = cfnAccessReport(roleTemplate({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: '*' }, Condition: { StringEquals: { 'aws:PrincipalAccount': accounts } } }), { title: 'compact' });
    expect(edges(r)).toEqual([['Any principal in AWS account (one of 120) / 100000000000, 100000000001, 100000000002 and 117 more / (all listed in the table)', 'assume', 'IAM role / Role', ['sts:AssumeRole']]]);
    expect(r.rows[0].conditions).toEqual([`aws:PrincipalAccount in [${accounts.join(', ')}]`]);
    expect(messages(r)).toEqual([]);
  });

  test('a bucket policy that lets anyone read, and a wildcard identity policy, are flagged', () => {
    const r = cfnAccessReport({
      Resources: {
        B: { Type: 'AWS::S3::Bucket' },
        P: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: 'B' }, PolicyDocument: { Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['B', 'Arn'] }, '/*']] } }] } } },
        U: { Type: 'AWS::IAM::User', Properties: { Policies: [{ PolicyName: 'all', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] } }] } },
      },
    }, { title: 'unsafe' });
    expect(messages(r)).toEqual([
      'AWS::S3::BucketPolicy P · statement 1: Principal * not pinned by aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:PrincipalAccount or aws:PrincipalArn.',
      'AWS::IAM::User U inline policy all · statement 1: Allow s3:*.',
    ]);
    expect(edges(r)).toEqual([
      ['ANYONE / Principal * with nothing pinning it', 'access', 'S3 bucket / B', ['on objects /*: s3:GetObject']],
      ['IAM user / U', 'access', ANY, ['s3:*']],
    ]);
    expect(r.edges.every((e) => e.flagged)).toBe(true);
  });
});

test('an attached AdministratorAccess is flagged; another AWS managed policy is listed, not flagged', () => {
  const r = cfnAccessReport({
    Resources: {
      Admin: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [] }, ManagedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'] } },
      Logs: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [] }, ManagedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'] } },
    },
  }, { title: 'managed' });
  expect(messages(r)).toEqual(['AWS::IAM::Role Admin: attaches the broad managed policy arn:aws:iam::aws:policy/AdministratorAccess.']);
  expect(r.notes).toEqual(['AWS::IAM::Role Logs attaches managed policy arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole: its statements are not in this template.']);
  expect(r.edges.map((e) => e.flagged)).toEqual([true, false]);
});

test('a permissions boundary is noted; a console password holder signs in as the user', () => {
  const r = cfnAccessReport({
    Resources: {
      U: { Type: 'AWS::IAM::User', Properties: { LoginProfile: { Password: 'x' }, PermissionsBoundary: 'arn:aws:iam::111122223333:policy/Boundary' } },
    },
  }, { title: 'user' });
  expect(r.notes).toEqual(['AWS::IAM::User U has the permissions boundary arn:aws:iam::111122223333:policy/Boundary: it may do only what both its policies and the boundary allow.']);
  expect(edges(r)).toEqual([['Holder of the console password / U', 'link', 'IAM user / U', ['signs in to the console as']]]);
});

describe('StackSets: the inline TemplateBody is its own section', () => {
  const inner = roleTemplate({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: 'arn:aws:iam::000000000000:root' }, Condition: { StringEquals: { 'sts:ExternalId': 'palette-ext' } } });
  test.each<[string, unknown]>([
    ['a JSON string', JSON.stringify(inner)],
    ['a Fn::Join of strings', { 'Fn::Join': ['', [JSON.stringify(inner).slice(0, 20), JSON.stringify(inner).slice(20)]] }],
  ])('TemplateBody as %s', (_name, body) => {
    const r = cfnAccessReport({
      Resources: {
        Set: {
          Type: 'AWS::CloudFormation::StackSet',
          Properties: {
            StackSetName: 'palette-backups',
            PermissionModel: 'SERVICE_MANAGED',
            TemplateBody: body,
            StackInstancesGroup: [{ DeploymentTargets: { OrganizationalUnitIds: ['ou-aaaa-11111111'] }, Regions: ['eu-west-1', 'us-east-1'] }],
          },
        },
      },
    }, { title: 'Admin' });
    expect(r.edges).toEqual([]);
    expect(r.sections).toHaveLength(1);
    expect(r.sections[0].title).toBe('StackSet Set (palette-backups): the stack every target account gets');
    expect(r.sections[0].notes).toEqual(['Deployed to: OU ou-aaaa-11111111 in eu-west-1, us-east-1.']);
    expect(edges(r.sections[0])).toEqual([['AWS account 000000000000 / root: any principal the account allows', 'assume', 'IAM role / Role', ['sts:AssumeRole', 'sts:ExternalId = palette-ext']]]);
    const md = renderMarkdown(r);
    expect(md).toContain('\n## StackSet Set (palette-backups): the stack every target account gets\n');
    expect(mermaidBlocks(md)).toHaveLength(1);
  });

  test('a TemplateBody that is not JSON is a finding, not silence', () => {
    const r = cfnAccessReport({ Resources: { Set: { Type: 'AWS::CloudFormation::StackSet', Properties: { TemplateBody: 'Resources:\n  R: {}' } } } }, { title: 'Admin' });
    expect(messages(r)).toEqual([expect.stringMatching(/^AWS::CloudFormation::StackSet Set: its TemplateBody is not JSON \(.+\), so its access is not reported here: review it by hand\.$/)]);
  });
});

describe('hand-made Terraform', () => {
  test('allUsers on a bucket, a project-wide role and a broad Azure role are flagged', () => {
    const r = terraformAccessReport({
      resource: {
        google_storage_bucket: { b: { name: 'open' } },
        google_storage_bucket_iam_member: { pub: { bucket: '${google_storage_bucket.b.name}', role: 'roles/storage.objectViewer', member: 'allUsers' } },
        google_project_iam_member: { p: { project: 'acme', role: 'roles/storage.objectAdmin', member: 'user:alice@example.com' } },
        azurerm_role_assignment: { owner: { principal_id: '00000000-0000-0000-0000-000000000001', principal_type: 'User', role_definition_name: 'Owner', scope: '/subscriptions/sub-1' } },
      },
    }, { title: 'unsafe' });
    expect(messages(r)).toEqual([
      'google_storage_bucket_iam_member.pub: member allUsers.',
      'google_project_iam_member.p: roles/storage.objectAdmin on the whole project.',
      'azurerm_role_assignment.owner: built-in role Owner on Azure subscription /subscriptions/sub-1.',
    ]);
    expect(edges(r).map(([from, , to]) => [from, to])).toEqual([
      ['ANYONE / allUsers', 'GCS bucket open / google_storage_bucket.b'],
      ['Google user / alice@example.com', 'GCP project / acme / every resource in it'],
      ['Azure User / object id 00000000-0000-0000-0000-000000000001 / (not in this configuration)', 'Azure subscription / /subscriptions/sub-1'],
    ]);
  });

  test('GKE workload identity on a service account is an assume edge', () => {
    const r = terraformAccessReport({
      resource: {
        google_service_account: { sa: { account_id: 'velero' } },
        google_service_account_iam_member: { wi: { service_account_id: '${google_service_account.sa.name}', role: 'roles/iam.workloadIdentityUser', member: 'serviceAccount:acme.svc.id.goog[velero/velero-server]' } },
      },
    }, { title: 'wi' });
    expect(edges(r)).toEqual([['GKE workload identity / Kubernetes service account velero/velero-server / pool acme.svc.id.goog', 'assume', 'GCP service account velero / google_service_account.sa', ['roles/iam.workloadIdentityUser: may act as this service account']]]);
    expect(messages(r)).toEqual([]);
  });
});

describe('pure helpers', () => {
  test.each<[string, string]>([
    ['"quoted"', '#quot;quoted#quot;'],
    ['bucket/*', 'bucket/#42;'],
    ['sts:ExternalId', 'sts#58;ExternalId'],
    ['[a] {b} (c)', '#91;a#93; #123;b#125; #40;c#41;'],
    ['a|b;c#d', 'a#124;b#59;c#35;d'],
    ['<script>&', '#60;script#62;#38;'],
    ['plain text, dots. and-dashes_ok @ 1/2', 'plain text, dots. and-dashes_ok @ 1/2'],
  ])('mermaidText(%j) = %j', (input, expected) => {
    expect(mermaidText(input)).toBe(expected);
  });

  test.each<[string, unknown, unknown]>([
    ['Ref', { Ref: 'Bucket' }, '${Bucket}'],
    ['pseudo parameter', { Ref: 'AWS::AccountId' }, '${AWS::AccountId}'],
    ['GetAtt', { 'Fn::GetAtt': ['Role', 'Arn'] }, '${Role.Arn}'],
    ['Join', { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::1:root']] }, 'arn:${AWS::Partition}:iam::1:root'],
    ['Sub with a variable', { 'Fn::Sub': ['${Prefix}-${AWS::Region}', { Prefix: 'backups' }] }, 'backups-${AWS::Region}'],
    ['Sub with a literal ${!}', { 'Fn::Sub': 'a-${!Literal}' }, 'a-${Literal}'],
    ['nested object', { A: [{ Ref: 'X' }] }, { A: ['${X}'] }],
  ])('renderCfnValue: %s', (_name, input, expected) => {
    expect(renderCfnValue(input)).toEqual(expected);
  });

  test.each<[unknown, string[]]>([
    [{ StringEquals: { 'sts:ExternalId': 'x' } }, ['sts:ExternalId = x']],
    [{ StringEquals: { 'a:sub': ['1', '2'] } }, ['a:sub in [1, 2]']],
    [{ StringLike: { 'a:sub': ['1*', '2*'] } }, ['a:sub like any of [1*, 2*]']],
    [{ 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o/r/ou/*' } }, ['any of aws:PrincipalOrgPaths like o/r/ou/*']],
    [{ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }, ['aws:MultiFactorAuthPresent is true']],
    [{ NumericLessThan: { 's3:TlsVersion': 1.2 } }, ['s3:TlsVersion < 1.2']],
    [{ StringEqualsIfExists: { 'aws:SourceAccount': '1' } }, ['aws:SourceAccount = 1 (if present)']],
  ])('iamConditions(%j)', (condition, expected) => {
    expect(iamConditions(condition).map((c) => c.text)).toEqual(expected);
  });

  test('node ids depend on the key only, are Mermaid-safe, and distinct keys never share one', () => {
    expect(nodeId('BackupLocationRole6A804BBF')).toBe('N_BackupLocationRole6A804BBF');
    expect(nodeId('account:111122223333')).toBe(nodeId('account:111122223333'));
    expect(nodeId('a.b_c')).not.toBe(nodeId('a_b.c'));
    expect(nodeId('sub:x:repo:o/r:ref:refs/heads/main')).toMatch(/^N_[A-Za-z0-9_]+$/);
  });
});

