import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Aws, BootstraplessSynthesizer, CfnResource, Duration, Lazy, RemovalPolicy, Stack, Stage, Token } from 'aws-cdk-lib';
import * as cloudformation from 'aws-cdk-lib/aws-cloudformation';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { Construct, IConstruct } from 'constructs';
import { PaletteAccess, PaletteBackupLocation } from './backup-location';
import {
  AccountRegion,
  bucketNamePrefixRule,
  DEFAULT_STACKSET_ROLE_NAME_PREFIX,
  ORGANIZATIONAL_UNIT_ID,
  organizationalUnitProblems,
  partitionOfRegions,
  redundantOrganizationalUnits,
  regionPartitionProblems,
  registrationTargetProblems,
  roleNamePrefixRule,
  spectroCloudStackSetLocations,
  stackInstanceLimitProblems,
  STACKSET_DESCRIPTION,
  STACKSET_NAME,
  stackSetClashProblems,
  StackSetFootprint,
  STACKSETS_PER_ADMINISTRATOR,
  stackSetTagProblems,
  stringListProblems,
  stringProblem,
  templateBodyProblem,
} from '../../../policies/aws/palette-stackset';
import { AWS_ACCOUNT_ID, AWS_REGION, partitionOfRegion, STS_EXTERNAL_ID } from '../../../policies/aws/rules';
import {
  PALETTE_LOCATION_NAME,
  PaletteRegistrationOptions,
  SpectroCloudBackupStorageLocationArgs,
  spectroCloudTerraformJson,
} from '../../../policies/palette-wizard';
import { describeInput, ValidationProblems } from '../../../policies/validation';
import { singletonChild } from '../../private/singleton';
import { BackupBucketEncryption, BackupBucketProps } from '../backup-bucket';
import { problemsOf, warn } from '../private/common';

/** Where the StackSet is managed from (`CallAs`). */
export enum StackSetCallAs {
  /** The organization's management account. */
  SELF = 'SELF',
  /** A member account registered as a delegated administrator for StackSets. */
  DELEGATED_ADMIN = 'DELEGATED_ADMIN',
}

/** How the accounts given with the OUs narrow the targets (`AccountFilterType`). */
export enum StackSetAccountFilter {
  /** Only the given accounts of the OUs. */
  INTERSECTION = 'INTERSECTION',
  /** Every account of the OUs except the given ones. */
  DIFFERENCE = 'DIFFERENCE',
}

/** Whether the regions are deployed one after the other or at the same time (`RegionConcurrencyType`). */
export enum StackSetRegionConcurrency {
  /** One region at a time, in `regionOrder`. */
  SEQUENTIAL = 'SEQUENTIAL',
  /** All regions at the same time. */
  PARALLEL = 'PARALLEL',
}

/** How failures lower the concurrency (`ConcurrencyMode`). */
export enum StackSetConcurrencyMode {
  /** The concurrency never exceeds the failure tolerance + 1, and drops with each failure. */
  STRICT_FAILURE_TOLERANCE = 'STRICT_FAILURE_TOLERANCE',
  /** The concurrency stays at the maximum whatever fails. */
  SOFT_FAILURE_TOLERANCE = 'SOFT_FAILURE_TOLERANCE',
}

/** How many accounts a StackSet operation deploys at the same time, per region. */
export class StackSetConcurrency {
  /** At most this many accounts (`MaxConcurrentCount`, at least 1). */
  public static accounts(count: number): StackSetConcurrency {
    return new StackSetConcurrency(count, undefined);
  }

  /** At most this percentage of the accounts (`MaxConcurrentPercentage`, 1-100; rounded down, at least one account). */
  public static percentage(percentage: number): StackSetConcurrency {
    return new StackSetConcurrency(undefined, percentage);
  }

  /** @internal */
  public readonly _count?: number;
  /** @internal */
  public readonly _percentage?: number;

  private constructor(count: number | undefined, percentage: number | undefined) {
    this._count = count;
    this._percentage = percentage;
  }
}

/** How many accounts may fail, per region, before a StackSet operation stops. */
export class StackSetFailureTolerance {
  /** At most this many accounts (`FailureToleranceCount`, 0 or more). */
  public static accounts(count: number): StackSetFailureTolerance {
    return new StackSetFailureTolerance(count, undefined);
  }

  /** At most this percentage of the accounts (`FailureTolerancePercentage`, 0-100; rounded down). */
  public static percentage(percentage: number): StackSetFailureTolerance {
    return new StackSetFailureTolerance(undefined, percentage);
  }

  /** @internal */
  public readonly _count?: number;
  /** @internal */
  public readonly _percentage?: number;

  private constructor(count: number | undefined, percentage: number | undefined) {
    this._count = count;
    this._percentage = percentage;
  }
}

/** How CloudFormation runs the StackSet's operations (`OperationPreferences`). */
export interface StackSetOperationPreferences {
  /**
   * How many accounts are deployed at the same time, per region.
   *
   * @default StackSetConcurrency.accounts(1)
   */
  readonly maxConcurrency?: StackSetConcurrency;

  /**
   * How many accounts may fail, per region, before the operation stops (and skips later regions).
   *
   * @default StackSetFailureTolerance.accounts(0)
   */
  readonly failureTolerance?: StackSetFailureTolerance;

  /**
   * Whether failures lower the concurrency.
   *
   * @default StackSetConcurrencyMode.STRICT_FAILURE_TOLERANCE
   */
  readonly concurrencyMode?: StackSetConcurrencyMode;

  /**
   * Regions one after the other, or all at once.
   *
   * @default StackSetRegionConcurrency.SEQUENTIAL
   */
  readonly regionConcurrency?: StackSetRegionConcurrency;

  /**
   * The order of the regions: each of `regions` once.
   *
   * @default - the order of `regions`
   */
  readonly regionOrder?: string[];
}

