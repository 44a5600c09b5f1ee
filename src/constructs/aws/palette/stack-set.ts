import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Aws, BootstraplessSynthesizer, CfnResource, Duration, Lazy, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as cloudformation from 'aws-cdk-lib/aws-cloudformation';
import { Construct, IConstruct } from 'constructs';
import { PaletteAccess, PaletteBackupLocation } from './backup-location';
import {
  bucketNamePrefixRule,
  DEFAULT_STACKSET_ROLE_NAME_PREFIX,
  ORGANIZATIONAL_UNIT_ID,
  roleNamePrefixRule,
  spectroCloudStackSetLocations,
  stackInstanceLimitProblems,
  STACKSET_NAME,
  STACKSETS_PER_ADMINISTRATOR,
  templateBodyProblem,
} from '../../../policies/aws/palette-stackset';
import { AWS_ACCOUNT_ID, AWS_REGION, STS_EXTERNAL_ID } from '../../../policies/aws/rules';
import {
  PaletteRegistrationOptions,
  SpectroCloudBackupStorageLocationArgs,
  spectroCloudTerraformJson,
} from '../../../policies/palette-wizard';
import { ValidationProblems } from '../../../policies/validation';
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
   * in Palette only once its stack instance succeeded).
   */
  readonly bucketNamePrefix: string;

  /**
   * The roles are named `<roleNamePrefix>-<region>` (IAM names are global to an account, and the
   * StackSet deploys one stack per region).
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
  /** The accounts and regions to register. */
  readonly targets: PaletteStackSetTarget[];
  /**
   * The partition of the accounts.
   *
   * @default 'aws'
   */
  readonly partition?: string;
}

/** Properties of a PaletteStackSetBackupLocation. */
export interface PaletteStackSetBackupLocationProps extends PaletteStackSetNaming {
  /** The StackSet's name (unique in the administrator account's region). */
  readonly stackSetName: string;

  /** Palette's AWS account ID, as the wizard shows it. */
  readonly paletteAccountId: string;

  /** The external ID Palette generated, as the wizard shows it (the same for every account). */
  readonly externalId: string;

  /** The organizational units (or the root) whose accounts get a location. */
  readonly organizationalUnitIds: string[];

  /** The regions where each account gets a location. */
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
   * The StackSet's description.
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

/** The first PaletteStackSetBackupLocation of each app: it alone counts the app's StackSets (one walk of the app, one warning). */
const FIRST_IN_APP = new WeakMap<IConstruct, PaletteStackSetBackupLocation>();

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
    const problems = new ValidationProblems('PaletteStackSetBackupLocation.spectroCloudTerraform', Token.isUnresolved)
      .check(STS_EXTERNAL_ID, props.externalId, 'externalId')
      .addIf(props.targets.length === 0, 'targets is empty; give the accounts and regions to register');
    props.targets.forEach((t, i) => problems.check(AWS_ACCOUNT_ID, t.account, `targets[${i}].account`).check(AWS_REGION, t.region, `targets[${i}].region`));
    checkNaming(problems, props, props.targets.map((t) => t.region));
    problems.throwIfAny();
    return registrations(props, props.partition ?? 'aws');
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
  private rendered?: { readonly body: string; readonly problems: string[] };

