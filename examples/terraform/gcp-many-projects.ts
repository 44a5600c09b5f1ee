// Many GCP projects: one TerraformStack per project in one app, each a self-contained Palette
// backup location (seeds/000, GCP tab). Terraform has no StackSets; this is its equivalent:
// - each stack has its own google provider, pinned to its project, and its own state object,
//   so each is planned, applied, locked and destroyed on its own (a failure stays in one project);
// - no stack refers to another (no remote state, no cross-stack references): the bucket, the
//   service account, its roles and its key all live in the one project;
// - the names that are global (GCS bucket names) are given per project and checked for clashes
//   before anything is synthesized.
//
//   terraform -chdir=cdktf.out/stacks/<stack> init && terraform -chdir=cdktf.out/stacks/<stack> apply
//   (or loop over cdktf.out/stacks/palette-gcp-*; each stack only needs credentials for its project)
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { PaletteBackupLocation } from 'saas-backup-constructs/gcp';
import { gcsStateBackend } from './state';

/** One project's backup location. */
export interface GcpProjectLocation {
  /** The stack's name (its folder under cdktf.out/stacks and its state object). */
  readonly stackName: string;
  /** The project that holds the bucket, the service account and its roles. */
  readonly projectId: string;
  /** The provider's region; the bucket is created there too. */
  readonly region: string;
  /** The bucket's name: bucket names are global, so one per project. */
  readonly bucketName: string;
}

/** One project: its provider, its state, its Palette backup location. */
export class PaletteGcpProjectStack extends TerraformStack {
  /** The location, for its attributes (bucket name, service account email, key). */
  public readonly location: PaletteBackupLocation;

  constructor(scope: Construct, id: string, props: GcpProjectLocation) {
    super(scope, id);
    gcsStateBackend(this); // its own state object: gs://<state bucket>/saas-backup-constructs/<stack>/
    new GoogleProvider(this, 'google', { project: props.projectId, region: props.region });
    this.location = new PaletteBackupLocation(this, 'PaletteBackups', {
      serviceAccountId: 'palette-velero', // unique per project, so the same ID everywhere
      projectId: props.projectId,
      bucketProps: { bucketName: props.bucketName, location: props.region },
      createOutputs: true,
    });
  }
}

/** The projects the examples app synthesizes: replace with yours. */
export const GCP_PROJECTS: readonly GcpProjectLocation[] = [
  { stackName: 'palette-gcp-team-a', projectId: 'acme-team-a-prod', region: 'us-central1', bucketName: 'acme-team-a-palette-backups' },
  { stackName: 'palette-gcp-team-b', projectId: 'acme-team-b-prod', region: 'europe-west4', bucketName: 'acme-team-b-palette-backups' },
];

/** A stack per project; refuses two projects with one bucket name or one stack name. */
export function addPaletteGcpProjects(app: App, projects: readonly GcpProjectLocation[]): PaletteGcpProjectStack[] {
  for (const key of ['stackName', 'bucketName'] as const) {
    const seen = new Map<string, string>();
    for (const p of projects) {
      const other = seen.get(p[key]);
      if (other !== undefined) throw new Error(`${key} "${p[key]}" is given for both ${other} and ${p.projectId}: each project needs its own`);
      seen.set(p[key], p.projectId);
    }
  }
  return projects.map((p) => new PaletteGcpProjectStack(app, p.stackName, p));
}