/** How the names of each account's location are made; the same for the StackSet and the registrations. */
export interface PaletteStackSetNaming {
  /**
   * The buckets are named `<bucketNamePrefix>-<account ID>-<region>`. Checked at synth time against
   * S3's rules and 63-character limit for the longest target region. S3 names are global: anyone
   * could create a bucket of that name first, and the stack instance then fails (register a location
   * in Palette only once its stack instance succeeded). A literal: a token is refused. Two StackSets
   * of one app with the same prefix in a common account and region are refused.
   */
  readonly bucketNamePrefix: string;

  /**
   * The roles are named `<roleNamePrefix>-<region>` (IAM names are global to an account, and the
   * StackSet deploys one stack per region). A literal; two StackSets of one app with the same prefix
   * (IAM ignores case) in a common account and region are refused: give each its own.
   *
   * @default 'palette-backup'
   */
  readonly roleNamePrefix?: string;

  /**
   * Palette's location names are `<locationNamePrefix>-<account ID>-<region>`.
   *
   * @default - the bucket name prefix
   */
  readonly locationNamePrefix?: string;
}

/** A stack instance: an account and a region. */
export interface PaletteStackSetTarget {
  /** The 12-digit account ID. */
  readonly account: string;
  /** The region. */
  readonly region: string;
}

/** What the Palette registrations of a StackSet's locations are made from. */
export interface PaletteStackSetRegistrationProps extends PaletteStackSetNaming, PaletteRegistrationOptions {
  /** The external ID Palette generated (the same in every account). */
  readonly externalId: string;
  /** The accounts and regions to register (literals, each once; the regions of one partition). */
  readonly targets: PaletteStackSetTarget[];
  /**
   * The partition of the accounts; it must be the partition of the targets' regions.
   *
   * @default - the partition of the targets' regions ('aws' for us-east-1, 'aws-us-gov' for us-gov-west-1, 'aws-cn' for cn-north-1)
   */
  readonly partition?: string;
}

/** Properties of a PaletteStackSetBackupLocation. */
export interface PaletteStackSetBackupLocationProps extends PaletteStackSetNaming {
  /**
   * The StackSet's name (unique in the administrator account's region: two StackSets of one app with
   * the same name in the same administrator account and region are refused).
   */
  readonly stackSetName: string;

  /** Palette's AWS account ID, as the wizard shows it. */
  readonly paletteAccountId: string;

  /** The external ID Palette generated, as the wizard shows it (the same for every account). */
  readonly externalId: string;

  /** The organizational units (or the root) whose accounts get a location. */
  readonly organizationalUnitIds: string[];

  /**
   * The regions where each account gets a location: region codes as literals (the names and the
   * registrations are made from them), each once, all of one partition, the administrator stack's.
   */
  readonly regions: string[];

  /**
   * Accounts that narrow the OUs' accounts, with `accountFilter`.
   *
   * @default - every account of the OUs
   */
  readonly accounts?: string[];

  /**
   * How `accounts` narrow the OUs.
   *
   * @default StackSetAccountFilter.INTERSECTION when `accounts` are given
   */
  readonly accountFilter?: StackSetAccountFilter;

  /**
   * Deploy to accounts added to the OUs later (and, when they leave, keep their stacks: those
   * hold backups).
   *
   * @default true
   */
  readonly autoDeployment?: boolean;

  /**
   * Where the StackSet is managed from.
   *
   * @default StackSetCallAs.SELF
   */
  readonly callAs?: StackSetCallAs;

  /**
   * How CloudFormation runs the operations.
   *
   * @default - one account at a time, no failure tolerated, one region after the other in the order of `regions`
   */
  readonly operationPreferences?: StackSetOperationPreferences;

  /**
   * The StackSet's description (1-1,024 characters).
   *
   * @default - none
   */
  readonly description?: string;

  /**
   * What happens to the StackSet when it leaves the app or its stack is deleted. Deleting a StackSet
   * deletes every stack instance, and with them the roles Palette uses (the buckets are retained).
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * Properties of each account's bucket. Its name is made from `bucketNamePrefix`; a key or an
   * access-log bucket of this app cannot be used in other accounts (`encryption: KMS` creates a key in each).
   *
   * @default - BackupBucket's defaults
   */
  readonly bucketProps?: BackupBucketProps;

  /**
   * Grant the EC2 actions for EBS volume snapshots.
   *
   * @default true
   */
  readonly volumeSnapshots?: boolean;

  /**
   * Grant `s3:PutObjectTagging` for Velero's tagging option.
   *
   * @default false
   */
  readonly objectTagging?: boolean;

  /**
   * The longest session Palette may hold.
   *
   * @default Duration.hours(1)
   */
  readonly maxSessionDuration?: Duration;
}

/** The id of the app's singleton that lists its StackSets (a child of the app's root). */
const STACKSETS_OF_APP_ID = 'saas-backup-constructs.PaletteStackSets';

/**
 * The PaletteStackSetBackupLocations of one app, in the order they were created: a singleton child of
 * the app's root, so that the StackSets of one app are compared with one another (names that would
 * clash) and counted once (the quota warning), without module-level state.
 */
class StackSetsOfApp extends Construct {
  /** The app's list, created with its first StackSet. */
  public static of(scope: IConstruct): StackSetsOfApp {
    const root = scope.node.root;
    return singletonChild(root, STACKSETS_OF_APP_ID, StackSetsOfApp, () => new StackSetsOfApp(root as Construct, STACKSETS_OF_APP_ID));
  }

  /** The StackSets, each with what clash detection compares. */
  public readonly members: Array<{ readonly owner: PaletteStackSetBackupLocation; readonly footprint: StackSetFootprint }> = [];
}

/** Why a value the template carries must be a literal. */
const TEMPLATE_LITERAL = 'the template goes unchanged to every account, where no token of this app resolves, and the names Palette is given are made from it: give the literal value';
/** Why a region must be a literal. */
const REGION_LITERAL = 'the names must fit each region and Palette registers each location by its region code, so a token region could never be registered: give the region codes';
/** Why a registration's values must be literals. */
const REGISTRATION_LITERAL = 'a registration is a Terraform argument, where an aws-cdk-lib token never resolves: give the literal value';

