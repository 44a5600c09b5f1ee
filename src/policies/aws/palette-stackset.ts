/**
 * A Palette backup location in every account of an organization, rolled out by a service-managed
 * CloudFormation StackSet: the deterministic names of what each stack instance creates, the
 * `spectrocloud_backup_storage_location` arguments for any (account, region), and the limits of
 * CloudFormation and StackSets as rules and checks. Pure: no back end.
 *
 * Sources: CloudFormation quotas (AWS CloudFormation User Guide, "Understand CloudFormation quotas"),
 * the `AWS::CloudFormation::StackSet` resource reference, Spectro Cloud's Terraform provider
 * (spectrocloud/terraform-provider-spectrocloud, spectrocloud/resource_backup_storage_location.go).
 */
import { PaletteRegistrationOptions, SpectroCloudArguments, SpectroCloudBackupStorageLocationArgs } from '../palette-wizard';
import { ruleOf, ValueRule } from '../validation';

/** The largest inline `TemplateBody` of a StackSet, in bytes (UTF-8). */
export const TEMPLATE_BODY_MAX_BYTES = 51_200;
/** The largest template behind a `TemplateURL` (S3), in bytes: 1 MB. */
export const TEMPLATE_URL_MAX_BYTES = 1_000_000;
/** Default quota: StackSets per administrator account (adjustable through Service Quotas). */
export const STACKSETS_PER_ADMINISTRATOR = 100;
/** Default quota: stack instances (account x region) per StackSet (adjustable). */
export const STACK_INSTANCES_PER_STACKSET = 2_000;
/** The most organizational units one stack-instance operation takes (CreateStackInstances). */
export const ORGANIZATIONAL_UNITS_PER_OPERATION = 50;
/** Resources per CloudFormation stack (aws-cdk-lib's default `@aws-cdk/core:stackResourceLimit`). */
export const RESOURCES_PER_STACK = 500;
/** Resources of one STS location with a new SSE-S3 bucket: bucket, bucket policy, managed policy, role. */
export const RESOURCES_PER_STS_LOCATION = 4;
/** The 12 digits of an account ID, as they appear in a bucket name. */
export const ACCOUNT_ID_LENGTH = 12;
/** The default role name prefix: the role of a stack instance is `<prefix>-<region>`. */
export const DEFAULT_STACKSET_ROLE_NAME_PREFIX = 'palette-backup';

/** Bucket names: `<prefix>-<account ID>-<region>`, unique per account and region. */
export function stackSetBucketName(bucketNamePrefix: string, account: string, region: string): string {
  return `${bucketNamePrefix}-${account}-${region}`;
}

/**
 * Role names: `<prefix>-<region>`. IAM names are global to an account while a StackSet deploys a
 * stack per region, so a region-free fixed name would collide at the second region.
 */
export function stackSetRoleName(roleNamePrefix: string, region: string): string {
  return `${roleNamePrefix}-${region}`;
}

/** The role's ARN, known without reading any output. */
export function stackSetRoleArn(partition: string, account: string, roleName: string): string {
  return `arn:${partition}:iam::${account}:role/${roleName}`;
}

function longest(values: readonly string[]): string {
  return values.reduce((a, b) => (b.length > a.length ? b : a), '');
}

/**
 * The prefix of the bucket names, for the given target regions: every `<prefix>-<account>-<region>`
 * must be a valid S3 bucket name of at most 63 characters (prefix + 1 + 12 + 1 + longest region).
 * Dots are refused: they break virtual-hosted-style HTTPS, which Palette uses by default.
 */
