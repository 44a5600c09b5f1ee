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
import { abbreviate, describeInput, duplicatesOf, ruleOf, ValueRule } from '../validation';
import { AWS_PARTITIONS, partitionOfRegion } from './rules';

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

/** The one partition of `regions` (region codes only), or undefined when they have none or several. */
export function partitionOfRegions(regions: readonly string[]): string | undefined {
  const partitions = [...new Set(regions.map(partitionOfRegion).filter((p): p is string => p !== undefined))];
  return partitions.length === 1 ? partitions[0] : undefined;
}

/**
 * The problems of `regions` (the prop `prop`) against one partition: regions of two partitions (one
 * StackSet deploys within one partition), a `partition` that is not one, and a `partition` (the prop
 * `partitionProp`) whose accounts do not have a region given.
 */
export function regionPartitionProblems(regions: readonly string[], prop: string, partition?: string, partitionProp: string = 'partition'): string[] {
  const problems: string[] = [];
  const located = regions.flatMap((region) => {
    const of = partitionOfRegion(region);
    return of === undefined ? [] : [{ region, partition: of }];
  });
  const byPartition = new Map<string, string[]>();
  for (const r of located) byPartition.set(r.partition, [...(byPartition.get(r.partition) ?? []), r.region]);
  if (byPartition.size > 1) {
    problems.push(
      `${prop} mixes partitions (${[...byPartition].map(([p, rs]) => `${p}: ${rs.join(', ')}`).join('; ')}); `
      + 'a StackSet deploys only within the partition of its administrator account and Palette\'s role ARNs name one partition: use one StackSet per partition',
    );
  }
  if (partition === undefined) return problems;
  if (!AWS_PARTITIONS.includes(partition)) {
    problems.push(`${partitionProp} ${JSON.stringify(partition)} is not an AWS partition; use one of ${AWS_PARTITIONS.join(', ')} (exact, lower case), or leave it out to use the regions' partition`);
    return problems;
  }
  const others = located.filter((r) => r.partition !== partition);
  if (others.length > 0) {
    problems.push(
      `${partitionProp} is "${partition}" but ${others.map((r) => `${r.region} is in ${r.partition}`).join(', ')}: `
      + `the role ARNs would name the wrong partition and Palette could not assume them; give the regions' partition or leave ${partitionProp} out`,
    );
  }
  return problems;
}

/**
 * The problem of a value that must be a string (`required`: and must be given), or undefined. A
 * JavaScript caller may pass anything: the message names the prop and what was given.
 */
export function stringProblem(value: unknown, prop: string, required: boolean, fix: string): string | undefined {
  if (value === undefined || value === null) return absentProblem(value, prop, required, fix);
  if (typeof value !== 'string') return `${prop} must be a string, not ${describeInput(value, true)}; ${fix}`;
  return undefined;
}

/** The problem of a missing value: required, or null where an optional prop is left out with undefined. */
function absentProblem(value: null | undefined, prop: string, required: boolean, fix: string): string | undefined {
  if (required) return `${prop} is required; ${fix}`;
  return value === null ? `${prop} is null; ${fix} (leave it out, or undefined, for the default)` : undefined;
}

/**
 * A list of strings from a JavaScript caller: the strings, and the problems of what is not a list,
 * an element that is null, undefined or not a string (named by its index), and (`what`) elements
 * given more than once.
 */
export function stringListProblems(
  values: unknown, prop: string, what: string, required: boolean, fix: string,
): { values?: string[]; problems: string[] } {
  if (values === undefined || values === null) {
    const problem = absentProblem(values, prop, required, fix);
    return { problems: problem === undefined ? [] : [problem] };
  }
  if (!Array.isArray(values)) return { problems: [`${prop} must be a list of strings, not ${describeInput(values, true)}; ${fix}`] };
  const problems: string[] = [];
  const strings: string[] = [];
  values.forEach((v, i) => {
    if (typeof v === 'string') strings.push(v);
    else problems.push(`${prop}[${i}] must be a string, not ${describeInput(v, true)}; ${fix}`);
  });
  const repeated = duplicatesOf(strings);
  if (repeated.length > 0) problems.push(`${prop} lists ${what} more than once: ${repeated.join(', ')}; list each once`);
  return { values: strings, problems };
}

/** The organization an OU or root ID belongs to: the root's suffix, `ab12` of `ou-ab12-cdef3456` and `r-ab12`. */
export function organizationRootOf(id: string): string | undefined {
  return /^(?:ou-([a-z0-9]{4,32})-[a-z0-9]{8,32}|r-([a-z0-9]{4,32}))$/.exec(id)?.slice(1).find((g) => g !== undefined);
}

