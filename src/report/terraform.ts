/**
 * Terraform JSON (cdktf's cdk.tf.json, or `terraform show -json`-free plain configurations) -> the
 * access report's model: google, azurerm, azuread and aws resources. Terraform references
 * (`${google_service_account.x.email}`) are shown as `<address>`; a value made of a variable or of a
 * data source is unknown, never safe.
 */
import { cfnAccessReport } from './cloudformation';
import { AccessReport, Json, addEdge, addNode, flag as addFinding, list, newReport, unknown } from './model';

/** Well-known Azure built-in role definition GUIDs. */
export const AZURE_BUILT_IN_ROLES: Record<string, string> = ({
  'ba92f5b4-2d11-453d-a403-e96b0029c9fe': 'Storage Blob Data Contributor',
  '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1': 'Storage Blob Data Reader',
  'b7e6dc6d-f1e8-4753-8033-0f276bb0955b': 'Storage Blob Data Owner',
  'db58b8e5-c6ad-4a2a-8342-4190687cbf4a': 'Storage Blob Delegator',
  '17d1049b-9a84-46fb-8f53-869881c3d3ab': 'Storage Account Contributor',
  '81a9662b-bebf-436f-a333-f67b29880f12': 'Storage Account Key Operator Service Role',
  'acdd72a7-3385-48ef-bd42-f606fba81ae7': 'Reader',
  'b24988ac-6180-42a0-ab88-20f7382dd24c': 'Contributor',
  '8e3af657-a8ff-443c-a75c-2fe8c4bcb635': 'Owner',
  '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9': 'User Access Administrator',
});
export const BROAD_AZURE_ROLES = ['Contributor', 'Owner', 'User Access Administrator', 'Storage Account Contributor', 'Storage Blob Data Owner'];
export const BROAD_GCP_ROLES = ['roles/owner', 'roles/editor', 'roles/storage.admin', 'roles/iam.serviceAccountAdmin', 'roles/iam.serviceAccountKeyAdmin', 'roles/resourcemanager.projectIamAdmin'];
/** GCP roles on a service account that let the member act as it. */
export const GCP_IMPERSONATION_ROLES = ['roles/iam.workloadIdentityUser', 'roles/iam.serviceAccountTokenCreator', 'roles/iam.serviceAccountUser', 'roles/iam.serviceAccountOpenIdTokenCreator'];

export class TfContext {
  constructor(readonly report: AccessReport, readonly config: Json) {}

  /** @param {string} address `type.name` or `data.type.name` */
  lookup(address: string) {
    const parts = address.split('.');
    if (parts[0] === 'data') return this.config?.data?.[parts[1]]?.[parts[2]];
    return this.config?.resource?.[parts[0]]?.[parts[1]];
  }

  /** The address a value refers to when it is (or contains) one `${type.name.attr}` reference. @param {unknown} value */
  refOf(value: unknown) {
    if (typeof value !== 'string') return undefined;
    const m = /\$\{((?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+)(?:\.([A-Za-z0-9_]+))?[^}]*\}/.exec(value);
    return m ? { address: m[1], attribute: m[2], whole: m[0] === value } : undefined;
  }

