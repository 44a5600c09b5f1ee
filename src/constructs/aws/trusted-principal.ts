import { Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { AWS_ACCOUNT_ID, IAM_ROLE_ARN } from '../../policies/aws/rules';
import { accountRootArn } from '../../policies/aws/trust';
import { ValidationProblems } from '../../policies/validation';

/** What a trusted principal is. */
export enum TrustedPrincipalKind {
  /** A whole AWS account (`arn:aws:iam::ACCOUNT:root`): any principal the account allows may assume the role. */
  ACCOUNT = 'ACCOUNT',
  /** One IAM role. */
  ROLE = 'ROLE',
}

/**
 * A principal a role's trust policy names: an AWS account (its root) or one IAM role, as the vendor
 * pages write them ("arn:aws:iam::ACCOUNT:root" or "arn:aws:iam::ACCOUNT:role/SpectroCloudRole").
 */
export class TrustedPrincipal {
  /** A whole account, named by its 12-digit ID. */
  public static account(accountId: string): TrustedPrincipal {
    return new TrustedPrincipal(TrustedPrincipalKind.ACCOUNT, accountId);
  }

  /**
   * One IAM role, named by its ARN. IAM refuses a trust policy that names a role that does not
   * exist, so the role must exist before you deploy.
   */
  public static role(roleArn: string): TrustedPrincipal {
    return new TrustedPrincipal(TrustedPrincipalKind.ROLE, roleArn);
  }

  private constructor(
    /** Whether this is an account or a role. */
    public readonly kind: TrustedPrincipalKind,
    /** The account ID or the role ARN, as given. */
    public readonly value: string,
  ) {}

  /** The principal's ARN in the partition of `scope`'s stack. */
  public principalArn(scope: IConstruct): string {
    return this.kind === TrustedPrincipalKind.ACCOUNT ? accountRootArn(Stack.of(scope).partition, this.value) : this.value;
  }

  /** @internal */
  public _validate(problems: ValidationProblems, prop: string): void {
    problems.check(this.kind === TrustedPrincipalKind.ACCOUNT ? AWS_ACCOUNT_ID : IAM_ROLE_ARN, this.value, prop);
  }
}