export function bucketNamePrefixRule(regions: readonly string[]): ValueRule {
  const region = longest(regions);
  const max = 63 - 2 - ACCOUNT_ID_LENGTH - region.length;
  return ruleOf(
    'S3 bucket name prefix',
    `Use 1-${max} lowercase letters, digits and hyphens, starting with a letter or digit: bucket names are "<prefix>-<12-digit account ID>-<region>" and S3 allows 63 characters.`,
    [
      [(v) => v.length === 0, 'it is empty'],
      [
        (v) => v.length > max,
        (v) => `"${v}-<account ID>-${region}" would be ${v.length + 2 + ACCOUNT_ID_LENGTH + region.length} characters, over S3's 63 (the prefix may have at most ${max} with region ${region})`,
      ],
      [(v) => /[A-Z]/.test(v), 'uppercase letters are not allowed'],
      [(v) => v.includes('.'), 'dots are not allowed (they break virtual-hosted-style HTTPS)'],
      [(v) => /[^a-zA-Z0-9.-]/.test(v), 'only lowercase letters, digits and hyphens (-) are allowed'],
      [(v) => v.length > 0 && !/^[a-zA-Z0-9]/.test(v), 'it must begin with a letter or digit'],
      [(v) => /^(xn--|sthree-|amzn-s3-demo-)/.test(v), 'the prefixes "xn--", "sthree-" and "amzn-s3-demo-" are reserved'],
    ],
  );
}

/** The prefix of the role names, for the given target regions: `<prefix>-<region>` is an IAM role name (at most 64). */
export function roleNamePrefixRule(regions: readonly string[]): ValueRule {
  const region = longest(regions);
  const max = 64 - 1 - region.length;
  return ruleOf('IAM role name prefix', `Use 1-${max} letters, digits and +=,.@_-: role names are "<prefix>-<region>" and IAM allows 64 characters.`, [
    [(v) => v.length === 0, 'it is empty'],
    [(v) => v.length > max, (v) => `"${v}-${region}" would be ${v.length + 1 + region.length} characters, over IAM's 64`],
    [(v) => /[^\w+=,.@-]/.test(v), 'only letters, digits and +=,.@_- are allowed'],
  ]);
}

/** A StackSet's name: a letter, then letters, digits and hyphens, at most 128 (CloudFormation). */
export const STACKSET_NAME: ValueRule = ruleOf('StackSet name', 'Use 1-128 letters, digits and hyphens, starting with a letter.', [
  [(v) => v.length < 1 || v.length > 128, 'it must be 1-128 characters long'],
  [(v) => !/^[a-zA-Z]/.test(v), 'it must start with a letter'],
  [(v) => /[^a-zA-Z0-9-]/.test(v), 'only letters, digits and hyphens are allowed'],
]);

/** An organizational unit ID, or the organization's root ID (`AWS::CloudFormation::StackSet` DeploymentTargets). */
export const ORGANIZATIONAL_UNIT_ID: ValueRule = ruleOf(
  'organizational unit ID',
  'Use an OU ID such as "ou-ab12-cdef3456" or the root ID such as "r-ab12" (AWS Organizations console).',
  [[(v) => !/^(ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}|r-[a-z0-9]{4,32})$/.test(v), 'it is not an OU ID ("ou-" 4-32 + "-" 8-32 lowercase letters or digits) or a root ID ("r-" 4-32)']],
);

/** How the accounts of a StackSet are chosen. */
export interface StackInstanceTargets {
  /** The organizational units (or root). */
  readonly organizationalUnitIds: readonly string[];
  /** Explicit accounts, with `filter`. */
  readonly accounts?: readonly string[];
  /** `INTERSECTION` (only these accounts of the OUs) or `DIFFERENCE` (the OUs without them). */
  readonly filter?: 'INTERSECTION' | 'DIFFERENCE';
  /** The regions. */
  readonly regions: readonly string[];
}

/**
 * The stack instances a StackSet's targets create, when they can be counted: explicit accounts
 * (INTERSECTION) times regions. OUs alone cannot be counted at synth time (their accounts change).
 */
export function countStackInstances(targets: StackInstanceTargets): number | undefined {
  if (targets.filter === 'INTERSECTION' && targets.accounts !== undefined) return new Set(targets.accounts).size * new Set(targets.regions).size;
  return undefined;
}