  constructor(scope: Construct, id: string, props: PaletteStackSetBackupLocationProps) {
    super(scope, id);
    if (!FIRST_IN_APP.has(this.node.root)) FIRST_IN_APP.set(this.node.root, this);
    const roleNamePrefix = props.roleNamePrefix ?? DEFAULT_STACKSET_ROLE_NAME_PREFIX;
    const accountFilter = props.accounts !== undefined ? props.accountFilter ?? StackSetAccountFilter.INTERSECTION : undefined;
    const preferences = props.operationPreferences ?? {};
    const regionOrder = preferences.regionOrder ?? props.regions;

    const problems = problemsOf(this)
      .check(STACKSET_NAME, props.stackSetName, 'stackSetName')
      .check(AWS_ACCOUNT_ID, props.paletteAccountId, 'paletteAccountId')
      .check(STS_EXTERNAL_ID, props.externalId, 'externalId')
      .checkEach(ORGANIZATIONAL_UNIT_ID, props.organizationalUnitIds, 'organizationalUnitIds')
      .checkEach(AWS_ACCOUNT_ID, props.accounts, 'accounts')
      .addIf(props.organizationalUnitIds.length === 0, 'organizationalUnitIds is empty; give the OUs (or the root) whose accounts get a location')
      .addIf(props.accounts !== undefined && props.accounts.length === 0, 'accounts is empty; remove it to target every account of the OUs')
      .addIf(props.accountFilter !== undefined && props.accounts === undefined, 'accountFilter needs accounts; add them or remove accountFilter')
      .addIf(hasDuplicates(props.organizationalUnitIds), `organizationalUnitIds lists an OU twice: ${props.organizationalUnitIds.join(', ')}`)
      .checkEach(AWS_REGION, props.regions, 'regions')
      .addIf(props.regions.length === 0, 'regions is empty; give the regions where each account gets a location')
      .addIf(hasDuplicates(props.regions), `regions lists a region twice: ${props.regions.join(', ')}`)
      .checkNotBlank(props.description, 'description', 'remove it or describe the StackSet');
    checkNaming(problems, props, props.regions);
    checkBucketProps(problems, props.bucketProps);
    checkPreferences(problems, preferences, props.regions, regionOrder);
    for (const problem of stackInstanceLimitProblems({
      organizationalUnitIds: props.organizationalUnitIds,
      accounts: props.accounts,
      filter: accountFilter,
      regions: props.regions,
    })) problems.add(problem);
    problems.throwIfAny();

    this.stackSetName = props.stackSetName;
    this.regions = [...props.regions];
    this.bucketNamePrefix = props.bucketNamePrefix;
    this.roleNamePrefix = roleNamePrefix;
    this.locationNamePrefix = props.locationNamePrefix ?? props.bucketNamePrefix;
    this.externalId = props.externalId;
    this.accounts = props.accounts ? [...props.accounts] : undefined;
    this.accountFilter = accountFilter;

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
    this.node.addValidation({ validate: () => [...this.render().problems, ...this.stackSetCountProblems()] });
  }

