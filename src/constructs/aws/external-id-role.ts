import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { problemsOf, warn } from './private/common';
import { TrustedPrincipal } from './trusted-principal';
import { AWS_ORGANIZATION_ID, IAM_ROLE_NAME, STS_EXTERNAL_ID } from '../../policies/aws/rules';
import { PolicyDocumentJson } from '../../policies/aws/iam-json';
import { checkTrustPolicySize, DEFAULT_TRUST_POLICY_QUOTA, externalIdTrustPolicy, MAX_TRUST_POLICY_QUOTA } from '../../policies/aws/trust';

/** Properties of an ExternalIdRole. */
export interface ExternalIdRoleProps {
  /**
   * The vendor principal that assumes the role with the external ID: usually the vendor's AWS
   * account as its wizard shows it (Palette: "AWS Account ID ... Palette SaaS account ID").
   */
  readonly vendor: TrustedPrincipal;

  /**
   * The external ID the vendor generated for you (Palette shows it in the wizard). The vendor's
   * statement allows sts:AssumeRole only with exactly this value (`sts:ExternalId`), which keeps
   * another customer of the vendor from having the vendor assume your role.
   */
  readonly externalId: string;

  /**
   * Your own principals that may assume the role too, each in its own statement without the
   * external ID, as the pages show for "Account A" (the account or role where clusters run).
   *
   * @default - none
   */
  readonly additionalTrustedPrincipals?: TrustedPrincipal[];

  /**
   * Limits `additionalTrustedPrincipals` to principals of this AWS Organizations organization
   * (`aws:PrincipalOrgID`). It does not apply to the vendor, which is outside your organization.
   *
   * @default - no organization condition
   */
  readonly additionalPrincipalsOrganizationId?: string;

  /**
   * The role's name. Palette needs only the ARN.
   *
   * @default - CloudFormation generates a unique name
   */
  readonly roleName?: string;

  /**
   * The role's description.
   *
   * @default - none
   */
  readonly description?: string;

  /**
   * The longest session the role allows.
   *
   * @default Duration.hours(1)
   */
  readonly maxSessionDuration?: Duration;

  /**
   * A permissions boundary for the role.
   *
   * @default - none
   */
  readonly permissionsBoundary?: iam.IManagedPolicy;

  /**
   * Managed policies to attach.
   *
   * @default - none; attach later with `role.addManagedPolicy()`
   */
  readonly managedPolicies?: iam.IManagedPolicy[];

  /**
   * The IAM quota "Role trust policy length" of the account, in characters. Synthesis fails when
   * the trust policy exceeds it. Raise it only after AWS raised the quota.
   *
   * @default 2048 (IAM's default quota)
   */
  readonly maxTrustPolicySize?: number;
}

/**
 * An IAM role that a SaaS vendor's AWS account assumes with an external ID (Palette's "STS"
 * method, RudderStack's role-based access), optionally also trusted by your own accounts or roles.
 *
 * The trust policy is built by `src/policies/aws/trust.ts` and added statement by statement, so the
 * synthesized policy is exactly that document.
 */
export class ExternalIdRole extends Construct {
  /** The role. */
  public readonly role: iam.Role;
  /** The role's ARN: what the vendor's wizard asks for. */
  public readonly roleArn: string;
  /** The role's name. */
  public readonly roleName: string;
  /** The external ID the vendor must send. */
  public readonly externalId: string;
  /** The trust policy, before CloudFormation resolves its tokens. */
  public readonly trustPolicy: any;

  constructor(scope: Construct, id: string, props: ExternalIdRoleProps) {
    super(scope, id);
    const maxTrustPolicySize = props.maxTrustPolicySize ?? DEFAULT_TRUST_POLICY_QUOTA;
    const additional = props.additionalTrustedPrincipals ?? [];

    const problems = problemsOf(this)
      .check(STS_EXTERNAL_ID, props.externalId, 'externalId')
      .check(IAM_ROLE_NAME, props.roleName, 'roleName')
      .check(AWS_ORGANIZATION_ID, props.additionalPrincipalsOrganizationId, 'additionalPrincipalsOrganizationId')
      .addIf(
        props.additionalPrincipalsOrganizationId !== undefined && additional.length === 0,
        'additionalPrincipalsOrganizationId limits additionalTrustedPrincipals, but none are given; remove it or add the principals',
      )
      .addIf(
        !Number.isInteger(maxTrustPolicySize) || maxTrustPolicySize < 1 || maxTrustPolicySize > MAX_TRUST_POLICY_QUOTA,
        `maxTrustPolicySize must be a whole number of characters up to IAM's maximum of ${MAX_TRUST_POLICY_QUOTA}; got ${maxTrustPolicySize}`,
      );
    props.vendor._validate(problems, 'vendor');
    additional.forEach((p, i) => p._validate(problems, `additionalTrustedPrincipals[${i}]`));
    problems.throwIfAny();

    const trustPolicy: PolicyDocumentJson = externalIdTrustPolicy({
      vendorPrincipalArn: props.vendor.principalArn(this),
      externalId: props.externalId,
      additionalPrincipalArns: additional.map((p) => p.principalArn(this)),
      organizationId: props.additionalPrincipalsOrganizationId,
    });
    this.trustPolicy = trustPolicy;

    this.role = new iam.Role(this, 'Resource', {
      assumedBy: new TrustPolicyPrincipal(trustPolicy),
      roleName: props.roleName,
      description: props.description,
      maxSessionDuration: props.maxSessionDuration,
      permissionsBoundary: props.permissionsBoundary,
      managedPolicies: props.managedPolicies,
    });
    this.roleArn = this.role.roleArn;
    this.roleName = this.role.roleName;
    this.externalId = props.externalId;

    // The trust policy can still grow (role.assumeRolePolicy is public), so it is measured at synth.
    this.node.addValidation({
      validate: () => {
        const size = checkTrustPolicySize(Stack.of(this).resolve(this.role.assumeRolePolicy), maxTrustPolicySize);
        if (size.warning) warn(this, 'TrustPolicySize', size.warning);
        return size.error ? [size.error] : [];
      },
    });
  }
}

/**
 * Adds the statements of a trust policy document to a role's AssumeRolePolicyDocument as they are
 * (a role needs one `assumedBy` principal; this one stands for the whole document).
 */
class TrustPolicyPrincipal extends iam.PrincipalBase {
  public readonly policyFragment: iam.PrincipalPolicyFragment;

  constructor(private readonly document: PolicyDocumentJson) {
    super();
    const first = document.Statement[0].Principal as { AWS: string };
    this.policyFragment = new iam.ArnPrincipal(first.AWS).policyFragment;
  }

  public addToAssumeRolePolicy(doc: iam.PolicyDocument): void {
    doc.addStatements(...this.document.Statement.map((s) => iam.PolicyStatement.fromJson(s)));
  }

  public dedupeString(): string | undefined {
    return undefined;
  }
}