/**
 * A Spectro Cloud Palette backup location in every account of organizational units, rolled out by
 * a service-managed CloudFormation StackSet (`AWS::CloudFormation::StackSet`).
 *
 * The template is a `PaletteBackupLocation` (STS), the same construct a single account deploys, in
 * a stack of its own app synthesized with the BootstraplessSynthesizer: no assets and nothing of the
 * CDK bootstrap in the target accounts. It goes inline as `TemplateBody`. Names are deterministic
 * (`<bucketNamePrefix>-<account>-<region>`, role `<roleNamePrefix>-<region>`), so Palette can be
 * given every location without reading an output: see `toSpectroCloudTerraform()`.
 */
export class PaletteStackSetBackupLocation extends Construct {
  /**
   * The `spectrocloud_backup_storage_location` arguments (Palette's wizard model) of the locations of
   * the given accounts and regions, with concrete values, from the naming alone.
   */
  public static spectroCloudTerraform(props: PaletteStackSetRegistrationProps): SpectroCloudBackupStorageLocationArgs[] {
    const problems = new ValidationProblems('PaletteStackSetBackupLocation.spectroCloudTerraform', Token.isUnresolved);
    if (props === undefined || props === null || typeof props !== 'object') {
      problems.add(`props are required, not ${describeInput(props, true)}; give at least bucketNamePrefix, externalId and targets`).throwIfAny();
    }
    const externalId = literalString(problems, props.externalId, 'externalId', true, 'give the external ID Palette generated', REGISTRATION_LITERAL);
    problems.check(STS_EXTERNAL_ID, externalId, 'externalId');
    const targets = checkTargets(problems, props.targets, 'targets');
    const regions = (targets ?? []).map((t) => t.region);
    checkNaming(problems, props, regions, REGISTRATION_LITERAL);
    const partition = literalString(problems, props.partition, 'partition', false, 'give the accounts\' partition, e.g. "aws"', REGISTRATION_LITERAL);
    problems.checkBoolean(props.isDefault, 'isDefault');
    for (const problem of regionPartitionProblems(regions, 'targets', partition)) problems.add(problem);
    // Repeats and defaults once every target is well formed (an empty list of well-formed ones is not "empty").
    if (targets && targets.length === (props.targets as unknown[]).length) {
      for (const problem of registrationTargetProblems(targets, props.isDefault)) problems.add(problem);
    }
    problems.throwIfAny();
    return registrations(props, targets ?? [], partition ?? partitionOfRegions(regions) ?? 'aws');
  }

  /**
   * `spectroCloudTerraform(props)` with the provider's exact snake_case argument names, as a
   * `spectrocloud_backup_storage_location` takes them in Terraform JSON.
   */
  public static spectroCloudTerraformJson(props: PaletteStackSetRegistrationProps): Array<Record<string, unknown>> {
    return PaletteStackSetBackupLocation.spectroCloudTerraform(props).map((args) => spectroCloudTerraformJson(args));
  }

  /** The StackSet. */
  public readonly stackSet: cloudformation.CfnStackSet;
  /** The stack whose template every account gets (in an app of its own: add nothing that needs assets). */
  public readonly templateStack: Stack;
  /** The location in the template. */
  public readonly location: PaletteBackupLocation;
  /** The StackSet's name. */
  public readonly stackSetName: string;
  /** The target regions. */
  public readonly regions: string[];
  /** The bucket name prefix. */
  public readonly bucketNamePrefix: string;
  /** The role name prefix. */
  public readonly roleNamePrefix: string;
  /** The Palette location name prefix. */
  public readonly locationNamePrefix: string;

  private readonly templateApp: App;
  private readonly externalId: string;
  private readonly accounts?: string[];
  private readonly accountFilter?: StackSetAccountFilter;
  /** The organization's management account, when the StackSet is managed from it (callAs SELF) and the stack's account is known. */
  private readonly managementAccount?: string;
  private rendered?: { readonly body: string; readonly problems: string[] };