  /**
   * The Terraform expressions in values that this configuration does not resolve to one of its own
   * resources: variables, locals, `each`/`count`, functions, data sources and modules.
   */
  unresolved(values: unknown[]): string[] {
    const out = new Set<string>();
    const visit = (v: unknown): void => {
      if (Array.isArray(v)) return v.forEach(visit);
      if (typeof v !== 'string') return;
      for (const m of v.matchAll(/\$\{([^}]*)\}/g)) {
        const inner = m[1].trim();
        const resource = /^([a-z0-9_]+)\.([A-Za-z0-9_-]+)(\.[A-Za-z0-9_.]+)?$/.exec(inner);
        if (resource && !['var', 'local', 'each', 'count', 'module', 'data', 'path', 'terraform', 'self'].includes(resource[1]) && this.lookup(`${resource[1]}.${resource[2]}`)) continue;
        out.add(`\${${inner}}`);
      }
    };
    values.forEach(visit);
    return [...out];
  }

  /** Replaces every `${...}` reference by its address (and attribute). @param {unknown} value */
  show(value: unknown) {
    if (value === undefined || value === null) return '';
    if (typeof value !== 'string') return JSON.stringify(value);
    return value.replace(/\$\{([^}]+)\}/g, (_w, inner) => `<${inner}>`);
  }

  /** @param {string} address */
  resourceNode(address: string) {
    const [type, name] = address.startsWith('data.') ? address.split('.').slice(1) : address.split('.');
    const r = this.lookup(address) ?? {};
    /** @type {Record<string, [string, unknown]>} */
    const kinds: Record<string, [string, unknown]> = {
      google_storage_bucket: ['GCS bucket', r.name],
      google_service_account: ['GCP service account', r.account_id],
      google_project: ['GCP project', r.project_id],
      azurerm_storage_account: ['Azure storage account', r.name],
      azurerm_storage_container: ['Azure blob container', r.name],
      azurerm_resource_group: ['Azure resource group', r.name],
      azuread_service_principal: ['Azure service principal', this.applicationName(r.client_id)],
      azuread_application: ['Azure application', r.display_name],
      azurerm_user_assigned_identity: ['Azure managed identity', r.name],
      azurerm_subscription: ['Azure subscription', r.subscription_id],
    };
    const [kind, label] = kinds[type] ?? [type, r.name];
    const prefix = address.startsWith('data.') ? 'existing ' : '';
    const lines = [`${prefix}${kind}${label !== undefined && label !== '' ? ` ${this.show(label)}` : ''}`, address];
    void name;
    return addNode(this.report, { key: address, kind, lines, external: address.startsWith('data.') });
  }

  /** @param {unknown} clientId */
  applicationName(clientId: unknown) {
    const ref = this.refOf(clientId);
    const app = ref ? this.lookup(ref.address) : undefined;
    return app?.display_name;
  }

  /** @param {string} id */
  label(id: string) {
    return (this.report.nodes.get(id)?.lines ?? [id]).join(' ');
  }

  /**
   * A GCP IAM member -> its node. @param {string} member
   * @returns {{ node: string, flag?: string }}
   */
  gcpMember(member: string): { node: string; flag?: string } {
    if (member === 'allUsers' || member === 'allAuthenticatedUsers') {
      return { node: addNode(this.report, { key: `gcp:${member}`, kind: 'anyone', lines: ['ANYONE', member], flag: 'unsafe', external: true }), flag: `member ${member}` };
    }
    const [type, ...rest] = member.split(':');
    const value = rest.join(':');
    const ref = this.refOf(value);
    if (type === 'serviceAccount' && ref && ref.address.startsWith('google_service_account.')) return { node: this.resourceNode(ref.address) };
    const wi = /^(.+)\.svc\.id\.goog\[([^/]+)\/(.+)\]$/.exec(value);
    if (type === 'serviceAccount' && wi) {
      return { node: addNode(this.report, { key: `gcp:${member}`, kind: 'Kubernetes service account', lines: ['GKE workload identity', `Kubernetes service account ${wi[2]}/${wi[3]}`, `pool ${this.show(wi[1])}.svc.id.goog`], flag: /\*/.test(member) ? 'broad' : undefined, external: true }) };
    }
    const kinds: Record<string, string> = ({ user: 'Google user', group: 'Google group', serviceAccount: 'GCP service account', domain: 'Google Workspace domain', principal: 'Workload identity principal', principalSet: 'Workload identity principal set' });
    return { node: addNode(this.report, { key: `gcp:${member}`, kind: kinds[type] ?? type, lines: [kinds[type] ?? type, this.show(value)], flag: type === 'principalSet' || type === 'domain' ? 'broad' : undefined, external: true }) };
  }

  /** A GCP role -> its name and permissions (a custom role of this configuration is expanded). @param {string} role */
  gcpRole(role: string) {
    const custom = /\$\{((?:google_project_iam_custom_role|google_organization_iam_custom_role)\.[A-Za-z0-9_-]+)[^}]*\}/.exec(role);
    if (custom) {
      const def = this.lookup(custom[1]) ?? {};
      return { name: `custom role ${this.show(def.role_id)} (${custom[1]})`, permissions: list(def.permissions).map(String), builtIn: false };
    }
    const byId = Object.entries<Json>(this.config?.resource?.google_project_iam_custom_role ?? {}).find(([, r]) => typeof role === 'string' && role.endsWith(`/roles/${(r).role_id}`));
    if (byId) {
      const def = byId[1];
      return { name: `custom role ${def.role_id} (google_project_iam_custom_role.${byId[0]})`, permissions: list(def.permissions).map(String), builtIn: false };
    }
    return { name: this.show(role), permissions: [`(predefined role ${this.show(role)})`], builtIn: true };
  }

  /** @param {string} type @param {string} name @param {any} r */
  gcpBinding(type: string, name: string, r: Json) {
    const address = `${type}.${name}`;
    const members = type.endsWith('_binding') ? list(r.members).map(String) : [String(r.member)];
    let target;
    let scope = '';
    let assume = false;
    if (type.startsWith('google_storage_bucket_iam')) {
      const ref = this.refOf(r.bucket);
      target = ref ? this.resourceNode(ref.address) : addNode(this.report, { key: `gcs:${r.bucket}`, kind: 'GCS bucket', lines: [`GCS bucket ${this.show(r.bucket)}`, '(not in this configuration)'], external: true });
    } else if (type.startsWith('google_project_iam')) {
      target = addNode(this.report, { key: `gcp-project:${r.project ?? '(provider project)'}`, kind: 'GCP project', lines: ['GCP project', r.project ? this.show(r.project) : "(the provider's project)", 'every resource in it'], flag: 'broad', external: true });
      scope = 'the whole project';
    } else if (type.startsWith('google_organization_iam') || type.startsWith('google_folder_iam')) {
      const level = type.startsWith('google_organization_iam') ? 'organization' : 'folder';
      const id = level === 'organization' ? r.org_id : r.folder;
      target = addNode(this.report, { key: `gcp-${level}:${id}`, kind: `GCP ${level}`, lines: [`GCP ${level}`, this.show(id), 'every project in it'], flag: 'broad', external: true });
      scope = `the whole ${level} ${this.show(id)}`;
    } else if (type.startsWith('google_service_account_iam')) {
      const ref = this.refOf(r.service_account_id);
      target = ref ? this.resourceNode(ref.address) : addNode(this.report, { key: `gsa:${r.service_account_id}`, kind: 'GCP service account', lines: ['GCP service account', this.show(r.service_account_id)], external: true });
      assume = GCP_IMPERSONATION_ROLES.includes(String(r.role));
    } else {
      return;
    }
    const role = this.gcpRole(String(r.role));
    const conditions = r.condition ? list(r.condition).map((c) => `${(c).title ? `${(c).title}: ` : ''}${(c).expression}`) : [];
    const broad = BROAD_GCP_ROLES.includes(String(r.role)) || type.startsWith('google_project_iam') || type.startsWith('google_organization_iam') || type.startsWith('google_folder_iam');
    for (const member of members) {
      const who = this.gcpMember(member);
      const flag = who.flag ?? (broad ? `${role.name} on ${scope || this.label(target)}` : undefined);
      const unresolved = this.unresolved([member, r.role, role.permissions, type.includes('storage_bucket') ? r.bucket : '', r.for_each, r.count]);
      this.report.rows.push({ principal: `${member.replace(/\$\{([^}]+)\}/g, '<$1>')}`, effect: 'Allow', actions: [`${role.name}:`, ...role.permissions], resources: [this.label(target)], conditions, source: address, flag, unknown: unresolved.length > 0 ? unresolved.join(', ') : undefined });
      if (flag) addFinding(this.report, who.flag ? 'public-member' : 'broad-role', address, `${address}: ${flag}.`);
      if (unresolved.length > 0) unknown(this.report, address, `${address}: ${unresolved.join(', ')} known only at plan time: who gets which role is not fully known.`);
      const lines = assume ? [`${role.name}: may act as this service account`] : role.builtIn ? [role.name] : [`${role.name}:`, role.permissions.join(', ')];
      addEdge(this.report, who.node, target, assume ? 'assume' : 'access', [...lines, ...conditions.map((c) => `if ${c}`)], Boolean(flag));
    }
  }

  /** The Azure principal a role assignment names. @param {any} r */
  azurePrincipal(r: Json) {
    const ref = this.refOf(r.principal_id);
    if (ref) return this.resourceNode(ref.address);
    const type = r.principal_type ?? 'principal';
    return addNode(this.report, { key: `azure-principal:${r.principal_id}`, kind: `Azure ${type}`, lines: [`Azure ${type}`, `object id ${this.show(r.principal_id)}`, '(not in this configuration)'], external: true });
  }

  /** @param {any} r @returns {{ name: string, actions: string[], builtIn: boolean }} */
  azureRole(r: Json): { name: string; actions: string[]; builtIn: boolean } {
    if (r.role_definition_name) return { name: `built-in role ${this.show(r.role_definition_name)}`, actions: [`(built-in role ${this.show(r.role_definition_name)})`], builtIn: true };
    const ref = this.refOf(r.role_definition_id);
    if (ref && ref.address.startsWith('azurerm_role_definition.')) {
      const def = this.lookup(ref.address) ?? {};
      const perms = list(def.permissions).map((p) => (p));
      const actions = [
        ...perms.flatMap((p) => list(p.actions).map(String)),
        ...perms.flatMap((p) => list(p.not_actions).map((a) => `NOT ${a}`)),
        ...perms.flatMap((p) => list(p.data_actions).map((a) => `data: ${a}`)),
        ...perms.flatMap((p) => list(p.not_data_actions).map((a) => `data: NOT ${a}`)),
      ];
      return { name: `custom role ${this.show(def.name)} (${ref.address})`, actions, builtIn: false };
    }
    const guid = /roleDefinitions\/([0-9a-f-]{36})$/i.exec(String(r.role_definition_id ?? ''));
    const known = guid ? AZURE_BUILT_IN_ROLES[guid[1].toLowerCase()] : undefined;
    const name = known ? `built-in role ${known} (${guid?.[1]})` : `role ${this.show(r.role_definition_id)}`;
    return { name, actions: [`(${name})`], builtIn: true };
  }

  /** @param {string} name @param {any} r */
  azureAssignment(name: string, r: Json) {
    const address = `azurerm_role_assignment.${name}`;
    const who = this.azurePrincipal(r);
    const role = this.azureRole(r);
    const ref = this.refOf(r.scope);
    const wide = azureWideScope(String(r.scope ?? ''), ref?.address);
    const target = ref && !wide ? this.resourceNode(ref.address) : addNode(this.report, { key: `azure-scope:${r.scope}`, kind: 'Azure scope', lines: [wide ? `Azure ${wide}` : 'Azure scope', this.show(r.scope)], flag: wide ? 'broad' : undefined, external: true });
    const conditions = r.condition ? [`${this.show(r.condition)}${r.condition_version ? ` (condition version ${r.condition_version})` : ''}`] : [];
    const roleName = role.name.replace(/^built-in role /, '').replace(/ \(.*$/, '');
    const flag = BROAD_AZURE_ROLES.includes(roleName) ? `${role.name} on ${this.label(target)}`
      : role.actions.some((a) => a === '*' || a.endsWith('/*')) ? `wildcard action in ${role.name}`
        : wide ? `${role.name} on a whole ${wide} (${this.show(r.scope)})` : undefined;
    const unresolved = this.unresolved([r.principal_id, r.role_definition_name, r.role_definition_id, role.actions, r.scope, r.for_each, r.count]);
    this.report.rows.push({ principal: this.label(who), effect: 'Allow', actions: [`${role.name}:`, ...role.actions], resources: [`${this.label(target)}`], conditions, source: address, flag, unknown: unresolved.length > 0 ? unresolved.join(', ') : undefined });
    if (unresolved.length > 0) unknown(this.report, address, `${address}: ${unresolved.join(', ')} known only at plan time: who gets which role where is not fully known.`);
    if (role.actions.some((a) => /^Microsoft\.Storage\/storageAccounts\/listkeys\/action$/i.test(a))) {
      this.report.notes.push(`${address}: listkeys gives ${this.label(who)} the storage account's shared keys, which reach every container of ${this.label(target)} (unless shared key access is disabled).`);
    }
    if (flag) addFinding(this.report, 'broad-role', address, `${address}: ${flag}.`);
    addEdge(this.report, who, target, 'access', [...(role.builtIn ? [role.name] : [`${role.name}:`, role.actions.join(', ')]), ...conditions.map((c) => `if ${c}`)], Boolean(flag));
  }
}