/**
 * The problems of a StackSet's OUs: OUs of two organizations (a StackSet deploys within its own
 * organization, so the other's OUs fail the operation). Only valid OU and root IDs are considered.
 */
export function organizationalUnitProblems(ids: readonly string[], prop: string): string[] {
  const roots = [...new Set(ids.map(organizationRootOf).filter((r): r is string => r !== undefined))];
  if (roots.length <= 1) return [];
  return [
    `${prop} names OUs of ${roots.length} organizations (roots ${roots.map((r) => `r-${r}`).join(', ')}); `
    + 'a service-managed StackSet deploys only within the organization of its administrator account: use one StackSet (and administrator) per organization',
  ];
}

/** The warning of OUs listed with their organization's root, which already holds every OU: or undefined. */
export function redundantOrganizationalUnits(ids: readonly string[], prop: string): string | undefined {
  const roots = ids.filter((id) => id.startsWith('r-'));
  const covered = ids.filter((id) => id.startsWith('ou-') && roots.includes(`r-${organizationRootOf(id)}`));
  if (covered.length === 0) return undefined;
  return `${prop} lists the root ${roots.join(', ')} and OUs under it (${covered.join(', ')}): the root already targets every account of the organization; `
    + 'remove the OUs, or replace the root by the OUs you mean';
}

/** The longest StackSet description (`AWS::CloudFormation::StackSet` Description: 1-1,024 characters). */
export const STACKSET_DESCRIPTION_MAX_LENGTH = 1024;
/** The most tags of a StackSet (`AWS::CloudFormation::StackSet` Tags: at most 50), which it gives every stack instance. */
export const STACKSET_MAX_TAGS = 50;

/** A StackSet's description: 1-1,024 characters (CloudFormation). */
export const STACKSET_DESCRIPTION: ValueRule = ruleOf(
  'StackSet description',
  `Use 1-${STACKSET_DESCRIPTION_MAX_LENGTH} characters, or leave description out.`,
  [
    [(v) => v.trim().length === 0, 'it is blank'],
    [(v) => v.length > STACKSET_DESCRIPTION_MAX_LENGTH, (v) => `it is ${v.length} characters, over CloudFormation's ${STACKSET_DESCRIPTION_MAX_LENGTH}`],
  ],
  (v) => abbreviate(v, 60),
);

/** The problems of the tags a StackSet would get (CloudFormation: at most 50; keys 1-128 and values 0-256 characters, no "aws:" keys). */
export function stackSetTagProblems(tags: ReadonlyArray<{ readonly key: string; readonly value: string }>): string[] {
  const problems: string[] = [];
  if (tags.length > STACKSET_MAX_TAGS) {
    problems.push(`The StackSet has ${tags.length} tags (from Tags.of(...).add), over the ${STACKSET_MAX_TAGS} CloudFormation allows on a StackSet; remove tags or exclude the StackSet with Tags' excludeResourceTypes`);
  }
  for (const { key, value } of tags) {
    if (typeof key !== 'string' || key.length < 1 || key.length > 128) problems.push(`The StackSet's tag key ${abbreviate(String(key), 40)} must be 1-128 characters`);
    else if (key.toLowerCase().startsWith('aws:')) problems.push(`The StackSet's tag key ${JSON.stringify(key)} starts with "aws:", which is reserved for AWS`);
    if (typeof value !== 'string' || value.length > 256) problems.push(`The StackSet's tag ${JSON.stringify(key)} has a value over 256 characters`);
  }
  return problems;
}

/** Where a StackSet is managed from and where it deploys: what clash detection compares. */
export interface StackSetFootprint {
  /** The construct path, named in messages. */
  readonly path: string;
  readonly stackSetName?: string;
  /** The administrator stack's account and region (undefined: unknown at synth time). */
  readonly adminAccount?: string;
  readonly adminRegion?: string;
  /**
   * The path of the administrator stack's Stage (undefined: the app itself). Stages are deployed
   * apart, so an unknown account or region is taken for the same only within one Stage.
   */
  readonly stage?: string;
  readonly organizationalUnitIds: readonly string[];
  readonly accounts?: readonly string[];
  readonly filter?: 'INTERSECTION' | 'DIFFERENCE';
  readonly regions: readonly string[];
  readonly bucketNamePrefix: string;
  readonly roleNamePrefix: string;
  readonly locationNamePrefix: string;
}

/** Whether two OU lists may hold a common account: a shared OU, or one's root holding the other's OUs. */
function sharedScope(a: readonly string[], b: readonly string[]): boolean {
  const covers = (x: readonly string[], y: readonly string[]) => x.some((id) => y.includes(id) || (id.startsWith('r-') && y.some((o) => `r-${organizationRootOf(o)}` === id)));
  return covers(a, b) || covers(b, a);
}

