import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { problemsOf } from './private/common';
import { TrustedPrincipal } from './trusted-principal';
import { checkMaxTrustPolicySize, createTrustedRole } from './trusted-role';
import { PolicyDocumentJson } from '../../policies/aws/iam-json';
import { AWS_ORGANIZATION_ID, IAM_ROLE_NAME, STS_EXTERNAL_ID } from '../../policies/aws/rules';
import { externalIdTrustPolicy } from '../../policies/aws/trust';
import { ValidationProblems } from '../../policies/validation';

/**
 * The options of a role a vendor assumes with an external ID, as a vendor's access mode passes
 * them on (`PaletteStsOptions` and `RudderStackRoleOptions` extend it): everything about the role
 * and its trust except who the vendor is and the external ID it generated.
 */
export interface ExternalIdRoleOptions {
  /**
   * Your own principals that may assume the role too, without the external ID, as the pages show
   * for "Account A" (the accounts or roles where clusters run). Accounts, roles and users get a
   * statement each; the forms for many accounts (`TrustedPrincipal.accounts()`,
   * `organization()`, `organizationalUnits()`) one statement of (almost) constant size.
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
   * @default - the vendor construct's description, or none
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
   * The IAM quota "Role trust policy length" of the account, in characters. Synthesis fails when
   * the trust policy exceeds it. Raise it only after AWS raised the quota.
   *
   * @default 2048 (IAM's default quota)
   */
  readonly maxTrustPolicySize?: number;
}

/** Properties of an ExternalIdRole. */
export interface ExternalIdRoleProps extends ExternalIdRoleOptions {
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
   * Managed policies to attach.
   *
   * @default - none; attach later with `role.addManagedPolicy()`
   */
  readonly managedPolicies?: iam.IManagedPolicy[];

}

/**
 * An IAM role that a SaaS vendor's AWS account assumes with an external ID (Palette's "STS"
 * method, RudderStack's role-based access), optionally also trusted by your own accounts or roles.
 *
 * The trust policy is built by `src/policies/aws/trust.ts` and added statement by statement, so the
 * synthesized policy is exactly that document.
 */
export class ExternalIdRole extends Construct {
  /**
   * The problems of the props, each under the name the user wrote (`names`, e.g.
   * `access.paletteAccountId` for `vendor`), so a high-level construct reports them with the
   * problems of its other children, before it creates any.
   *
   * @internal
   */
  public static _checkProps(problems: ValidationProblems, props: ExternalIdRoleProps, names: {
    readonly vendor?: string;
    readonly externalId?: string;
    readonly additionalTrustedPrincipals?: string;
    readonly additionalPrincipalsOrganizationId?: string;
    readonly roleName?: string;
    readonly maxTrustPolicySize?: string;
  } = {}): ValidationProblems {
    const additional = props.additionalTrustedPrincipals ?? [];
    const additionalName = names.additionalTrustedPrincipals ?? 'additionalTrustedPrincipals';
    const orgName = names.additionalPrincipalsOrganizationId ?? 'additionalPrincipalsOrganizationId';
    problems
      .check(STS_EXTERNAL_ID, props.externalId, names.externalId ?? 'externalId')
      .check(IAM_ROLE_NAME, props.roleName, names.roleName ?? 'roleName')
      .check(AWS_ORGANIZATION_ID, props.additionalPrincipalsOrganizationId, orgName)
      .addIf(
        props.additionalPrincipalsOrganizationId !== undefined && additional.length === 0,
        `${orgName} limits ${additionalName}, but none are given; remove it or add the principals`,
      );
    checkMaxTrustPolicySize(problems, props.maxTrustPolicySize, names.maxTrustPolicySize);
    props.vendor._validate(problems, names.vendor ?? 'vendor');
    additional.forEach((p, i) => p._validate(problems, `${additionalName}[${i}]`));
    return problems;
  }

  /** The role. */
  public readonly role: iam.Role;
  /** The role's ARN: what the vendor's wizard asks for. */
  public readonly roleArn: string;
  /** The role's name. */
  public readonly roleName: string;
  /** The external ID the vendor must send. */
  public readonly externalId: string;
  /**
   * The role's trust policy (`role.assumeRolePolicy`): the statements built from the props, and any
   * added later. Checked at synth time against the quota and the trust guard.
   */
  public readonly trustPolicy: iam.PolicyDocument;

  constructor(scope: Construct, id: string, props: ExternalIdRoleProps) {
    super(scope, id);
    const additional = props.additionalTrustedPrincipals ?? [];
    ExternalIdRole._checkProps(problemsOf(this), props).throwIfAny();

    const trustPolicy: PolicyDocumentJson = externalIdTrustPolicy({
      vendorPrincipalArn: props.vendor.principalArn(this),
      externalId: props.externalId,
      additionalPrincipalArns: additional.map((p) => p.principalArn(this)),
      organizationId: props.additionalPrincipalsOrganizationId,
    });

    ({ role: this.role, trustPolicy: this.trustPolicy } = createTrustedRole(this, {
      trustPolicy,
      assumedBy: new iam.ArnPrincipal(props.vendor.principalArn(this)),
      roleName: props.roleName,
      description: props.description,
      maxSessionDuration: props.maxSessionDuration,
      permissionsBoundary: props.permissionsBoundary,
      managedPolicies: props.managedPolicies,
      maxTrustPolicySize: props.maxTrustPolicySize,
    }));
    this.roleArn = this.role.roleArn;
    this.roleName = this.role.roleName;
    this.externalId = props.externalId;
  }
}