/**
 * The report for one cdktf stack's Terraform JSON.
 * @param {any} config parsed cdk.tf.json
 * @param {{ title: string, source?: string }} options
 * @returns {AccessReport}
 */
export function terraformAccessReport(config: Json, options: { title: string; source?: string }): AccessReport {
  const report = newReport(options.title, options.source ?? 'Terraform configuration');
  const ctx = new TfContext(report, config);
  const resources: Record<string, Record<string, Json>> = config?.resource ?? {};
  for (const [type, byName] of Object.entries(resources)) {
    for (const [name, r] of Object.entries(byName)) {
      if (/^google_(storage_bucket|project|service_account|organization|folder)_iam_(member|binding)$/.test(type)) {ctx.gcpBinding(type, name, r);} else if (type === 'azurerm_role_assignment') {ctx.azureAssignment(name, r);} else if (type === 'google_service_account_key') {
        const ref = ctx.refOf(r.service_account_id);
        const sa = ref ? ctx.resourceNode(ref.address) : addNode(report, { key: `gsa:${r.service_account_id}`, kind: 'GCP service account', lines: ['GCP service account', ctx.show(r.service_account_id)], external: true });
        const holder = addNode(report, { key: `${type}.${name}`, kind: 'key holder', lines: ['Holder of the JSON key', `${type}.${name}`], external: true });
        addEdge(report, holder, sa, 'link', ['authenticates as']);
        report.rows.push({ principal: `holder of ${type}.${name}`, effect: 'Authenticate', actions: ['(anything the service account may do)'], resources: [ctx.label(sa)], conditions: [], source: `${type}.${name}` });
      } else if (type === 'azuread_application_password' || type === 'azuread_service_principal_password') {
        const ref = ctx.refOf(type === 'azuread_application_password' ? r.application_id ?? r.application_object_id : r.service_principal_id);
        const sp = ref ? servicePrincipalFor(ctx, ref.address) : undefined;
        if (!sp) continue;
        const holder = addNode(report, { key: `${type}.${name}`, kind: 'secret holder', lines: ['Holder of the client secret', `${type}.${name}`], external: true });
        addEdge(report, holder, sp, 'link', ['signs in as']);
        report.rows.push({ principal: `holder of ${type}.${name}`, effect: 'Authenticate', actions: ['(anything the service principal may do)'], resources: [ctx.label(sp)], conditions: r.end_date ? [`until ${r.end_date}`] : [], source: `${type}.${name}` });
      } else if (type === 'azuread_application_federated_identity_credential' || type === 'azurerm_federated_identity_credential') {
        const ref = ctx.refOf(type === 'azurerm_federated_identity_credential' ? r.parent_id : r.application_id ?? r.application_object_id);
        const target = ref ? servicePrincipalFor(ctx, ref.address) : undefined;
        if (!target) continue;
        const sub = /^system:serviceaccount:([^:]+):(.+)$/.exec(String(r.subject));
        const who = addNode(report, {
          key: `${type}.${name}`,
          kind: 'web identity',
          lines: sub ? ['Kubernetes service account', `${sub[1]}/${sub[2]}`, `issuer ${ctx.show(r.issuer)}`] : ['Federated identity', `subject ${ctx.show(r.subject)}`, `issuer ${ctx.show(r.issuer)}`],
          flag: /\*/.test(String(r.subject)) ? 'broad' : undefined,
          external: true,
        });
        const conditions = [`iss = ${ctx.show(r.issuer)}`, `sub = ${ctx.show(r.subject)}`, `aud in [${list(r.audiences).map(String).join(', ')}]`];
        addEdge(report, who, target, 'assume', ['token exchange', `aud in [${list(r.audiences).map(String).join(', ')}]`]);
        report.rows.push({ principal: `${ctx.show(r.issuer)} subject ${ctx.show(r.subject)}`, effect: 'Allow', actions: ['federated token exchange'], resources: [ctx.label(target)], conditions, source: `${type}.${name}` });
      }
    }
  }
  // Shared access signatures: whoever holds the token may use the container (or account) with the
  // token's permissions until it expires. The account key, where an output hands it out, is full control.
  const SAS_PERMISSIONS: Record<string, string> = { read: 'read', add: 'add', create: 'create', write: 'write', delete: 'delete', list: 'list' };
  const data: Record<string, Record<string, Json>> = config?.data ?? {};
  for (const [type, byName] of Object.entries(data)) {
    if (type !== 'azurerm_storage_account_blob_container_sas' && type !== 'azurerm_storage_account_sas') continue;
    for (const [name, d] of Object.entries(byName)) {
      const address = `data.${type}.${name}`;
      const account = ctx.refOf(d.connection_string);
      const accountNode = account && !account.address.startsWith('data.') ? ctx.resourceNode(account.address) : undefined;
      // The container: a reference to one of this configuration's containers, or one of them by its literal name.
      const containerByName = Object.entries<Json>(config?.resource?.azurerm_storage_container ?? {}).find(([, c]) => c.name === d.container_name);
      const containerAddress = type !== 'azurerm_storage_account_blob_container_sas' ? undefined
        : ctx.refOf(d.container_name)?.address ?? (containerByName ? `azurerm_storage_container.${containerByName[0]}` : undefined);
      const target = containerAddress && ctx.lookup(containerAddress)
        ? ctx.resourceNode(containerAddress)
        : accountNode ?? addNode(report, { key: `sas-target:${address}`, kind: 'Azure storage', lines: ['Azure storage', ctx.show(d.container_name ?? d.connection_string)], external: true });
      const permissions = list(d.permissions)[0] ?? {};
      const granted = Object.entries(SAS_PERMISSIONS).filter(([k]) => permissions[k] === true).map(([, v]) => v);
      const wide = type === 'azurerm_storage_account_sas' || granted.includes('delete');
      const holder = addNode(report, { key: address, kind: 'token holder', lines: ['Holder of the SAS token', address], flag: wide ? 'broad' : undefined, external: true });
      const conditions = [
        ...(d.https_only === true ? ['HTTPS only'] : d.https_only === false ? ['HTTP allowed'] : []),
        ...(d.start !== undefined ? [`from ${ctx.show(d.start)}`] : []),
        ...(d.expiry !== undefined ? [`until ${ctx.show(d.expiry)}`] : []),
      ];
      addEdge(report, holder, target, 'access', [`SAS: ${granted.length > 0 ? granted.join(', ') : '(no permission)'}`, ...conditions]);
      report.rows.push({ principal: `holder of ${address}`, effect: 'Allow', actions: granted.map((g) => `blob ${g}`), resources: [ctx.label(target)], conditions, source: address });
    }
  }
  const outputs: Record<string, Json> = config?.output ?? {};
  for (const [name, o] of Object.entries(outputs)) {
    const m = typeof o?.value === 'string' ? /\$\{(azurerm_storage_account\.[A-Za-z0-9_-]+)\.(primary|secondary)_(access_key|connection_string|blob_connection_string)\}/.exec(o.value) : null;
    if (!m || !ctx.lookup(m[1])) continue;
    const accountNode = ctx.resourceNode(m[1]);
    const holder = addNode(report, { key: `output.${name}`, kind: 'key holder', lines: ['Holder of the storage account key', `output ${name}`], flag: 'broad', external: true });
    addEdge(report, holder, accountNode, 'access', ['Shared Key: full control of the account']);
    report.rows.push({ principal: `holder of output ${name}`, effect: 'Allow', actions: ['(every data operation of the account: Shared Key)'], resources: [ctx.label(accountNode)], conditions: [], source: `output.${name}` });
  }
  const aws = awsSectionOfTerraform(config, options.title);
  if (aws) report.sections.push(aws);
  return report;
}

