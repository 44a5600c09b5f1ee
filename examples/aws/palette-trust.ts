// Spectro Cloud Palette backup locations on AWS with the other trust cases of Palette's current page
// (spectrocloud/librarium, docs/docs-content/clusters/cluster-management/backup-restore/add-backup-location-dynamic.md)
// and for many cluster accounts: EKS clusters (IAM roles for service accounts), clusters outside AWS,
// clusters deployed with static credentials, a whole organization, and a compact list of accounts.
// Copy the stack you need; replace the example values (or pass them as context).
import { Duration, Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { EksNamespace, PaletteAccess, PaletteBackupLocation, TrustedPrincipal } from 'saas-backup-constructs';
import { acknowledgeNoAccessLogs } from './access-logs';
import { PaletteExampleProps } from './palette';

function location(scope: Construct, locationName: string, access: PaletteAccess): PaletteBackupLocation {
  const backup = new PaletteBackupLocation(scope, 'BackupLocation', { locationName, access, createOutputs: true });
  acknowledgeNoAccessLogs(backup.backupBucket);
  return backup;
}

/** An EKS cluster, as `aws eks describe-cluster --query cluster.identity.oidc.issuer` prints its issuer. */
export interface PaletteEksExampleProps extends PaletteExampleProps {
  /** The cluster's OIDC issuer URL; its IAM OIDC provider must exist in the backup account. */
  readonly eksIssuerUrl: string;
  /** The cluster's Velero namespace (`kubectl get namespaces | grep cluster-`), when known. @default - Palette's pattern cluster-* */
  readonly veleroNamespace?: string;
}

/**
 * STS with an EKS cluster's service account (the page's "EKS workload clusters: update the backup
 * IAM role trust policy for IRSA"): Palette with the external ID, and Velero's `velero-server`
 * service account of the named cluster by web identity. The namespace is exact when known,
 * otherwise Palette's `cluster-*` (never every namespace unless asked with EksNamespace.any()).
 */
export class PaletteEksServiceAccountStack extends Stack {
  constructor(scope: Construct, id: string, props: PaletteEksExampleProps) {
    super(scope, id, props);
    location(this, 'aws-backups-eks', PaletteAccess.sts({
      paletteAccountId: props.paletteAccountId,
      externalId: props.externalId,
      clusterPrincipals: [TrustedPrincipal.eksServiceAccount({
        issuerUrl: props.eksIssuerUrl,
        namespace: props.veleroNamespace !== undefined ? EksNamespace.exact(props.veleroNamespace) : EksNamespace.paletteClusters(),
      })],
    }));
  }
}

/**
 * STS for clusters outside AWS (the page's "Non-AWS Cluster with AWS STS": edge-native, AKS,
 * vSphere): only Palette is trusted, with the external ID; Palette forwards the role to an
 * in-cluster agent. The page's step 9 asks for a 12-hour maximum session.
 */
export class PaletteNonAwsClustersStack extends Stack {
  constructor(scope: Construct, id: string, props: PaletteExampleProps) {
    super(scope, id, props);
    location(this, 'aws-backups-edge', PaletteAccess.sts({
      paletteAccountId: props.paletteAccountId,
      externalId: props.externalId,
      clustersOutsideAws: true,
      maxSessionDuration: Duration.hours(12),
    }));
  }
}

/** The IAM user that deploys clusters with static credentials (`aws sts get-caller-identity`). */
export interface PaletteDeployingUserExampleProps extends PaletteExampleProps {
  /** The deploying user's ARN. */
  readonly deployingUserArn: string;
}

/**
 * STS for clusters deployed with static credentials (the page's step 8): the deploying IAM user
 * may assume the backup role too, in its own statement without the external ID.
 */
export class PaletteDeployingUserStack extends Stack {
  constructor(scope: Construct, id: string, props: PaletteDeployingUserExampleProps) {
    super(scope, id, props);
    location(this, 'aws-backups-static-deployer', PaletteAccess.sts({
      paletteAccountId: props.paletteAccountId,
      externalId: props.externalId,
      clusterPrincipals: [TrustedPrincipal.user(props.deployingUserArn)],
    }));
  }
}

/** The organization whose accounts run the clusters. */
export interface PaletteOrganizationExampleProps extends PaletteExampleProps {
  /** The AWS Organizations ID. */
  readonly organizationId: string;
}

/**
 * One backup account ("Account B") trusted by every cluster account of an organization: Palette with
 * the external ID first, then one statement `Principal: {"AWS": "*"}` pinned by `aws:PrincipalOrgID`,
 * whose size does not grow with the number of accounts. (For some OUs only:
 * `TrustedPrincipal.organizationalUnits(['o-.../r-.../ou-.../'])`.)
 */
export class PaletteOrganizationTrustStack extends Stack {
  constructor(scope: Construct, id: string, props: PaletteOrganizationExampleProps) {
    super(scope, id, props);
    location(this, 'aws-backups-organization', PaletteAccess.sts({
      paletteAccountId: props.paletteAccountId,
      externalId: props.externalId,
      clusterPrincipals: [TrustedPrincipal.organization(props.organizationId)],
    }));
  }
}

/** The explicit list of cluster accounts. */
export interface PaletteAccountListExampleProps extends StackProps {
  readonly paletteAccountId: string;
  readonly externalId: string;
  /** The cluster accounts: about 15 characters each in the trust policy, so about 110 fit IAM's default quota. */
  readonly clusterAccountIds: string[];
}

/**
 * One backup account trusted by an explicit list of cluster accounts in ONE statement
 * (`aws:PrincipalAccount`), instead of a statement per account (which exhausts IAM's default
 * 2,048-character quota after about 18 accounts).
 */
export class PaletteAccountListStack extends Stack {
  constructor(scope: Construct, id: string, props: PaletteAccountListExampleProps) {
    super(scope, id, props);
    location(this, 'aws-backups-account-list', PaletteAccess.sts({
      paletteAccountId: props.paletteAccountId,
      externalId: props.externalId,
      clusterPrincipals: [TrustedPrincipal.accounts(props.clusterAccountIds)],
    }));
  }
}

/** 100 example cluster account IDs (replace them with yours). */
export const EXAMPLE_CLUSTER_ACCOUNT_IDS: string[] = Array.from({ length: 100 }, (_, i) => `2000000000${String(i).padStart(2, '0')}`);