  constructor(scope: Construct, id: string, props: PaletteStackSetBackupLocationProps) {
    super(scope, id);
    const app = StackSetsOfApp.of(this);
    const problems = problemsOf(this);
    if (props === undefined || props === null || typeof props !== 'object') {
      problems.add(`props are required, not ${describeInput(props, true)}; give at least stackSetName, paletteAccountId, externalId, organizationalUnitIds, regions and bucketNamePrefix`).throwIfAny();
    }
    const footprint = checkProps(this, problems, props);
    for (const other of app.members) {
      for (const problem of stackSetClashProblems(footprint, other.footprint)) problems.add(problem);
    }
    problems.throwIfAny();
    app.members.push({ owner: this, footprint });

    const roleNamePrefix = props.roleNamePrefix ?? DEFAULT_STACKSET_ROLE_NAME_PREFIX;
    const accountFilter = props.accounts !== undefined ? props.accountFilter ?? StackSetAccountFilter.INTERSECTION : undefined;
    const preferences = props.operationPreferences ?? {};
    const regionOrder = preferences.regionOrder ?? props.regions;

    this.stackSetName = props.stackSetName;
    this.regions = [...props.regions];
    this.bucketNamePrefix = props.bucketNamePrefix;
    this.roleNamePrefix = roleNamePrefix;
    this.locationNamePrefix = props.locationNamePrefix ?? props.bucketNamePrefix;
    this.externalId = props.externalId;
    this.accounts = props.accounts ? [...props.accounts] : undefined;
    this.accountFilter = accountFilter;
    const adminAccount = Stack.of(this).account;
    const fromManagement = (props.callAs ?? StackSetCallAs.SELF) === StackSetCallAs.SELF;
    this.managementAccount = fromManagement && !Token.isUnresolved(adminAccount) ? adminAccount : undefined;

    // The template: a stack of an app of its own (the caller's context, so the same feature flags),
    // without the bootstrap (assets refused) and without CDK metadata.
    this.templateApp = new App({
      outdir: mkdtempSync(join(tmpdir(), 'palette-stackset-')),
      autoSynth: false,
      analyticsReporting: false,
      context: this.node.getAllContext(),
      postCliContext: { 'aws:cdk:enable-path-metadata': false },
    });
    this.templateStack = new Stack(this.templateApp, 'Template', {
      synthesizer: new BootstraplessSynthesizer(),
      analyticsReporting: false,
      description: `Spectro Cloud Palette backup location, deployed by the StackSet ${props.stackSetName}`,
    });
    const bucket = props.bucketProps ?? {};
    this.location = new PaletteBackupLocation(this.templateStack, 'BackupLocation', {
      locationName: `${this.locationNamePrefix}-${Aws.ACCOUNT_ID}-${Aws.REGION}`,
      access: PaletteAccess.sts({
        paletteAccountId: props.paletteAccountId,
        externalId: props.externalId,
        roleName: `${roleNamePrefix}-${Aws.REGION}`,
        maxSessionDuration: props.maxSessionDuration,
      }),
      bucketProps: {
        bucketName: `${props.bucketNamePrefix}-${Aws.ACCOUNT_ID}-${Aws.REGION}`,
        encryption: bucket.encryption,
        versioned: bucket.versioned,
        noncurrentVersionExpiration: bucket.noncurrentVersionExpiration,
        abortIncompleteMultipartUploadAfter: bucket.abortIncompleteMultipartUploadAfter,
        lifecycleRules: bucket.lifecycleRules,
        removalPolicy: bucket.removalPolicy,
      },
      volumeSnapshots: props.volumeSnapshots,
      objectTagging: props.objectTagging,
      createOutputs: true,
    });

    const autoDeployment = props.autoDeployment ?? true;
    this.stackSet = new cloudformation.CfnStackSet(this, 'Resource', {
      stackSetName: props.stackSetName,
      description: props.description,
      permissionModel: 'SERVICE_MANAGED',
      callAs: props.callAs ?? StackSetCallAs.SELF,
      autoDeployment: autoDeployment ? { enabled: true, retainStacksOnAccountRemoval: true } : { enabled: false },
      capabilities: ['CAPABILITY_NAMED_IAM'],
      operationPreferences: {
        maxConcurrentCount: preferences.maxConcurrency?._percentage === undefined ? preferences.maxConcurrency?._count ?? 1 : undefined,
        maxConcurrentPercentage: preferences.maxConcurrency?._percentage,
        failureToleranceCount: preferences.failureTolerance?._percentage === undefined ? preferences.failureTolerance?._count ?? 0 : undefined,
        failureTolerancePercentage: preferences.failureTolerance?._percentage,
        concurrencyMode: preferences.concurrencyMode ?? StackSetConcurrencyMode.STRICT_FAILURE_TOLERANCE,
        regionConcurrencyType: preferences.regionConcurrency ?? StackSetRegionConcurrency.SEQUENTIAL,
        regionOrder: [...regionOrder],
      },
      stackInstancesGroup: [{
        deploymentTargets: {
          organizationalUnitIds: [...props.organizationalUnitIds],
          accounts: this.accounts,
          accountFilterType: accountFilter,
        },
        regions: [...props.regions],
      }],
      templateBody: Lazy.string({ produce: () => this.render().body }),
    });
    this.stackSet.applyRemovalPolicy(props.removalPolicy ?? RemovalPolicy.RETAIN);

    this.warnAboutConcurrency(preferences);
    this.warnAboutTargets(props);
    this.warnAboutRegions();
    this.node.addValidation({ validate: () => [...this.render().problems, ...this.tagProblems(), ...this.stackSetCountProblems()] });
  }

  /**
   * The `spectrocloud_backup_storage_location` arguments (Palette's wizard model) of this StackSet's
   * locations in the given accounts and regions (each region must be a target region), with
   * concrete values. `spectroCloudTerraformJson` gives them with the provider's snake_case names.
   *
   * @param partition the accounts' partition (default: the partition of the StackSet's regions)
   */
  public toSpectroCloudTerraform(targets: PaletteStackSetTarget[], partition?: string): SpectroCloudBackupStorageLocationArgs[] {
    const problems = new ValidationProblems(this.node.path, Token.isUnresolved);
    const valid = checkTargets(problems, targets, 'targets') ?? [];
    const accountsKnown = this.accounts === undefined || (!Token.isUnresolved(this.accounts) && !this.accounts.some((a) => Token.isUnresolved(a)));
    problems.addIf(!accountsKnown, 'the StackSet\'s accounts are or hold a token: which accounts get a location is unknown at synth time, so none can be registered; give the accounts as literals');
    valid.forEach((t, i) => {
      problems.addIf(!this.regions.includes(t.region), `targets[${i}].region ${t.region} is not a region of the StackSet (${this.regions.join(', ')}): no location there`);
      problems.addIf(
        t.account === this.managementAccount,
        `targets[${i}].account ${t.account} is the management account (the account of the StackSet's stack, with callAs SELF): `
        + 'a service-managed StackSet never deploys to the management account, so no location is there',
      );
      if (this.accounts !== undefined && accountsKnown) {
        const listed = this.accounts.includes(t.account);
        problems.addIf(
          this.accountFilter === StackSetAccountFilter.INTERSECTION ? !listed : listed,
          `targets[${i}].account ${t.account} is ${this.accountFilter === StackSetAccountFilter.INTERSECTION ? 'not one of' : 'excluded by'} the StackSet's accounts: no location there`,
        );
      }
    });
    const given = literalString(problems, partition, 'partition', false, 'give the accounts\' partition, e.g. "aws"', REGISTRATION_LITERAL);
    for (const problem of regionPartitionProblems(this.regions, 'the StackSet\'s regions', given)) problems.add(problem);
    if (Array.isArray(targets) && targets.length === valid.length) {
      for (const problem of registrationTargetProblems(valid, undefined)) problems.add(problem);
    }
    problems.throwIfAny();
    return registrations({
      bucketNamePrefix: this.bucketNamePrefix,
      roleNamePrefix: this.roleNamePrefix,
      locationNamePrefix: this.locationNamePrefix,
      externalId: this.externalId,
    }, valid, given ?? partitionOfRegions(this.regions) ?? 'aws');
  }