/** The service principal (or managed identity) behind an application address. @param {TfContext} ctx @param {string} address */
export function servicePrincipalFor(ctx: TfContext, address: string) {
  if (!address.startsWith('azuread_application.')) return ctx.resourceNode(address);
  const sps = Object.entries<Json>(ctx.config?.resource?.azuread_service_principal ?? {});
  const sp = sps.find(([, r]) => ctx.refOf((r).client_id ?? (r).application_id)?.address === address);
  return ctx.resourceNode(sp ? `azuread_service_principal.${sp[0]}` : address);
}
/** The breadth of an Azure scope when it is a whole subscription, management group or tenant. */
function azureWideScope(scope: string, address: string | undefined): string | undefined {
  if (scope === '/' || /^\/providers\/Microsoft\.Management\/managementGroups\/[^/]+\/?$/i.test(scope)) return scope === '/' ? 'tenant (root scope /)' : 'management group';
  if (/^\/subscriptions\/[^/]+\/?$/i.test(scope)) return 'subscription';
  if (address?.startsWith('data.azurerm_management_group.')) return 'management group';
  if (address?.startsWith('data.azurerm_subscription.') || address?.startsWith('azurerm_subscription.')) return 'subscription';
  return undefined;
}

/** A Terraform address as a CloudFormation logical id (letters and digits only). */
function logicalId(address: string): string {
  return address.replace(/[^A-Za-z0-9]/g, '');
}