/**
 * Whether two StackSets deploy to a common account, as far as synth time can tell: both narrowed
 * to explicit accounts (INTERSECTION) share one; otherwise their OUs overlap and no filter removes
 * every account one of them has.
 */
export function targetsOverlap(a: StackSetFootprint, b: StackSetFootprint): boolean {
  const only = (s: StackSetFootprint) => (s.filter === 'INTERSECTION' ? s.accounts ?? [] : undefined);
  const excluded = (s: StackSetFootprint) => (s.filter === 'DIFFERENCE' ? s.accounts ?? [] : []);
  const onlyA = only(a);
  const onlyB = only(b);
  if (onlyA && onlyB) return onlyA.some((acc) => onlyB.includes(acc));
  if (!sharedScope(a.organizationalUnitIds, b.organizationalUnitIds)) return false;
  if (onlyA) return onlyA.some((acc) => !excluded(b).includes(acc));
  if (onlyB) return onlyB.some((acc) => !excluded(a).includes(acc));
  return true;
}

/**
 * The problems of a StackSet (`mine`) with another of the same app (`other`): the same StackSet name
 * in the same administrator account and region, or, in a common account and region, the same bucket
 * names, role names (IAM: case-insensitive) or Palette location names.
 */
export function stackSetClashProblems(mine: StackSetFootprint, other: StackSetFootprint): string[] {
  const problems: string[] = [];
  const differ = (x?: string, y?: string) => (x !== undefined && y !== undefined ? x !== y : mine.stage !== other.stage);
  if (mine.stackSetName !== undefined && mine.stackSetName === other.stackSetName
    && !differ(mine.adminAccount, other.adminAccount) && !differ(mine.adminRegion, other.adminRegion)) {
    problems.push(
      `stackSetName "${mine.stackSetName}" is also the name of the StackSet at ${other.path}, in the same administrator account and region: `
      + 'CloudFormation would fail the second (or, after a rename, replace the first and its stack instances); give each StackSet its own name',
    );
  }
  const regions = mine.regions.filter((r) => other.regions.includes(r));
  if (regions.length === 0 || !targetsOverlap(mine, other)) return problems;
  const where = `in the accounts both target, in ${regions.join(', ')}`;
  if (mine.bucketNamePrefix === other.bucketNamePrefix) {
    problems.push(`bucketNamePrefix "${mine.bucketNamePrefix}" is also the StackSet ${other.path}'s: ${where}, both would create the bucket "${mine.bucketNamePrefix}-<account>-<region>" and the second stack instance fails; give each StackSet its own bucketNamePrefix`);
  }
  if (mine.roleNamePrefix.toLowerCase() === other.roleNamePrefix.toLowerCase()) {
    const theirs = other.roleNamePrefix === mine.roleNamePrefix ? '' : ` ("${other.roleNamePrefix}": IAM names ignore case)`;
    problems.push(`roleNamePrefix "${mine.roleNamePrefix}" is also the StackSet ${other.path}'s${theirs}: ${where}, both would create the role "${mine.roleNamePrefix}-<region>" and the second stack instance fails; give each StackSet its own roleNamePrefix`);
  }
  if (mine.locationNamePrefix === other.locationNamePrefix) {
    problems.push(`locationNamePrefix "${mine.locationNamePrefix}" is also the StackSet ${other.path}'s: ${where}, both registrations would name a Palette location "${mine.locationNamePrefix}-<account>-<region>"; give each StackSet its own locationNamePrefix (or bucketNamePrefix)`);
  }
  return problems;
}

/**
 * The problems of the (account, region) targets of one registration: none, the same target twice
 * (two Terraform resources for one location), and `isDefault` for more than one location (Palette
 * keeps one default backup location).
 */
export function registrationTargetProblems(targets: readonly AccountRegion[], isDefault: boolean | undefined, prop: string = 'targets'): string[] {
  const problems: string[] = [];
  if (targets.length === 0) problems.push(`${prop} is empty; give the accounts and regions to register`);
  const repeated = duplicatesOf(targets.map((t) => `${t.account} ${t.region}`));
  if (repeated.length > 0) problems.push(`${prop} lists an account and region more than once (${repeated.join('; ')}): each would be a second Palette location of the same bucket; list each once`);
  if (isDefault === true && targets.length > 1) {
    problems.push(`isDefault is true for all ${targets.length} locations of ${prop}: Palette has one default backup location, so the registrations would take it from one another; `
      + 'register the default location alone with isDefault: true, and the others without it');
  }
  return problems;
}
