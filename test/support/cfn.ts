/**
 * Resolves a synthesized CloudFormation template's intrinsics (Ref, Fn::GetAtt, Fn::Join, pseudo
 * parameters) to the concrete names and ARNs the resources would have, so policies can go through
 * a real IAM evaluator. Physical names are the ones given in the template, else derived from the
 * logical ID (lowercased, as CloudFormation would generate something unique).
 */
export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';

type Json = any;

export class TemplateResolver {
  constructor(
    public readonly template: Json,
    public readonly env: { account: string; region: string; partition: string } = { account: ACCOUNT, region: REGION, partition: 'aws' },
  ) {}

  /** Resolves every intrinsic in `value`. Throws on intrinsics it does not know, so tests never run on half-resolved policies. */
  public resolve(value: Json): Json {
    if (Array.isArray(value)) return value.map((v) => this.resolve(v));
    if (value === null || typeof value !== 'object') return value;
    const keys = Object.keys(value);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) {
      const [fn, arg] = [keys[0], value[keys[0]]];
      switch (fn) {
        case 'Ref':
          return this.ref(arg);
        case 'Fn::GetAtt':
          return this.getAtt(arg[0], arg[1]);
        case 'Fn::Join':
          return (this.resolve(arg[1]) as string[]).join(arg[0]);
        case 'Fn::Select':
          return this.resolve(arg[1])[arg[0]];
        case 'Fn::Split':
          return (this.resolve(arg[1]) as string).split(arg[0]);
        default:
          throw new Error(`TemplateResolver: unsupported intrinsic ${fn}`);
      }
    }
    return Object.fromEntries(keys.map((k) => [k, this.resolve(value[k])]));
  }

  /** The logical IDs of the resources of a type. */
  public logicalIds(type: string): string[] {
    return Object.entries(this.template.Resources).filter(([, r]: [string, any]) => r.Type === type).map(([id]) => id);
  }

  /** The one resource of a type (fails when there are none or several). */
  public only(type: string): { id: string; resource: Json } {
    const ids = this.logicalIds(type);
    if (ids.length !== 1) throw new Error(`expected one ${type}, found ${ids.length}: ${ids.join(', ')}`);
    return { id: ids[0], resource: this.template.Resources[ids[0]] };
  }

  public ref(logicalId: string): string {
    switch (logicalId) {
      case 'AWS::Partition':
        return this.env.partition;
      case 'AWS::AccountId':
        return this.env.account;
      case 'AWS::Region':
        return this.env.region;
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      default:
    }
    const resource = this.resource(logicalId);
    switch (resource.Type) {
      case 'AWS::IAM::ManagedPolicy':
      case 'AWS::SecretsManager::Secret':
      case 'AWS::IAM::OIDCProvider':
        return this.getAtt(logicalId, 'Arn');
      case 'AWS::KMS::Key':
        return `key-${logicalId.toLowerCase()}`;
      default:
        return this.name(logicalId);
    }
  }

  public getAtt(logicalId: string, attribute: string): string {
    const resource = this.resource(logicalId);
    const { account, region, partition } = this.env;
    const name = this.name(logicalId);
    if (attribute !== 'Arn') throw new Error(`TemplateResolver: unsupported attribute ${logicalId}.${attribute}`);
    switch (resource.Type) {
      case 'AWS::S3::Bucket':
        return `arn:${partition}:s3:::${name}`;
      case 'AWS::IAM::Role':
        return `arn:${partition}:iam::${account}:role/${name}`;
      case 'AWS::IAM::User':
        return `arn:${partition}:iam::${account}:user/${name}`;
      case 'AWS::IAM::Group':
        return `arn:${partition}:iam::${account}:group/${name}`;
      case 'AWS::IAM::ManagedPolicy':
        return `arn:${partition}:iam::${account}:policy/${name}`;
      case 'AWS::KMS::Key':
        return `arn:${partition}:kms:${region}:${account}:key/${this.ref(logicalId)}`;
      case 'AWS::SecretsManager::Secret':
        return `arn:${partition}:secretsmanager:${region}:${account}:secret:${name}-AbCdEf`;
      case 'AWS::IAM::OIDCProvider':
        return `arn:${partition}:iam::${account}:oidc-provider/${String(this.resolve(resource.Properties.Url)).replace(/^https:\/\//, '')}`;
      default:
        throw new Error(`TemplateResolver: no ARN for ${resource.Type}`);
    }
  }

  private resource(logicalId: string): Json {
    const resource = this.template.Resources?.[logicalId];
    if (!resource) throw new Error(`TemplateResolver: no resource ${logicalId}`);
    return resource;
  }

  private name(logicalId: string): string {
    const p = this.resource(logicalId).Properties ?? {};
    const given = p.BucketName ?? p.RoleName ?? p.UserName ?? p.GroupName ?? p.ManagedPolicyName ?? p.Name;
    return given !== undefined ? String(this.resolve(given)) : logicalId.toLowerCase();
  }
}