/** A policy given as a JSON string (Terraform's `policy`), parsed; left a string when it cannot be. */
function policyJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/**
 * The AWS IAM resources of a Terraform configuration as a CloudFormation template, so that the one
 * CloudFormation reader (and its trust predicates) reports them: references between them
 * (`${aws_iam_role.x.arn}`) become `${LogicalId.Arn}` / `${LogicalId}`; anything else stays an
 * unresolved `${...}`, shown as unknown.
 */
export function awsTemplateOfTerraform(config: Json): Json | undefined {
  const res: Record<string, Record<string, Json>> = config?.resource ?? {};
  const types = ['aws_iam_role', 'aws_iam_role_policy', 'aws_iam_policy', 'aws_iam_role_policy_attachment', 'aws_iam_user', 'aws_iam_user_policy', 'aws_iam_group', 'aws_iam_group_policy', 'aws_s3_bucket', 'aws_s3_bucket_policy', 'aws_kms_key', 'aws_iam_openid_connect_provider'];
  if (!types.some((t) => res[t])) return undefined;
  const rewrite = (v: unknown): unknown => {
    if (typeof v === 'string') {
      return v.replace(/\$\{(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)\.(arn|name|id|bucket|url)\}/g, (whole, type: string, name: string, attr: string) => {
        if (!res[type]?.[name]) return whole;
        return attr === 'arn' ? `\${${logicalId(`${type}.${name}`)}.Arn}` : `\${${logicalId(`${type}.${name}`)}}`;
      });
    }
    if (Array.isArray(v)) return v.map(rewrite);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, rewrite(x)]));
    return v;
  };
  const out: Record<string, Json> = {};
  const each = (type: string, f: (name: string, r: Json) => Json) => {
    for (const [name, r] of Object.entries(res[type] ?? {})) out[logicalId(`${type}.${name}`)] = f(name, rewrite(r));
  };
  each('aws_iam_role', (_n, r) => ({
    Type: 'AWS::IAM::Role',
    Properties: {
      RoleName: r.name,
      AssumeRolePolicyDocument: policyJson(r.assume_role_policy),
      PermissionsBoundary: r.permissions_boundary,
      ManagedPolicyArns: r.managed_policy_arns,
      Policies: list(r.inline_policy).map((p: Json) => ({ PolicyName: p?.name, PolicyDocument: policyJson(p?.policy) })),
    },
  }));
  each('aws_iam_user', (_n, r) => ({ Type: 'AWS::IAM::User', Properties: { UserName: r.name, PermissionsBoundary: r.permissions_boundary } }));
  each('aws_iam_group', (_n, r) => ({ Type: 'AWS::IAM::Group', Properties: { GroupName: r.name } }));
  each('aws_iam_role_policy', (_n, r) => ({ Type: 'AWS::IAM::Policy', Properties: { PolicyName: r.name ?? _n, Roles: [r.role], PolicyDocument: policyJson(r.policy) } }));
  each('aws_iam_user_policy', (_n, r) => ({ Type: 'AWS::IAM::Policy', Properties: { PolicyName: r.name ?? _n, Users: [r.user], PolicyDocument: policyJson(r.policy) } }));
  each('aws_iam_group_policy', (_n, r) => ({ Type: 'AWS::IAM::Policy', Properties: { PolicyName: r.name ?? _n, Groups: [r.group], PolicyDocument: policyJson(r.policy) } }));
  each('aws_iam_policy', (_n, r) => ({ Type: 'AWS::IAM::ManagedPolicy', Properties: { ManagedPolicyName: r.name, PolicyDocument: policyJson(r.policy) } }));
  each('aws_s3_bucket', (_n, r) => ({ Type: 'AWS::S3::Bucket', Properties: { BucketName: r.bucket } }));
  each('aws_s3_bucket_policy', (_n, r) => ({ Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: r.bucket, PolicyDocument: policyJson(r.policy) } }));
  each('aws_kms_key', (_n, r) => ({ Type: 'AWS::KMS::Key', Properties: { Description: r.description, KeyPolicy: r.policy !== undefined ? policyJson(r.policy) : undefined } }));
  each('aws_iam_openid_connect_provider', (_n, r) => ({ Type: 'AWS::IAM::OIDCProvider', Properties: { Url: r.url } }));
  // Attachments: onto the role's ManagedPolicyArns (a role of this configuration), or a note.
  for (const [name, r0] of Object.entries(res.aws_iam_role_policy_attachment ?? {})) {
    const r = rewrite(r0) as Json;
    const role = /^\$\{([A-Za-z0-9]+)\}$/.exec(String(r.role))?.[1];
    if (role && out[role]) out[role].Properties.ManagedPolicyArns = [...list(out[role].Properties.ManagedPolicyArns), /^\$\{([A-Za-z0-9]+)\.Arn\}$/.test(String(r.policy_arn)) ? { Ref: String(r.policy_arn).slice(2, -5) } : r.policy_arn];
    else out[logicalId(`aws_iam_role_policy_attachment.${name}`)] = { Type: 'AWS::IAM::Policy', Properties: { PolicyName: name, Roles: [r.role], PolicyDocument: { Statement: [] } } };
  }
  return { Resources: out };
}

/** The AWS part of a Terraform configuration, as a section of the report (or undefined). */
export function awsSectionOfTerraform(config: Json, title: string): AccessReport | undefined {
  const template = awsTemplateOfTerraform(config);
  return template ? cfnAccessReport(template, { title: `${title}: AWS resources`, source: 'the aws_* resources of the Terraform configuration' }) : undefined;
}
