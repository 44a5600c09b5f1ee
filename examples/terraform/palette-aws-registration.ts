// Registering an AWS Palette backup location in Palette with Terraform, end to end: no pasting and no
// CloudFormation tokens. Deploy the CDK stack first (examples/aws: PaletteSingleAccountSts for STS,
// PaletteStaticCredentials for Credentials; both have createOutputs: true), then apply this stack:
//
//   npx cdk deploy PaletteSingleAccountSts            (or PaletteStaticCredentials)
//   export SPECTROCLOUD_APIKEY=...                    (the spectrocloud provider's key; never in code)
//   terraform -chdir=cdktf.out/stacks/palette-aws-registration-sts init && terraform -chdir=... apply
//
// Terraform reads the stack's outputs (PaletteLocationName, PaletteBucketName, PaletteRegion,
// PaletteRoleArn, PaletteExternalId, PaletteAccessKeySecretArn: stable names, see the README's wizard
// map) with the aws_cloudformation_stack data source and, for Credentials, the access key from Secrets
// Manager with aws_secretsmanager_secret_version; SpectroCloudArguments.aws() turns them into the
// arguments of spectrocloud_backup_storage_location, which Palette validates when it is created.
// The AWS and spectrocloud providers are declared as raw cdktf classes (no generated bindings).
import { Fn, S3Backend, TerraformDataSource, TerraformProvider, TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import { PaletteLocationContext, SpectroCloudArguments } from 'saas-backup-constructs';
import { SpectroCloudBackupStorageLocation, SpectroCloudProvider } from './spectrocloud';

/** The hashicorp/aws provider, without generated bindings. */
class AwsProvider extends TerraformProvider {
  constructor(scope: Construct, id: string, private readonly region: string) {
    super(scope, id, {
      terraformResourceType: 'aws',
      terraformGeneratorMetadata: { providerName: 'aws', providerVersionConstraint: '~> 6.0' },
      terraformProviderSource: 'hashicorp/aws',
    });
  }

  protected synthesizeAttributes(): { [name: string]: unknown } {
    return { region: this.region };
  }
}

/** How Palette authenticates, as in the CDK stack. */
export enum PaletteAwsRegistrationMethod {
  /** STS: the role's ARN and the external ID from the stack's outputs. */
  STS = 'sts',
  /** Credentials: the access key read from the secret named by the stack's outputs. */
  CREDENTIALS = 'credentials',
}

export interface PaletteAwsRegistrationStackProps {
  /** The deployed CloudFormation stack of the PaletteBackupLocation (with createOutputs: true). */
  readonly cloudFormationStackName: string;
  /** The region of that stack. */
  readonly region: string;
  /** The validation method of that location. */
  readonly method: PaletteAwsRegistrationMethod;
  /**
   * The location's outputPrefix.
   * @default 'Palette'
   */
  readonly outputPrefix?: string;
  /**
   * "Force S3 path style", as given to the CDK location (a literal: Terraform compares booleans).
   * @default false
   */
  readonly forcePathStyle?: boolean;
  /** The Palette project the location is created in (the spectrocloud provider's project_name). */
  readonly paletteProject?: string;
}

export class PaletteAwsRegistrationStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: PaletteAwsRegistrationStackProps) {
    super(scope, id);
    // With Credentials the state holds the access key (read from Secrets Manager): keep it in an
    // encrypted, access-controlled S3 bucket, never in the repository. Replace the bucket with yours.
    new S3Backend(this, { bucket: 'acme-terraform-state', key: `saas-backup-constructs/${id}.tfstate`, region: props.region, encrypt: true });

    new AwsProvider(this, 'aws', props.region);
    new SpectroCloudProvider(this, 'spectrocloud', { projectName: props.paletteProject });

    const stack = new TerraformDataSource(this, 'PaletteStack', { terraformResourceType: 'aws_cloudformation_stack' });
    stack.addOverride('name', props.cloudFormationStackName);
    const outputs = stack.getStringMapAttribute('outputs');
    const prefix = props.outputPrefix ?? 'Palette';
    // Synthesized as outputs.<name>: the plan fails when an output is missing (a location without createOutputs).
    const output = (field: string) => Token.asString(Fn.lookup(outputs, `${prefix}${field}`));

    const values = {
      locationName: output('LocationName'),
      bucketName: output('BucketName'),
      region: output('Region'),
      forcePathStyle: props.forcePathStyle ?? false,
      context: PaletteLocationContext.PROJECT,
    };
    let args;
    if (props.method === PaletteAwsRegistrationMethod.STS) {
      args = SpectroCloudArguments.aws({ ...values, roleArn: output('RoleArn'), externalId: output('ExternalId') });
    } else {
      const secret = new TerraformDataSource(this, 'AccessKey', { terraformResourceType: 'aws_secretsmanager_secret_version' });
      secret.addOverride('secret_id', output('AccessKeySecretArn'));
      const key = Fn.jsondecode(secret.getStringAttribute('secret_string'));
      args = SpectroCloudArguments.aws({
        ...values,
        accessKey: Token.asString(Fn.lookup(key, 'accessKeyId')),
        secretKey: Token.asString(Fn.lookup(key, 'secretAccessKey')),
      });
    }
    new SpectroCloudBackupStorageLocation(this, 'BackupLocation', { args });
  }
}
