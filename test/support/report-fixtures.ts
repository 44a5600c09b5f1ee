/** Small synthesized outputs for the report's tests (a cdk.out and a cdktf.out). */
import { folderWith } from './files';

const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });

/** A trust statement that lets every AWS principal in (flagged). */
export const OPEN_TRUST = doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' });
/** A trust statement of one account (not flagged). */
export const ACCOUNT_TRUST = doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' });

export const role = (trust: object, extra: object = {}) => ({ Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: trust, ...extra } });

/**
 * A cdk.out: stack Clean (one account trusts), stack Open (`*` trusts), and a stage with stack Inner
 * whose nested stack's template is beside it (aws:asset:path), plus a nested stack whose template is not.
 */
export function cdkOut(): string {
  return folderWith('cdk-out-', {
    'manifest.json': JSON.stringify({
      version: '36.0.0',
      artifacts: {
        'Clean': { type: 'aws:cloudformation:stack', properties: { templateFile: 'Clean.template.json' } },
        'Open': { type: 'aws:cloudformation:stack', displayName: 'Stage/Open', properties: { templateFile: 'Open.template.json' } },
        'assembly-Stage': { type: 'cdk:cloud-assembly', properties: { directoryName: 'assembly-Stage' } },
        'Tree': { type: 'cdk:tree', properties: { file: 'tree.json' } },
      },
    }),
    'Clean.template.json': JSON.stringify({ Resources: { Reader: role(ACCOUNT_TRUST) } }, undefined, 1),
    'Open.template.json': JSON.stringify({ Resources: { Anyone: role(OPEN_TRUST) } }, undefined, 1),
    'assembly-Stage/manifest.json': JSON.stringify({
      version: '36.0.0',
      artifacts: { Inner: { type: 'aws:cloudformation:stack', properties: { templateFile: 'Inner.template.json' } } },
    }),
    'assembly-Stage/Inner.template.json': JSON.stringify({
      Resources: {
        ChildNestedStackResource1: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'https://example/child.json' }, Metadata: { 'aws:asset:path': 'InnerChild.nested.template.json' } },
        GoneNestedStackResource2: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'https://example/gone.json' } },
      },
    }),
    'assembly-Stage/InnerChild.nested.template.json': JSON.stringify({ Resources: { ChildRole: role(OPEN_TRUST) } }),
  });
}

/** A cdktf.out with one stack: a GCS bucket readable by allUsers. */
export function cdktfOut(): string {
  return folderWith('cdktf-out-', {
    'manifest.json': JSON.stringify({ version: '0.21.0', stacks: { public: { synthesizedStackPath: 'stacks/public/cdk.tf.json' } } }),
    'stacks/public/cdk.tf.json': JSON.stringify({
      resource: {
        google_storage_bucket: { backups: { name: 'backups' } },
        google_storage_bucket_iam_member: { all: { bucket: '${google_storage_bucket.backups.name}', role: 'roles/storage.objectViewer', member: 'allUsers' } },
      },
    }, undefined, 1),
  });
}