  /** `toSpectroCloudTerraform(targets)` with the provider's exact snake_case names (Terraform JSON). */
  public toSpectroCloudTerraformJson(targets: PaletteStackSetTarget[], partition?: string): Array<Record<string, unknown>> {
    return this.toSpectroCloudTerraform(targets, partition).map((args) => spectroCloudTerraformJson(args));
  }

  /** The template every account gets, as the JSON text of `TemplateBody`. */
  public get templateBody(): string {
    return this.render().body;
  }

  /** Synthesizes the template's app once and checks what a StackSet cannot deploy. */
  private render(): { readonly body: string; readonly problems: string[] } {
    if (this.rendered) return this.rendered;
    const outdir = this.templateApp.outdir;
    // A failed synthesis leaves its output (a validation report, say) in outdir for inspection.
    this.templateApp.synth();
    try {
      const template = JSON.parse(readFileSync(join(outdir, this.templateStack.templateFile), 'utf8')) as TemplateJson;
      const assetManifest = join(outdir, `${this.templateStack.artifactId}.assets.json`);
      const assets: AssetManifestJson = existsSync(assetManifest) ? JSON.parse(readFileSync(assetManifest, 'utf8')) as AssetManifestJson : {};
      const body = JSON.stringify(template);
      const problems: string[] = [];
      const assetIds = [...Object.keys(assets.files ?? {}), ...Object.keys(assets.dockerImages ?? {})];
      if (assetIds.length > 0) {
        problems.push(`The StackSet's template has assets (${assetIds.join(', ')}), which need the CDK bootstrap in every target account; remove what added them to templateStack`);
      }
      const parameters = Object.keys(template.Parameters ?? {});
      if (parameters.length > 0) problems.push(`The StackSet's template has parameters (${parameters.join(', ')}), which the StackSet does not set; remove them from templateStack`);
      if (template.Transform !== undefined) problems.push('The StackSet\'s template uses a transform (macro), which StackSets do not support; remove it from templateStack');
      const size = templateBodyProblem(Buffer.byteLength(body, 'utf8'));
      if (size) problems.push(size);
      this.forwardWarnings();
      this.rendered = { body, problems };
      return this.rendered;
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  }

  /** The template's warnings, shown on this construct (the template's app is not the caller's). */
  private forwardWarnings(): void {
    for (const c of this.templateStack.node.findAll()) {
      for (const entry of c.node.metadata) {
        if (entry.type === 'aws:cdk:warning') warn(this, 'StackSetTemplateWarning', `${c.node.path}: ${String(entry.data)}`);
      }
    }
  }

  private stackSetCountProblems(): string[] {
    const app = StackSetsOfApp.of(this);
    if (app.members[0]?.owner !== this) return [];
    const count = this.node.root.node.findAll().filter((c: IConstruct) => CfnResource.isCfnResource(c) && c.cfnResourceType === 'AWS::CloudFormation::StackSet').length;
    if (count > STACKSETS_PER_ADMINISTRATOR) {
      warn(
        this,
        'StackSetQuota',
        `This app defines ${count} StackSets; an administrator account may have ${STACKSETS_PER_ADMINISTRATOR} by default (StackSets quota "stack sets per administrator account"). `
        + 'Raise the quota through Service Quotas before deploying, or target more OUs and regions with fewer StackSets.',
      );
    }
    return [];
  }

  /** The problems of the tags the StackSet gets (`Tags.of(scope).add` reaches it, and through it every stack instance). */
  private tagProblems(): string[] {
    const rendered = Stack.of(this).resolve(this.stackSet.tags.renderTags()) as Array<Record<string, string>> | undefined;
    return stackSetTagProblems((rendered ?? []).map((t) => ({ key: t.Key ?? t.key, value: t.Value ?? t.value })));
  }

  private warnAboutConcurrency(preferences: StackSetOperationPreferences): void {
    const max = preferences.maxConcurrency?._count;
    const tolerance = preferences.failureTolerance?._percentage === undefined ? preferences.failureTolerance?._count ?? 0 : undefined;
    const mode = preferences.concurrencyMode ?? StackSetConcurrencyMode.STRICT_FAILURE_TOLERANCE;
    const strict = mode === StackSetConcurrencyMode.STRICT_FAILURE_TOLERANCE;
    if (strict && max !== undefined && tolerance !== undefined && !Token.isUnresolved(max) && max > tolerance + 1) {
      warn(
        this,
        'StackSetConcurrency',
        `maxConcurrency is ${max} accounts but failureTolerance is ${tolerance}: with STRICT_FAILURE_TOLERANCE CloudFormation deploys at most ${tolerance + 1} at a time. `
        + 'Raise failureTolerance, or set concurrencyMode: SOFT_FAILURE_TOLERANCE.',
      );
    }
    if (preferences.regionOrder !== undefined && preferences.regionConcurrency === StackSetRegionConcurrency.PARALLEL) {
      warn(
        this,
        'StackSetRegionOrderIgnored',
        'operationPreferences.regionOrder has no effect with regionConcurrency PARALLEL: every region is deployed at the same time. '
        + 'Remove regionOrder, or use SEQUENTIAL to deploy the regions in that order.',
      );
    }
  }

  /** Warnings about targets that are merely redundant or get nothing. */
  private warnAboutTargets(props: PaletteStackSetBackupLocationProps): void {
    if (!Token.isUnresolved(props.organizationalUnitIds)) {
      const redundant = redundantOrganizationalUnits(props.organizationalUnitIds, 'organizationalUnitIds');
      if (redundant) warn(this, 'StackSetRedundantOrganizationalUnits', redundant);
    }
    const management = this.managementAccount;
    if (management !== undefined && this.accountFilter === StackSetAccountFilter.INTERSECTION && this.accounts?.includes(management)) {
      warn(
        this,
        'StackSetManagementAccount',
        `accounts lists ${this.managementAccount}, the management account (the account of the StackSet's stack, with callAs SELF): a service-managed StackSet never deploys `
        + 'to the management account, so it gets no location. Remove it from accounts (deploy a PaletteBackupLocation there if it needs one).',
      );
    }
  }

  /** Warnings about regions aws-cdk-lib does not know, and opt-in regions, where stack instances fail unless each account enabled them. */
  private warnAboutRegions(): void {
    const known = new Set(RegionInfo.regions.map((r) => r.name));
    const unknown = this.regions.filter((r) => !known.has(r));
    if (unknown.length > 0) {
      warn(
        this,
        'StackSetUnknownRegion',
        `regions: ${unknown.join(', ')} ${unknown.length === 1 ? 'is not a region' : 'are not regions'} of aws-cdk-lib's RegionInfo, so ${unknown.length === 1 ? 'it' : 'they'} may not exist: `
        + 'the StackSet operation fails at a region that does not exist. Check the region codes; acknowledge this warning only for a region newer than your aws-cdk-lib.',
      );
    }
    const optIn = this.regions.filter((r) => RegionInfo.get(r).isOptInRegion);
    if (optIn.length > 0) {
      warn(
        this,
        'StackSetOptInRegion',
        `regions: ${optIn.join(', ')} ${optIn.length === 1 ? 'is an opt-in region' : 'are opt-in regions'}: the stack instance fails in every target account that has not enabled `
        + `${optIn.length === 1 ? 'it' : 'them'}, and each failure counts against failureTolerance. Enable the regions in every target account first (AWS Account Management), or remove them.`,
      );
    }
  }
}

/** The parts of a template the StackSet checks. */
interface TemplateJson {
  readonly Parameters?: Record<string, unknown>;
  readonly Transform?: unknown;
}

/** The parts of an asset manifest the StackSet checks. */
interface AssetManifestJson {
  readonly files?: Record<string, unknown>;
  readonly dockerImages?: Record<string, unknown>;
}

/**
 * A string prop: its problems when it is missing (`required`), not a string (a JavaScript caller) or,
 * with `literal`, an unresolved token; the string, or undefined.
 */
function literalString(
  problems: ValidationProblems, value: unknown, prop: string, required: boolean, fix: string, literal?: string,
): string | undefined {
  const problem = stringProblem(value, prop, required, fix);
  if (problem !== undefined) {
    problems.add(problem);
    return undefined;
  }
  if (typeof value !== 'string') return undefined;
  if (literal !== undefined && Token.isUnresolved(value)) {
    problems.add(`${prop} is an unresolved token; ${literal}`);
    return undefined;
  }
  return value;
}

/**
 * A list of strings: its problems (missing, not a list, an element that is not a string, repeats;
 * with `literal`, tokens); the strings, or undefined. A list that is itself a token (a
 * CommaDelimitedList parameter) is returned as is when `literal` is not given.
 */
function literalList(
  problems: ValidationProblems, values: unknown, prop: string, what: string, required: boolean, fix: string, literal?: string,
): string[] | undefined {
  if (Array.isArray(values) && Token.isUnresolved(values)) {
    if (literal === undefined) return values as string[];
    problems.add(`${prop} is an unresolved token; ${literal}`);
    return undefined;
  }
  const { values: strings, problems: found } = stringListProblems(values, prop, what, required, fix);
  for (const problem of found) problems.add(problem);
  if (strings === undefined || literal === undefined) return strings;
  strings.forEach((v, i) => problems.addIf(Token.isUnresolved(v), `${prop}[${i}] is an unresolved token; ${literal}`));
  return strings.filter((v) => !Token.isUnresolved(v));
}

/** An object prop (an interface): anything else is a JavaScript caller's mistake. */
function isObjectProp(problems: ValidationProblems, value: unknown, prop: string, what: string): boolean {
  if (value === undefined) return false;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    problems.add(`${prop} must be ${what}, not ${describeInput(value, true)}`);
    return false;
  }
  return true;
}