/** The problems of a StackSet's targets against the StackSets quotas (empty when they fit). */
export function stackInstanceLimitProblems(targets: StackInstanceTargets, maxInstances: number = STACK_INSTANCES_PER_STACKSET): string[] {
  const problems: string[] = [];
  const count = countStackInstances(targets);
  if (count !== undefined && count > maxInstances) {
    problems.push(
      `${new Set(targets.accounts).size} accounts x ${new Set(targets.regions).size} regions = ${count} stack instances, over the ${maxInstances} a StackSet may have `
      + '(StackSets quota "stack instances per stack set"); split the accounts across StackSets, or raise the quota through Service Quotas first',
    );
  }
  if (targets.organizationalUnitIds.length > ORGANIZATIONAL_UNITS_PER_OPERATION) {
    problems.push(
      `${targets.organizationalUnitIds.length} organizational units, over the ${ORGANIZATIONAL_UNITS_PER_OPERATION} one StackSet operation takes; target a parent OU instead, or split them across StackSets`,
    );
  }
  return problems;
}

/** The problem of an inline template over `TemplateBody`'s limit, or undefined. */
export function templateBodyProblem(bytes: number): string | undefined {
  if (bytes <= TEMPLATE_BODY_MAX_BYTES) return undefined;
  return `The StackSet's template is ${bytes} bytes, over the ${TEMPLATE_BODY_MAX_BYTES} bytes of an inline TemplateBody. `
    + 'Remove what was added to the template stack, or deploy the template from S3 (TemplateURL, up to 1 MB) with a CfnStackSet of your own: '
    + 'an S3 template needs a bucket the StackSet can read, which this construct does not create';
}

/** Whether a stack of `resources` CloudFormation resources is over `limit` (0 or less: no limit, as in aws-cdk-lib). */
export function overStackResourceLimit(resources: number, limit: number): boolean {
  return limit > 0 && resources > limit;
}

/** The problem of a stack with more resources than CloudFormation allows, or undefined. */
export function stackResourceLimitProblem(
  stackPath: string,
  resources: number,
  limit: number,
  locations: { readonly count: number; readonly resources: number },
): string | undefined {
  if (!overStackResourceLimit(resources, limit)) return undefined;
  const perLocation = locations.count > 0 ? Math.max(1, Math.round(locations.resources / locations.count)) : RESOURCES_PER_STS_LOCATION;
  return `Stack ${stackPath} has ${resources} CloudFormation resources, over the ${limit} a stack may have; `
    + `its ${locations.count} Palette backup locations make ${locations.resources} of them (${perLocation} each). `
    + `Split the locations across stacks (at most ${Math.floor(limit / perLocation)} of ${perLocation} resources per stack), `
    + 'or, for a location in every account, deploy one template to all of them with PaletteStackSetBackupLocation (a StackSet: one stack per account and region)';
}

/** One stack instance: an account and a region. */
export interface AccountRegion {
  readonly account: string;
  readonly region: string;
}

/** What the registrations of a StackSet's locations are made from. */
export interface StackSetRegistrationInput extends PaletteRegistrationOptions {
  readonly bucketNamePrefix: string;
  readonly roleNamePrefix: string;
  /** Palette's location names are `<prefix>-<account>-<region>`. */
  readonly locationNamePrefix: string;
  readonly externalId: string;
  /** `aws`, `aws-us-gov`, `aws-cn`... */
  readonly partition: string;
  readonly targets: readonly AccountRegion[];
}

/**
 * The `spectrocloud_backup_storage_location` arguments of the StackSet's location in each
 * (account, region), in the given order, through Palette's wizard model (`SpectroCloudArguments.aws`):
 * the names are deterministic, so no output is read.
 */
export function spectroCloudStackSetLocations(input: StackSetRegistrationInput): SpectroCloudBackupStorageLocationArgs[] {
  return input.targets.map(({ account, region }) => SpectroCloudArguments.aws({
    locationName: `${input.locationNamePrefix}-${account}-${region}`,
    bucketName: stackSetBucketName(input.bucketNamePrefix, account, region),
    region,
    forcePathStyle: false,
    roleArn: stackSetRoleArn(input.partition, account, stackSetRoleName(input.roleNamePrefix, region)),
    externalId: input.externalId,
    context: input.context,
    isDefault: input.isDefault,
  }));
}
