import { RemovalPolicy, SecretValue } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { namesCheckedByParent } from '../private/checked-by-parent';
import { problemsOf, PropShapes } from './private/common';
import { acknowledge } from './private/nag';
import { IAM_GROUP_NAME, IAM_USER_NAME } from '../../policies/aws/rules';
import { ValidationProblems } from '../../policies/validation';

/**
 * The options of an access-key user that every vendor's access-key method shares (Palette's
 * Credentials, RudderStack's access key): vendor options extend this, so none gets lost.
 */
export interface AccessKeyOptions {
  /**
   * The user's name.
   *
   * @default - CloudFormation generates a unique name
   */
  readonly userName?: string;

  /**
   * The group's name.
   *
   * @default - CloudFormation generates a unique name
   */
  readonly groupName?: string;

  /**
   * Change this number to rotate the access key: CloudFormation creates a new key, stores it in the
   * secret, then deletes the old one, so paste the new key into the vendor's settings right after
   * the deployment.
   *
   * @default - no serial; the key lives as long as the user
   */
  readonly accessKeySerial?: number;

  /**
   * The name of the Secrets Manager secret that holds the key.
   *
   * @default - CloudFormation generates a unique name
   */
  readonly secretName?: string;

  /**
   * The key that encrypts the secret.
   *
   * @default - the account's AWS managed key for Secrets Manager (aws/secretsmanager)
   */
  readonly secretEncryptionKey?: kms.IKey;

  /**
   * What happens to the secret when it leaves the stack. The access key itself is always deleted
   * with the user.
   *
   * @default RemovalPolicy.DESTROY
   */
  readonly secretRemovalPolicy?: RemovalPolicy;
}

/** Properties of an AccessKeyUser. */
export interface AccessKeyUserProps extends AccessKeyOptions {
  /**
   * Policies the user's group carries. A `ManagedPolicy` of this app can instead attach itself with
   * `policy.attachToGroup(accessKeyUser.group)`, which keeps the group from depending on the policy.
   *
   * @default - none
   */
  readonly managedPolicies?: iam.IManagedPolicy[];
}

/**
 * An IAM user with programmatic access only (no console password), in a group that carries its
 * policies, and one access key stored in Secrets Manager as
 * `{"accessKeyId": ..., "secretAccessKey": ...}`. The secret access key appears in no output and
 * in the template only as a reference (`Fn::GetAtt`), never as plaintext.
 *
 * Read the key with `aws secretsmanager get-secret-value --secret-id <accessKeySecretArn>`.
 */
export class AccessKeyUser extends Construct {
  /**
   * The problems of the options, each named `<prefix><option>` (a parent passes its own prop's name,
   * e.g. `access.`), so a high-level construct reports them with the user's names before it creates
   * the user.
   *
   * @internal
   */
  public static _checkOptions(problems: ValidationProblems, options: AccessKeyOptions, prefix: string = ''): ValidationProblems {
    // JavaScript callers: nothing below reads a value of the wrong type.
    const shapes = new PropShapes(problems);
    const shaped = [
      shapes.string(options.userName, `${prefix}userName`),
      shapes.string(options.groupName, `${prefix}groupName`),
      shapes.string(options.secretName, `${prefix}secretName`),
    ].every(Boolean);
    if (!shaped) return problems;
    return problems
      .check(IAM_USER_NAME, options.userName, `${prefix}userName`)
      .check(IAM_GROUP_NAME, options.groupName, `${prefix}groupName`)
      .addIf(
        options.accessKeySerial !== undefined && (!Number.isInteger(options.accessKeySerial) || options.accessKeySerial < 0),
        `${prefix}accessKeySerial must be a whole number >= 0; got ${options.accessKeySerial}`,
      );
  }

  /** The user. */
  public readonly user: iam.User;
  /** The group that carries the policies. */
  public readonly group: iam.Group;
  /** The secret holding `accessKeyId` and `secretAccessKey`. */
  public readonly accessKeySecret: secretsmanager.ISecret;
  /** The secret's ARN: where to read the key (the "access-key reference"). */
  public readonly accessKeySecretArn: string;

  constructor(scope: Construct, id: string, props: AccessKeyUserProps = {}) {
    super(scope, id);
    // A vendor construct has checked the options under its own names (access.userName...); used alone, the user checks them.
    if (namesCheckedByParent(props) === undefined) AccessKeyUser._checkOptions(problemsOf(this), props).throwIfAny();

    this.group = new iam.Group(this, 'Group', { groupName: props.groupName, managedPolicies: props.managedPolicies });
    // No password: the user cannot sign in to the console.
    this.user = new iam.User(this, 'Resource', { userName: props.userName, groups: [this.group] });
    const accessKey = new iam.AccessKey(this, 'AccessKey', { user: this.user, serial: props.accessKeySerial });
    const secret = new secretsmanager.Secret(this, 'AccessKeySecret', {
      secretName: props.secretName,
      description: `Access key of the IAM user ${this.node.path}`,
      encryptionKey: props.secretEncryptionKey,
      removalPolicy: props.secretRemovalPolicy ?? RemovalPolicy.DESTROY,
      secretObjectValue: {
        accessKeyId: SecretValue.resourceAttribute(accessKey.accessKeyId),
        secretAccessKey: accessKey.secretAccessKey,
      },
    });
    acknowledge(
      secret,
      'AwsSolutions-SMG4',
      'The secret holds an IAM access key, which Secrets Manager cannot rotate by itself: rotate it by changing accessKeySerial '
      + '(CloudFormation replaces the key and the secret value), then paste the new key into the vendor\'s settings.',
    );
    this.accessKeySecret = secret;
    this.accessKeySecretArn = secret.secretArn;
  }
}