/** Every problem of a StackSet's props; what clash detection compares with the app's other StackSets. */
function checkProps(scope: Construct, problems: ValidationProblems, props: PaletteStackSetBackupLocationProps): StackSetFootprint {
  const stackSetName = literalString(problems, props.stackSetName, 'stackSetName', true, 'give the StackSet\'s name');
  problems.check(STACKSET_NAME, stackSetName, 'stackSetName');
  const paletteAccountId = literalString(problems, props.paletteAccountId, 'paletteAccountId', true, 'give Palette\'s AWS account ID as the wizard shows it', TEMPLATE_LITERAL);
  problems.check(AWS_ACCOUNT_ID, paletteAccountId, 'paletteAccountId');
  const externalId = literalString(problems, props.externalId, 'externalId', true, 'give the external ID the wizard shows', TEMPLATE_LITERAL);
  problems.check(STS_EXTERNAL_ID, externalId, 'externalId');

  const ouFix = 'give the OU IDs (or the root ID) whose accounts get a location, e.g. ["ou-ab12-cdef3456"]';
  const ous = literalList(problems, props.organizationalUnitIds, 'organizationalUnitIds', 'an OU', true, ouFix);
  const ousKnown = ous !== undefined && !Token.isUnresolved(ous);
  problems.checkEach(ORGANIZATIONAL_UNIT_ID, ous, 'organizationalUnitIds');
  if (ousKnown) {
    problems.addIf(ous.length === 0 && Array.isArray(props.organizationalUnitIds) && props.organizationalUnitIds.length === 0, 'organizationalUnitIds is empty; give the OUs (or the root) whose accounts get a location');
    for (const problem of organizationalUnitProblems(ous, 'organizationalUnitIds')) problems.add(problem);
  }

  const accounts = literalList(problems, props.accounts, 'accounts', 'an account', false, 'give 12-digit account IDs as strings');
  const accountsKnown = accounts !== undefined && !Token.isUnresolved(accounts);
  problems
    .checkEach(AWS_ACCOUNT_ID, accounts, 'accounts')
    .addIf(accountsKnown && accounts.length === 0 && Array.isArray(props.accounts) && props.accounts.length === 0, 'accounts is empty; remove it to target every account of the OUs')
    .addIf(props.accountFilter !== undefined && props.accounts === undefined, 'accountFilter needs accounts; add them or remove accountFilter');
  problems.checkOneOf(props.accountFilter, Object.values(StackSetAccountFilter), 'accountFilter', 'account filter');

  const regions = literalList(problems, props.regions, 'regions', 'a region', true, 'give the region codes where each account gets a location, e.g. ["us-east-1"]', REGION_LITERAL) ?? [];
  problems
    .checkEach(AWS_REGION, regions, 'regions')
    .addIf(Array.isArray(props.regions) && props.regions.length === 0, 'regions is empty; give the regions where each account gets a location');
  for (const problem of regionPartitionProblems(regions, 'regions')) problems.add(problem);
  const stack = Stack.of(scope);
  const adminPartition = Token.isUnresolved(stack.region) ? undefined : partitionOfRegion(stack.region);
  const targetPartition = partitionOfRegions(regions);
  problems.addIf(
    adminPartition !== undefined && targetPartition !== undefined && adminPartition !== targetPartition,
    `regions are in ${targetPartition} but the StackSet's stack ${stack.node.path} is in ${stack.region} (${adminPartition}): a StackSet deploys only within its administrator account's partition; `
    + 'deploy this stack in the regions\' partition',
  );

  const naming = checkNaming(problems, props, regions.filter((r) => AWS_REGION.check(r).length === 0), TEMPLATE_LITERAL);
  const description = literalString(problems, props.description, 'description', false, 'describe the StackSet');
  problems.check(STACKSET_DESCRIPTION, description, 'description');
  problems.checkOneOf(props.callAs, Object.values(StackSetCallAs), 'callAs', 'StackSet CallAs');
  problems.checkBoolean(props.autoDeployment, 'autoDeployment');
  problems.checkBoolean(props.volumeSnapshots, 'volumeSnapshots');
  problems.checkBoolean(props.objectTagging, 'objectTagging');
  problems.checkOneOf(props.removalPolicy, Object.values(RemovalPolicy), 'removalPolicy', 'removal policy');
  problems.addIf(
    props.maxSessionDuration !== undefined && !(props.maxSessionDuration instanceof Duration),
    `maxSessionDuration must be a Duration such as Duration.hours(1), not ${describeInput(props.maxSessionDuration, true)}`,
  );
  checkBucketProps(problems, props.bucketProps);
  const preferences: StackSetOperationPreferences = isObjectProp(problems, props.operationPreferences, 'operationPreferences', 'an object of StackSetOperationPreferences')
    ? props.operationPreferences ?? {} : {};
  checkPreferences(problems, preferences, regions);
  if (ousKnown) {
    for (const problem of stackInstanceLimitProblems({
      organizationalUnitIds: ous,
      accounts: accountsKnown ? accounts : undefined,
      filter: accounts !== undefined ? props.accountFilter ?? StackSetAccountFilter.INTERSECTION : undefined,
      regions,
    })) problems.add(problem);
  }

  const known = (v: string | undefined) => (v === undefined || Token.isUnresolved(v) ? undefined : v);
  return {
    path: scope.node.path,
    stackSetName: known(stackSetName),
    adminAccount: known(stack.account),
    adminRegion: known(stack.region),
    stage: Stage.of(stack)?.node.path || undefined,
    organizationalUnitIds: ousKnown ? ous : [],
    accounts: accountsKnown ? accounts : undefined,
    filter: accounts !== undefined ? props.accountFilter ?? StackSetAccountFilter.INTERSECTION : undefined,
    regions,
    ...naming,
  };
}

