import type * as azureadApplication from '@cdktf/provider-azuread/lib/application';
import type * as azureadApplicationPassword from '@cdktf/provider-azuread/lib/application-password';
import type * as azureadServicePrincipal from '@cdktf/provider-azuread/lib/service-principal';
import { Annotations, TerraformProvider, Token } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { warnIfInThePast } from './private/end-time';
import { checkSecretLiteral, checkSecretReference } from './private/secret-reference';
import { peerInstallSpec } from '../../peers';
import { AZURE_CLIENT_ID, AZURE_OBJECT_ID, RFC3339_TIMESTAMP } from '../../policies/azure/names';
import { problemsAt, warningWithId } from '../../policies/validation';

/** A Microsoft Entra ID service principal that Palette's Velero signs in as. */
export interface IServicePrincipal extends IConstruct {
  /** The service principal's object ID: what role assignments name. */
  readonly servicePrincipalObjectId: string;
  /** The application (client) ID (Palette's "Client ID"). */
  readonly servicePrincipalClientId: string;
  /**
   * The client secret (Palette's "Client Secret"), a reference Terraform treats as sensitive.
   * @default - unknown: the principal was brought without it
   */
  readonly clientSecret?: string;
}

/** An existing service principal. */
export interface ServicePrincipalAttributes {
  /**
   * The service principal's object ID (not the application's object ID, nor the client ID: the
   * client ID here gives a synth warning, `saas-backup-constructs:ObjectIdIsClientId`).
   */
  readonly objectId: string;
  /** The application (client) ID. */
  readonly clientId: string;
  /**
   * The client secret, as a reference only: the value of a `TerraformVariable` declared
   * `sensitive: true` with no `default`, or a data source's attribute (e.g. `azurerm_key_vault_secret`).
   * Refused, because the secret would be written in clear text into the synthesized cdk.tf.json or
   * shown in plans: a literal, a `Lazy` or a Terraform function (`Fn.join`) of literals, a variable
   * with a `default`, a variable that is not `sensitive`, and a `TerraformLocal` of any of these
   * (tokens are checked at synth time).
   * @default - unknown: `toSpectroCloudTerraform()` then leaves `azure_client_secret` for you to set
   */
  readonly clientSecret?: string;
}

/** Properties of a new service principal. */
export interface ServicePrincipalProps {
  /**
   * The application's display name in Microsoft Entra ID.
   * @default - "Palette backup location (<construct path>)"
   */
  readonly displayName?: string;
  /**
   * When the client secret expires, as an RFC 3339 time (e.g. `2027-01-31T00:00:00Z`).
   * Changing it replaces the secret. A time in the past gives a synth warning
   * (`saas-backup-constructs:SecretEndDateInPast`).
   * @default - no end date is sent; Microsoft Entra ID picks one (typically about two years) and
   * your tenant's app management policy may cap it
   */
  readonly clientSecretEndDate?: string;
  /**
   * Any value; changing it replaces the client secret on the next apply (azuread's
   * `rotate_when_changed`). Use a date such as `2026-07`, or the `id` of a `time_rotating` resource
   * for scheduled rotation. The new secret is created before the old one is deleted.
   * @default - the secret is only replaced when `clientSecretEndDate` changes
   */
  readonly clientSecretRotationTrigger?: string;
  /**
   * The azuread provider to create the application and principal with.
   * @default - the stack's azuread provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * A new single-tenant application with its service principal and one client secret
 * (azuread_application, azuread_service_principal, azuread_application_password).
 *
 * The application asks for no API permissions and has no redirect URIs: it exists only to hold
 * the credential Palette's Velero signs in with; what it may do is granted by Azure RBAC role
 * assignments. The secret is only ever exposed as `clientSecret`, a reference that Terraform
 * marks sensitive; put it in a sensitive output or pass it to `spectrocloud_backup_storage_location`.
 *
 * Rotation: change `clientSecretRotationTrigger` (or `clientSecretEndDate`) and apply. The new
 * secret is created first (`create_before_destroy`), then the old one is deleted, so update the
 * Palette backup location in the same apply (it is, when `toSpectroCloudTerraform()` feeds a
 * `spectrocloud_backup_storage_location` in this stack) or right after it.
 *
 * Needs `@cdktf/provider-azuread` (an optional peer dependency) and an azuread provider in the
 * stack; it is loaded only when a principal is created, so bringing one never needs it.
 */
export class ServicePrincipal extends Construct implements IServicePrincipal {
  /**
   * An existing service principal, named by its object ID and client ID.
   */
  public static fromServicePrincipalAttributes(scope: Construct, id: string, attrs: ServicePrincipalAttributes): IServicePrincipal {
    return new ImportedServicePrincipal(scope, id, attrs);
  }

  public readonly servicePrincipalObjectId: string;
  public readonly servicePrincipalClientId: string;
  /** The client secret (sensitive in Terraform); always set for a principal created here. */
  public readonly clientSecret?: string;
  /** The application's object ID. */
  public readonly applicationObjectId: string;

