/** The Terraform reader on hand-made configurations (google, azurerm, azuread, aws). */
import { awsTemplateOfTerraform, terraformAccessReport } from '../../src/report/terraform';

const report = (resource: object, data: object = {}) => terraformAccessReport({ resource, data }, { title: 't' });
const rules = (r: ReturnType<typeof report>) => [...r.findings, ...r.sections.flatMap((s) => s.findings)].map((f) => `${f.rule} ${f.resource}`);
const unknowns = (r: ReturnType<typeof report>) => [...r.unknowns, ...r.sections.flatMap((s) => s.unknowns)].map((f) => f.resource);

describe('GCP', () => {
  test.each([
    ['allUsers on a bucket', { google_storage_bucket_iam_member: { m: { bucket: 'b', role: 'roles/storage.objectViewer', member: 'allUsers' } } }, ['public-member google_storage_bucket_iam_member.m'], []],
    ['a role on a whole folder', { google_folder_iam_binding: { b: { folder: 'folders/123', role: 'roles/viewer', members: ['group:ops@example.com'] } } }, ['broad-role google_folder_iam_binding.b'], []],
    ['a role on a whole organization', { google_organization_iam_member: { m: { org_id: '123', role: 'roles/viewer', member: 'user:a@example.com' } } }, ['broad-role google_organization_iam_member.m'], []],
    ['a member made of a variable', { google_storage_bucket_iam_member: { m: { bucket: 'b', role: 'roles/storage.objectViewer', member: '${var.member}' } } }, [], ['google_storage_bucket_iam_member.m']],
    ['a bucket role for a service account of the configuration', {
      google_service_account: { sa: { account_id: 'velero' } },
      google_storage_bucket: { b: { name: 'backups' } },
      google_storage_bucket_iam_member: { m: { bucket: '${google_storage_bucket.b.name}', role: 'roles/storage.objectAdmin', member: 'serviceAccount:${google_service_account.sa.email}' } },
    }, [], []],
  ])('%s', (_what, resource, findings, unknown) => {
    const r = report(resource);
    expect(rules(r)).toEqual(findings);
    expect(unknowns(r)).toEqual(unknown);
  });
});

describe('Azure scopes', () => {
  const assignment = (scope: string) => ({ azurerm_role_assignment: { a: { scope, role_definition_name: 'Reader', principal_id: '00000000-0000-0000-0000-000000000001' } } });
  test.each([
    ['a subscription, interpolated', '/subscriptions/${var.subscription_id}', 'a whole subscription'],
    ['a subscription', '/subscriptions/00000000-0000-0000-0000-000000000000', 'a whole subscription'],
    ['a management group', '/providers/Microsoft.Management/managementGroups/root', 'a whole management group'],
    ['the tenant root', '/', 'a whole tenant (root scope /)'],
  ])('%s is flagged', (_what, scope, breadth) => {
    const r = report(assignment(scope));
    expect(r.findings.map((f) => f.message)).toEqual([expect.stringContaining(`built-in role Reader on ${breadth}`)]);
  });

  test('a storage container is not', () => {
    expect(report(assignment('/subscriptions/s/resourceGroups/g/providers/Microsoft.Storage/storageAccounts/a/blobServices/default/containers/c')).findings).toEqual([]);
  });

  test('an interpolated scope is unknown as well as flagged', () => {
    expect(unknowns(report(assignment('/subscriptions/${var.subscription_id}')))).toEqual(['azurerm_role_assignment.a']);
  });
});

describe('AWS resources in Terraform', () => {
  test('a role, its policy and an attachment become a CloudFormation section, read by the same reader', () => {
    const resource = {
      aws_iam_role: { open: { name: 'open', assume_role_policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] }) } },
      aws_iam_policy: { admin: { name: 'admin', policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }) } },
      aws_iam_role_policy_attachment: { a: { role: '${aws_iam_role.open.name}', policy_arn: '${aws_iam_policy.admin.arn}' } },
    };
    const r = report(resource);
    expect(r.sections.map((s) => s.title)).toEqual(['t: AWS resources']);
    expect(rules(r).sort()).toEqual(['principal-not-pinned awsiamroleopen', 'wildcard-action awsiampolicyadmin']);
  });

  test('a trust policy from a data source is unknown, never safe', () => {
    const r = report({ aws_iam_role: { r: { name: 'r', assume_role_policy: '${data.aws_iam_policy_document.trust.json}' } } });
    expect(rules(r)).toEqual([]);
    expect(unknowns(r)).toEqual(['awsiamroler']);
  });

  test('no aws_* IAM resource: no section', () => {
    expect(awsTemplateOfTerraform({ resource: { google_storage_bucket: { b: {} } } })).toBeUndefined();
  });
});

describe('Azure shared access signatures and account keys', () => {
  const account = { azurerm_storage_account: { a: { name: 'rudderstackevents' } }, azurerm_storage_container: { c: { name: 'events', storage_account_id: '${azurerm_storage_account.a.id}' } } };
  const sas = (permissions: object) => ({
    azurerm_storage_account_blob_container_sas: {
      t: {
        connection_string: '${azurerm_storage_account.a.primary_connection_string}',
        container_name: '${azurerm_storage_container.c.name}',
        https_only: true,
        start: '2026-12-01T00:00:00Z',
        expiry: '2027-06-01T00:00:00Z',
        permissions: [permissions],
      },
    },
  });
  const edgesOf = (r: ReturnType<typeof report>) => r.edges.map((e) => [r.nodes.get(e.from)?.lines[0], r.nodes.get(e.to)?.lines[0], ...e.entries]);

  test('a write-only container SAS: its holder may write to that container, HTTPS only, until it expires', () => {
    const r = report(account, sas({ read: false, add: false, create: false, write: true, delete: false, list: false }));
    expect(edgesOf(r)).toEqual([['Holder of the SAS token', 'Azure blob container events', ['SAS: write', 'HTTPS only', 'from 2026-12-01T00:00:00Z', 'until 2027-06-01T00:00:00Z']]]);
    expect(r.rows).toEqual([expect.objectContaining({ principal: 'holder of data.azurerm_storage_account_blob_container_sas.t', actions: ['blob write'], source: 'data.azurerm_storage_account_blob_container_sas.t' })]);
  });

  test('replay adds read and list; delete marks the holder broad', () => {
    expect(edgesOf(report(account, sas({ read: true, write: true, list: true })))[0][2]).toEqual(['SAS: read, write, list', 'HTTPS only', 'from 2026-12-01T00:00:00Z', 'until 2027-06-01T00:00:00Z']);
    const r = report(account, sas({ write: true, delete: true }));
    expect([...r.nodes.values()].find((n) => n.lines[0] === 'Holder of the SAS token')?.flag).toBe('broad');
  });

  test('an output that hands out the account key: its holder has full control of the account', () => {
    const r = terraformAccessReport({ resource: account, output: { key: { value: '${azurerm_storage_account.a.primary_access_key}', sensitive: true } } }, { title: 't' });
    expect(edgesOf(r)).toEqual([['Holder of the storage account key', 'Azure storage account rudderstackevents', ['Shared Key: full control of the account']]]);
  });
});