/** The naming's problems; the names must fit the longest of `regions`. Tokens are refused (`literal` says why). */
function checkNaming(
  problems: ValidationProblems, props: PaletteStackSetNaming, regions: readonly string[], literal: string,
): { bucketNamePrefix: string; roleNamePrefix: string; locationNamePrefix: string } {
  const bucketNamePrefix = literalString(problems, props.bucketNamePrefix, 'bucketNamePrefix', true, 'give the prefix of the bucket names, e.g. "acme-palette"', literal);
  const roleNamePrefix = literalString(problems, props.roleNamePrefix, 'roleNamePrefix', false, 'give the prefix of the role names, e.g. "palette-backup"', literal);
  const locationNamePrefix = literalString(problems, props.locationNamePrefix, 'locationNamePrefix', false, 'give the prefix of Palette\'s location names', literal);
  const padded = locationNamePrefix !== undefined && locationNamePrefix.trim().length > 0 && locationNamePrefix.trim() !== locationNamePrefix;
  problems
    .check(bucketNamePrefixRule(regions), bucketNamePrefix, 'bucketNamePrefix')
    .check(roleNamePrefixRule(regions), roleNamePrefix ?? DEFAULT_STACKSET_ROLE_NAME_PREFIX, 'roleNamePrefix')
    .checkNotBlank(locationNamePrefix, 'locationNamePrefix', 'remove it to use the bucket name prefix')
    .addIf(padded, `locationNamePrefix ${JSON.stringify(locationNamePrefix)} has leading or trailing white space, which Palette's location names would carry; remove it`);
  // The names Palette gets, through the wizard's own rule for a location name (for the longest region).
  const prefix = locationNamePrefix ?? bucketNamePrefix;
  if (prefix !== undefined && prefix.trim().length > 0 && !padded) {
    const longest = regions.reduce((a, b) => (b.length > a.length ? b : a), 'us-east-1');
    problems.check(PALETTE_LOCATION_NAME, `${prefix}-000000000000-${longest}`, locationNamePrefix !== undefined ? 'locationNamePrefix' : 'bucketNamePrefix');
  }
  return {
    bucketNamePrefix: bucketNamePrefix ?? '',
    roleNamePrefix: roleNamePrefix ?? DEFAULT_STACKSET_ROLE_NAME_PREFIX,
    locationNamePrefix: locationNamePrefix ?? bucketNamePrefix ?? '',
  };
}