  /**
   * The `spectrocloud_backup_storage_location` arguments (Palette's wizard model) of this StackSet's
   * locations in the given accounts and regions (each region must be a target region), with
   * concrete values. `spectroCloudTerraformJson` gives them with the provider's snake_case names.
   *
   * @param partition the accounts' partition (default 'aws')
   */
  public toSpectroCloudTerraform(targets: PaletteStackSetTarget[], partition?: string): SpectroCloudBackupStorageLocationArgs[] {
    const problems = new ValidationProblems(this.node.path, Token.isUnresolved);
    const props: PaletteStackSetRegistrationProps = {
      bucketNamePrefix: this.bucketNamePrefix,
      roleNamePrefix: this.roleNamePrefix,
      locationNamePrefix: this.locationNamePrefix,
      externalId: this.externalId,
      targets,
    };
    problems.addIf(targets.length === 0, 'targets is empty; give the accounts and regions to register');
    targets.forEach((t, i) => {
      problems.check(AWS_ACCOUNT_ID, t.account, `targets[${i}].account`);
      problems.addIf(!this.regions.includes(t.region), `targets[${i}].region ${t.region} is not a region of the StackSet (${this.regions.join(', ')}): no location there`);
      if (this.accounts !== undefined) {
        const listed = this.accounts.includes(t.account);
        problems.addIf(
          this.accountFilter === StackSetAccountFilter.INTERSECTION ? !listed : listed,
          `targets[${i}].account ${t.account} is ${this.accountFilter === StackSetAccountFilter.INTERSECTION ? 'not one of' : 'excluded by'} the StackSet's accounts: no location there`,
        );
      }
    });
    problems.throwIfAny();
    return registrations(props, partition ?? 'aws');
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
    if (FIRST_IN_APP.get(this.node.root) !== this) return [];
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

function hasDuplicates(values: readonly string[]): boolean {
  return new Set(values).size !== values.length;
}

/** The naming's problems; the names must fit the longest of `regions` (tokens are skipped). */
function checkNaming(problems: ValidationProblems, props: PaletteStackSetNaming, regions: readonly string[]): void {
  const concrete = regions.filter((r) => !Token.isUnresolved(r));
  problems
    .check(bucketNamePrefixRule(concrete), props.bucketNamePrefix, 'bucketNamePrefix')
    .check(roleNamePrefixRule(concrete), props.roleNamePrefix ?? DEFAULT_STACKSET_ROLE_NAME_PREFIX, 'roleNamePrefix')
    .checkNotBlank(props.locationNamePrefix, 'locationNamePrefix', 'remove it to use the bucket name prefix');
}

function checkBucketProps(problems: ValidationProblems, bucketProps: BackupBucketProps | undefined): void {
  if (!bucketProps) return;
  problems
    .addIf(bucketProps.bucketName !== undefined, 'bucketProps.bucketName: every account\'s bucket is named "<bucketNamePrefix>-<account>-<region>"; remove it and set bucketNamePrefix')
    .addIf(
      bucketProps.encryptionKey !== undefined,
      'bucketProps.encryptionKey: a key of this app cannot be used in the target accounts; remove it (encryption: BackupBucketEncryption.KMS creates a key in each account)',
    )
    .addIf(
      bucketProps.serverAccessLogsBucket !== undefined || bucketProps.serverAccessLogsPrefix !== undefined,
      'bucketProps.serverAccessLogsBucket/serverAccessLogsPrefix: a bucket of this app cannot receive the logs of the target accounts; remove them',
    )
    .addIf(
      bucketProps.encryption !== undefined
        && bucketProps.encryption !== BackupBucketEncryption.KMS
        && bucketProps.encryption !== BackupBucketEncryption.S3_MANAGED,
      `bucketProps.encryption: unknown value ${String(bucketProps.encryption)}`,
    );
}

function checkPreferences(
  problems: ValidationProblems,
  preferences: StackSetOperationPreferences,
  regions: readonly string[],
  regionOrder: readonly string[],
): void {
  const whole = (v: number, min: number, max: number) => Token.isUnresolved(v) || (Number.isInteger(v) && v >= min && v <= max);
  const concurrency = preferences.maxConcurrency;
  const tolerance = preferences.failureTolerance;
  problems
    .addIf(concurrency?._count !== undefined && !whole(concurrency._count, 1, Number.MAX_SAFE_INTEGER), `operationPreferences.maxConcurrency: StackSetConcurrency.accounts(${concurrency?._count}) must be a whole number of at least 1`)
    .addIf(concurrency?._percentage !== undefined && !whole(concurrency._percentage, 1, 100), `operationPreferences.maxConcurrency: StackSetConcurrency.percentage(${concurrency?._percentage}) must be a whole number from 1 to 100`)
    .addIf(tolerance?._count !== undefined && !whole(tolerance._count, 0, Number.MAX_SAFE_INTEGER), `operationPreferences.failureTolerance: StackSetFailureTolerance.accounts(${tolerance?._count}) must be a whole number of at least 0`)
    .addIf(tolerance?._percentage !== undefined && !whole(tolerance._percentage, 0, 100), `operationPreferences.failureTolerance: StackSetFailureTolerance.percentage(${tolerance?._percentage}) must be a whole number from 0 to 100`);
  if ([...regions, ...regionOrder].some((r) => Token.isUnresolved(r))) return;
  const sameRegions = regionOrder.length === regions.length && [...regionOrder].sort().join() === [...regions].sort().join();
  problems.addIf(
    preferences.regionOrder !== undefined && !sameRegions,
    `operationPreferences.regionOrder (${regionOrder.join(', ')}) must list each of regions (${regions.join(', ')}) once`,
  );
}

function registrations(props: PaletteStackSetRegistrationProps, partition: string): SpectroCloudBackupStorageLocationArgs[] {
  return spectroCloudStackSetLocations({
    bucketNamePrefix: props.bucketNamePrefix,
    roleNamePrefix: props.roleNamePrefix ?? DEFAULT_STACKSET_ROLE_NAME_PREFIX,
    locationNamePrefix: props.locationNamePrefix ?? props.bucketNamePrefix,
    externalId: props.externalId,
    partition,
    targets: props.targets,
    context: props.context,
    isDefault: props.isDefault,
  });
}