  constructor(scope: Construct, id: string, props: ServicePrincipalProps = {}) {
    super(scope, id);
    problemsAt(this, Token.isUnresolved)
      .check(RFC3339_TIMESTAMP, props.clientSecretEndDate, 'clientSecretEndDate')
      .throwIfAny();

    warnIfInThePast(this, 'SecretEndDateInPast', 'clientSecretEndDate', props.clientSecretEndDate,
      'Microsoft Entra ID refuses to create a secret that has already expired, and Velero could not sign in with it.');

    const { Application, ServicePrincipal: AzureadServicePrincipal, ApplicationPasswordA } = loadAzuread();
    const application = new Application(this, 'Application', {
      displayName: props.displayName ?? `Palette backup location (${this.node.path})`,
      signInAudience: 'AzureADMyOrg',
      notes: 'Credential for Palette\'s Velero to reach its backup location; permissions are Azure role assignments.',
      provider: props.provider,
    });
    // Each read of a provider attribute makes a new token (with a stack trace): read each once.
    const clientId = application.clientId;
    const principal = new AzureadServicePrincipal(this, 'Resource', {
      clientId,
      provider: props.provider,
    });
    const password = new ApplicationPasswordA(this, 'ClientSecret', {
      applicationId: application.id,
      displayName: 'Palette backup location',
      endDate: props.clientSecretEndDate,
      rotateWhenChanged: props.clientSecretRotationTrigger === undefined ? undefined : { rotation: props.clientSecretRotationTrigger },
      lifecycle: { createBeforeDestroy: true },
      provider: props.provider,
    });

    this.servicePrincipalObjectId = principal.objectId;
    this.servicePrincipalClientId = clientId;
    this.clientSecret = password.value;
    this.applicationObjectId = application.objectId;
  }
}

class ImportedServicePrincipal extends Construct implements IServicePrincipal {
  public readonly servicePrincipalObjectId: string;
  public readonly servicePrincipalClientId: string;
  public readonly clientSecret?: string;

  constructor(scope: Construct, id: string, attrs: ServicePrincipalAttributes) {
    super(scope, id);
    const problems = problemsAt(this, Token.isUnresolved);
    if (typeof attrs !== 'object' || attrs === null) problems.add('attrs are required: an object with objectId and clientId').throwIfAny();
    problems
      .required(attrs.objectId, 'objectId', 'give the service principal\'s object ID (az ad sp show --id <client ID> --query id -o tsv)')
      .required(attrs.clientId, 'clientId', 'give the application (client) ID (az ad sp show --id <app> --query appId -o tsv)')
      .check(AZURE_OBJECT_ID, attrs.objectId, 'objectId')
      .check(AZURE_CLIENT_ID, attrs.clientId, 'clientId');
    checkSecretLiteral(problems, attrs.clientSecret, 'clientSecret').throwIfAny();
    checkSecretReference(this, attrs.clientSecret, 'clientSecret');
    if (!Token.isUnresolved(attrs.objectId) && !Token.isUnresolved(attrs.clientId) && attrs.objectId.toLowerCase() === attrs.clientId.toLowerCase()) {
      Annotations.of(this).addWarning(warningWithId('ObjectIdIsClientId', `objectId equals clientId (${attrs.clientId}): role assignments `
        + 'need the service principal\'s object ID, which differs from the application (client) ID; an assignment to the client ID '
        + 'fails or names another object. Use az ad sp show --id <client ID> --query id -o tsv.'));
    }
    this.servicePrincipalObjectId = attrs.objectId;
    this.servicePrincipalClientId = attrs.clientId;
    this.clientSecret = attrs.clientSecret;
  }
}

interface AzureadModules {
  readonly Application: typeof azureadApplication.Application;
  readonly ServicePrincipal: typeof azureadServicePrincipal.ServicePrincipal;
  readonly ApplicationPasswordA: typeof azureadApplicationPassword.ApplicationPasswordA;
}

/** Loads the azuread classes on first use: @cdktf/provider-azuread is an optional peer dependency. */
function loadAzuread(): AzureadModules {
  try {
    /* eslint-disable @typescript-eslint/no-require-imports */
    return {
      Application: (require('@cdktf/provider-azuread/lib/application') as typeof azureadApplication).Application,
      ServicePrincipal: (require('@cdktf/provider-azuread/lib/service-principal') as typeof azureadServicePrincipal).ServicePrincipal,
      ApplicationPasswordA: (require('@cdktf/provider-azuread/lib/application-password') as typeof azureadApplicationPassword).ApplicationPasswordA,
    };
    /* eslint-enable @typescript-eslint/no-require-imports */
  } catch (e) {
    throw new Error('Creating a service principal needs @cdktf/provider-azuread (an optional peer dependency): '
      + `npm install ${peerInstallSpec('@cdktf/provider-azuread')}, or bring an existing one with ServicePrincipal.fromServicePrincipalAttributes. `
      + `(${(e as Error).message})`);
  }
}