function checkBucketProps(problems: ValidationProblems, bucketProps: BackupBucketProps | undefined): void {
  if (!isObjectProp(problems, bucketProps, 'bucketProps', 'an object of BackupBucketProps') || !bucketProps) return;
  problems
    .addIf(bucketProps.bucketName !== undefined, 'bucketProps.bucketName: every account\'s bucket is named "<bucketNamePrefix>-<account>-<region>"; remove it and set bucketNamePrefix')
    .addIf(
      bucketProps.encryptionKey !== undefined,
      'bucketProps.encryptionKey: a key of this app cannot be used in the target accounts; remove it (encryption: BackupBucketEncryption.KMS creates a key in each account)',
    )
    .addIf(
      bucketProps.serverAccessLogsBucket !== undefined || bucketProps.serverAccessLogsPrefix !== undefined,
      'bucketProps.serverAccessLogsBucket/serverAccessLogsPrefix: a bucket of this app cannot receive the logs of the target accounts; remove them',
    );
  problems.checkOneOf(bucketProps.encryption, Object.values(BackupBucketEncryption), 'bucketProps.encryption', 'bucket encryption');
}

function checkPreferences(problems: ValidationProblems, preferences: StackSetOperationPreferences, regions: readonly string[]): void {
  const whole = (v: number, min: number, max: number) => Token.isUnresolved(v) || (Number.isInteger(v) && v >= min && v <= max);
  const concurrency = preferences.maxConcurrency;
  const tolerance = preferences.failureTolerance;
  const concurrencyClass = concurrency === undefined || concurrency instanceof StackSetConcurrency;
  const toleranceClass = tolerance === undefined || tolerance instanceof StackSetFailureTolerance;
  problems
    .addIf(!concurrencyClass, `operationPreferences.maxConcurrency must be StackSetConcurrency.accounts(n) or StackSetConcurrency.percentage(p), not ${describeInput(concurrency, true)}`)
    .addIf(!toleranceClass, `operationPreferences.failureTolerance must be StackSetFailureTolerance.accounts(n) or StackSetFailureTolerance.percentage(p), not ${describeInput(tolerance, true)}`)
    .addIf(concurrencyClass && concurrency?._count !== undefined && !whole(concurrency._count, 1, Number.MAX_SAFE_INTEGER), `operationPreferences.maxConcurrency: StackSetConcurrency.accounts(${concurrency?._count}) must be a whole number of at least 1`)
    .addIf(concurrencyClass && concurrency?._percentage !== undefined && !whole(concurrency._percentage, 1, 100), `operationPreferences.maxConcurrency: StackSetConcurrency.percentage(${concurrency?._percentage}) must be a whole number from 1 to 100`)
    .addIf(toleranceClass && tolerance?._count !== undefined && !whole(tolerance._count, 0, Number.MAX_SAFE_INTEGER), `operationPreferences.failureTolerance: StackSetFailureTolerance.accounts(${tolerance?._count}) must be a whole number of at least 0`)
    .addIf(toleranceClass && tolerance?._percentage !== undefined && !whole(tolerance._percentage, 0, 100), `operationPreferences.failureTolerance: StackSetFailureTolerance.percentage(${tolerance?._percentage}) must be a whole number from 0 to 100`);
  problems.checkOneOf(preferences.concurrencyMode, Object.values(StackSetConcurrencyMode), 'operationPreferences.concurrencyMode', 'concurrency mode');
  problems.checkOneOf(preferences.regionConcurrency, Object.values(StackSetRegionConcurrency), 'operationPreferences.regionConcurrency', 'region concurrency');
  if (preferences.regionOrder === undefined) return;
  const order = literalList(problems, preferences.regionOrder, 'operationPreferences.regionOrder', 'a region', false, 'list each of regions once', REGION_LITERAL);
  if (order === undefined || order.length !== preferences.regionOrder.length) return;
  const sameRegions = new Set(order).size === order.length && order.length === regions.length
    && [...order].sort().join() === [...regions].sort().join();
  problems.addIf(!sameRegions, `operationPreferences.regionOrder (${order.join(', ')}) must list each of regions (${regions.join(', ')}) once`);
}

/** A registration's (account, region) targets: their problems, and the well-formed ones. */
function checkTargets(problems: ValidationProblems, targets: unknown, prop: string): AccountRegion[] | undefined {
  if (targets === undefined || targets === null) {
    problems.add(`${prop} is required; give the accounts and regions to register, e.g. [{ account: '111122223333', region: 'us-east-1' }]`);
    return undefined;
  }
  if (Token.isUnresolved(targets)) {
    problems.add(`${prop} is an unresolved token; ${REGISTRATION_LITERAL}`);
    return undefined;
  }
  if (!Array.isArray(targets)) {
    problems.add(`${prop} must be a list of { account, region }, not ${describeInput(targets, true)}`);
    return undefined;
  }
  const valid: AccountRegion[] = [];
  targets.forEach((t: unknown, i) => {
    if (t === null || typeof t !== 'object' || Array.isArray(t)) {
      problems.add(`${prop}[${i}] must be an object { account, region }, not ${describeInput(t, true)}`);
      return;
    }
    const target = t as Partial<Record<'account' | 'region', unknown>>;
    const account = literalString(problems, target.account, `${prop}[${i}].account`, true, 'give the 12-digit account ID as a string (a number loses leading zeros)', REGISTRATION_LITERAL);
    const region = literalString(problems, target.region, `${prop}[${i}].region`, true, 'give the region code, e.g. "us-east-1"', REGISTRATION_LITERAL);
    problems.check(AWS_ACCOUNT_ID, account, `${prop}[${i}].account`).check(AWS_REGION, region, `${prop}[${i}].region`);
    if (account !== undefined && region !== undefined) valid.push({ account, region });
  });
  return valid;
}

function registrations(
  options: PaletteRegistrationOptions & PaletteStackSetNaming & { readonly externalId: string },
  targets: readonly AccountRegion[],
  partition: string,
): SpectroCloudBackupStorageLocationArgs[] {
  return spectroCloudStackSetLocations({
    bucketNamePrefix: options.bucketNamePrefix,
    roleNamePrefix: options.roleNamePrefix ?? DEFAULT_STACKSET_ROLE_NAME_PREFIX,
    locationNamePrefix: options.locationNamePrefix ?? options.bucketNamePrefix,
    externalId: options.externalId,
    partition,
    targets,
    context: options.context,
    isDefault: options.isDefault,
  });
}
