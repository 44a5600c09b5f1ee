/**
 * CloudFormation -> the access report's model. Reads one template (a StackSet's inline
 * `TemplateBody` becomes a section of its own); nested stacks are followed by files.ts, which knows
 * where their templates are.
 *
 * Names: intrinsics are shown as placeholders, `Ref` as `${LogicalId}`, `Fn::GetAtt` as
 * `${LogicalId.Attribute}`, pseudo parameters as `${AWS::AccountId}`, `Fn::Join`/`Fn::Sub` as the joined
 * string. The security questions (is `*` pinned, is a web identity's `sub` pinned, is an action a
 * wildcard) are asked of the template's own values through src/policies/aws/trust-predicates.ts,
 * the functions the synth-time trust guard calls.
 */
import {
  AccessReport, ConditionText, Json, NodeSpec, RuleId, addEdge, addNode, flag as addFinding, hash, iamConditions, joinShort, list,
  MAX_NODES_PER_STATEMENT, newReport, unknown,
} from './model';
import { broadManagedPolicyName, isWildcardAction, pinsPrincipal, principalValues, samlProblems, webIdentityProblems } from '../policies/aws/trust-predicates';

/**
 * Renders a CloudFormation value with its intrinsics as readable placeholders.
 * @param {unknown} value @returns {unknown} strings for intrinsics, the same shape otherwise
 */
export function renderCfnValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(renderCfnValue);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  if (entries.length === 1 && (entries[0][0] === 'Ref' || entries[0][0].startsWith('Fn::') || entries[0][0] === 'Condition')) {
    return renderCfnIntrinsic(entries[0][0], entries[0][1]);
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, renderCfnValue(v)]));
}

/** @param {unknown} value @returns {string} */
export function cfnString(value: unknown): string {
  const r = renderCfnValue(value);
  return typeof r === 'string' ? r : JSON.stringify(r);
}

/** @param {string} fn @param {any} arg @returns {string} */
export function renderCfnIntrinsic(fn: string, arg: Json): string {
  switch (fn) {
    case 'Ref':
      return `\${${arg}}`;
    case 'Fn::GetAtt':
      return `\${${Array.isArray(arg) ? arg.join('.') : arg}}`;
    case 'Fn::Join':
      return list(arg[1]).map(cfnString).join(arg[0]);
    case 'Fn::Sub': {
      const [text, vars] = Array.isArray(arg) ? arg : [arg, {}];
      return String(text).replace(/\$\{(!?)([^}]+)\}/g, (whole, bang, name) => {
        if (bang) return `\${${name}}`;
        return vars && Object.prototype.hasOwnProperty.call(vars, name) ? cfnString(vars[name]) : whole;
      });
    }
    case 'Fn::Select':
      return `\${Select(${arg[0]}, ${cfnString(arg[1])})}`;
    case 'Fn::Split':
      return `\${Split(${arg[0]}, ${cfnString(arg[1])})}`;
    case 'Fn::If':
      return `\${If(${arg[0]}, ${cfnString(arg[1])}, ${cfnString(arg[2])})}`;
    case 'Fn::ImportValue':
      return `\${ImportValue(${cfnString(arg)})}`;
    case 'Fn::FindInMap':
      return `\${FindInMap(${list(arg).map(cfnString).join(', ')})}`;
    default:
      return `\${${fn}(${cfnString(arg)})}`;
  }
}

/** One colon-free ARN field, or a placeholder such as `${AWS::Partition}` (which has colons). */
export const ARN_FIELD = String.raw`(?:\$\{[^}]+\}|[^:$]+)*`;

/** The logical id a rendered value points to, when it is exactly `${Id}` or `${Id.Attr}`. @param {string} s */
export function placeholderOf(s: string) {
  const m = /^\$\{([A-Za-z0-9]+)(?:\.([A-Za-z0-9.]+))?\}$/.exec(s);
  return m ? { id: m[1], attribute: m[2] } : undefined;
}

/**
 * The report for one CloudFormation template. StackSets in it (`AWS::CloudFormation::StackSet` with
 * an inline `TemplateBody`) get their own section: what every target account will get.
 * @param {any} template parsed template JSON
 * @param {{ title: string, source?: string }} options
 * @returns {AccessReport}
 */
export function cfnAccessReport(template: Json, options: { title: string; source?: string }): AccessReport {
  const report = newReport(options.title, options.source ?? 'CloudFormation template');
  const resources: Record<string, Json> = template?.Resources ?? {};
  const ctx = new CfnContext(report, resources, template?.Parameters ?? {});

  for (const [id, resource] of Object.entries(resources)) {
    const props = resource.Properties ?? {};
    switch (resource.Type) {
      case 'AWS::IAM::Role':
        ctx.trust(id, props.AssumeRolePolicyDocument);
        ctx.boundary(id, props.PermissionsBoundary);
        for (const p of list(props.Policies)) ctx.identityPolicy((p).PolicyDocument, [ctx.localNode(id)], `${resource.Type} ${id} inline policy ${cfnString((p).PolicyName)}`);
        ctx.managedPolicyArns(id, props.ManagedPolicyArns);
        break;
      case 'AWS::IAM::User':
        ctx.localNode(id);
        ctx.boundary(id, props.PermissionsBoundary);
        if (props.LoginProfile) {
          const holder = addNode(report, { key: `login:${id}`, kind: 'password holder', lines: ['Holder of the console password', id], external: true });
          addEdge(report, holder, ctx.localNode(id), 'link', ['signs in to the console as']);
        }
        for (const g of list(props.Groups)) addEdge(report, ctx.localNode(id), ctx.principalByName('group', cfnString(g)), 'link', ['member of']);
        for (const p of list(props.Policies)) ctx.identityPolicy((p).PolicyDocument, [ctx.localNode(id)], `${resource.Type} ${id} inline policy ${cfnString((p).PolicyName)}`);
        ctx.managedPolicyArns(id, props.ManagedPolicyArns);
        break;
      case 'AWS::IAM::Group':
        ctx.localNode(id);
        for (const p of list(props.Policies)) ctx.identityPolicy((p).PolicyDocument, [ctx.localNode(id)], `${resource.Type} ${id} inline policy ${cfnString((p).PolicyName)}`);
        ctx.managedPolicyArns(id, props.ManagedPolicyArns);
        break;
      case 'AWS::IAM::UserToGroupAddition':
        for (const u of list(props.Users)) addEdge(report, ctx.principalByName('user', cfnString(u)), ctx.principalByName('group', cfnString(props.GroupName)), 'link', ['member of']);
        break;
      case 'AWS::IAM::Policy':
      case 'AWS::IAM::ManagedPolicy':
      case 'AWS::IAM::RolePolicy':
      case 'AWS::IAM::UserPolicy':
      case 'AWS::IAM::GroupPolicy': {
        const targets = [
          ...list(props.Roles).map((r) => ctx.principalByName('role', cfnString(r))),
          ...list(props.RoleName).map((r) => ctx.principalByName('role', cfnString(r))),
          ...list(props.Users).map((u) => ctx.principalByName('user', cfnString(u))),
          ...list(props.UserName).map((u) => ctx.principalByName('user', cfnString(u))),
          ...list(props.Groups).map((g) => ctx.principalByName('group', cfnString(g))),
          ...list(props.GroupName).map((g) => ctx.principalByName('group', cfnString(g))),
          ...ctx.attachedByArn(id),
        ];
        const name = props.PolicyName ?? props.ManagedPolicyName;
        ctx.identityPolicy(props.PolicyDocument, targets, `${resource.Type} ${id}${name ? ` (${cfnString(name)})` : ''}`);
        if (targets.length === 0) report.notes.push(`${resource.Type} ${id} is attached to no principal in this template.`);
        break;
      }
      case 'AWS::IAM::AccessKey': {
        const user = ctx.principalByName('user', cfnString(props.UserName));
        const holder = addNode(report, {
          key: `accesskey:${id}`,
          kind: 'access key',
          lines: ['Holder of access key', id, ...ctx.secretsHolding(id).map((s) => `stored in secret ${s}`)],
          external: true,
        });
        addEdge(report, holder, user, 'link', ['signs requests as']);
        report.rows.push({
          principal: `holder of AWS::IAM::AccessKey ${id}`,
          effect: 'Authenticate',
          actions: ['(any action the user may do)'],
          resources: [`IAM user ${cfnString(props.UserName)}`],
          conditions: [`Status ${cfnString(props.Status ?? 'Active')}`],
          source: `${resource.Type} ${id}`,
        });
        break;
      }
      case 'AWS::S3::BucketPolicy': {
        const bucket = ctx.bucketByName(cfnString(props.Bucket));
        ctx.resourcePolicy(props.PolicyDocument, bucket, `${resource.Type} ${id}`, 'bucket');
        break;
      }
      case 'AWS::KMS::Key': {
        const key = ctx.localNode(id);
        ctx.resourcePolicy(props.KeyPolicy, key, `${resource.Type} ${id} KeyPolicy`, 'key');
        break;
      }
      case 'AWS::CloudFormation::StackSet': {
        const body = ctx.stackSetBody(id, props);
        if (body) {
          const targets = list(props.StackInstancesGroup).map((g) => {
            const t = (g);
            const ous = list(t?.DeploymentTargets?.OrganizationalUnitIds).map(cfnString);
            const accounts = list(t?.DeploymentTargets?.Accounts).map(cfnString);
            const regions = list(t?.Regions).map(cfnString);
            return `${[...ous.map((o) => `OU ${o}`), ...accounts.map((a) => `account ${a}`)].join(', ') || 'targets'} in ${regions.join(', ') || 'no region'}`;
          });
          const inner = cfnAccessReport(body, {
            title: `StackSet ${id}${props.StackSetName ? ` (${cfnString(props.StackSetName)})` : ''}: the stack every target account gets`,
            source: `inline TemplateBody of AWS::CloudFormation::StackSet ${id}`,
          });
          if (targets.length > 0) inner.notes.unshift(`Deployed to: ${targets.join('; ')}.`);
          report.sections.push(inner);
        }
        break;
      }
      default:
        break;
    }
  }
  return report;
}

export class CfnContext {
  /** Logical ids by name, and managed policies' attachments: built once, on first use. */
  private names?: Map<string, string>;
  private attachments?: Map<string, string[]>;

  constructor(readonly report: AccessReport, readonly resources: Record<string, Json>, readonly parameters: Record<string, Json> = {}) {}

  /**
   * The placeholders of a rendered value that nothing in this template resolves: parameters,
   * `Fn::ImportValue`, `Fn::If`, `Fn::Select`, `Fn::FindInMap`, resources of other stacks. Pseudo
   * parameters and this template's resources are known (they name one thing).
   */
  unresolved(shown: string): string[] {
    const out: string[] = [];
    for (const m of shown.matchAll(/\$\{([^}]*)\}/g)) {
      const inner = m[1];
      if (/^AWS::(Partition|AccountId|URLSuffix|Region|StackName|StackId)$/.test(inner)) continue;
      const id = /^([A-Za-z0-9]+)(\.|$)/.exec(inner)?.[1];
      if (id && this.resources[id]) continue;
      out.push(m[0]);
    }
    return out;
  }

  /** The default of a parameter a rendered value is exactly (`${Param}`), when it has one. */
  parameterDefault(shown: string): string | undefined {
    const ref = placeholderOf(shown);
    const param = ref && !ref.attribute ? this.parameters[ref.id] : undefined;
    return param && param.Default !== undefined ? String(param.Default) : undefined;
  }

  /** @param {string} id */
  typeOf(id: string) {
    return this.resources[id]?.Type;
  }

  /** The node of a resource of this template. @param {string} id */
  localNode(id: string) {
    const resource = this.resources[id] ?? {};
    const props = resource.Properties ?? {};
    const type = String(resource.Type ?? 'resource');
    /** @type {Record<string, [string, unknown]>} */
    const kinds: Record<string, [string, unknown]> = {
      'AWS::IAM::Role': ['IAM role', props.RoleName],
      'AWS::IAM::User': ['IAM user', props.UserName],
      'AWS::IAM::Group': ['IAM group', props.GroupName],
      'AWS::S3::Bucket': ['S3 bucket', props.BucketName],
      'AWS::KMS::Key': ['KMS key', undefined],
    };
    const [kind, name] = kinds[type] ?? [type, undefined];
    const lines = name !== undefined ? [`${kind} ${cfnString(name)}`, id] : [kind, id];
    if (props.Description !== undefined && ['AWS::IAM::Role', 'AWS::KMS::Key'].includes(type)) lines.push(shorten(cfnString(props.Description), 120));
    if (type === 'AWS::IAM::Role' && props.MaxSessionDuration !== undefined) {
      const seconds = Number(props.MaxSessionDuration);
      lines.push(`sessions up to ${Number.isFinite(seconds) ? `${seconds / 3600} h` : cfnString(props.MaxSessionDuration)}`);
    }
    return addNode(this.report, { key: id, kind, lines });
  }

  /**
   * A role, user or group named in a policy attachment: `${Id}` (a Ref to this template's
   * resource) or a literal name of one that exists elsewhere.
   * @param {'role' | 'user' | 'group'} kind @param {string} name
   */
  principalByName(kind: 'role' | 'user' | 'group', name: string) {
    const ref = placeholderOf(name);
    if (ref && this.resources[ref.id]) return this.localNode(ref.id);
    if (this.unresolved(name).length > 0) {
      unknown(this.report, name, `A policy is attached to the IAM ${kind} ${name}, known only at deploy time (another stack's, or a parameter).`);
      return addNode(this.report, { key: `iam-${kind}:${name}`, kind: `IAM ${kind}`, lines: [`UNKNOWN IAM ${kind}`, name], flag: 'unknown', external: true });
    }
    const local = this.byName().get(name);
    if (local) return this.localNode(local);
    return addNode(this.report, { key: `iam-${kind}:${name}`, kind: `IAM ${kind}`, lines: [`IAM ${kind} ${name}`, '(not in this template)'], external: true });
  }

  /** Logical ids of this template's roles, users, groups and managed policies by their name (built once). */
  byName(): Map<string, string> {
    if (!this.names) {
      this.names = new Map();
      for (const [id, r] of Object.entries(this.resources)) {
        const p = r?.Properties ?? {};
        const name = p.RoleName ?? p.UserName ?? p.GroupName ?? p.ManagedPolicyName;
        if (name !== undefined && !this.names.has(cfnString(name))) this.names.set(cfnString(name), id);
      }
    }
    return this.names;
  }

  /**
   * The managed policy of this template an ARN names: `${Id}` (a Ref), or an ARN built from its name
   * (`arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/NAME`, a Join or Sub of the same).
   */
  localPolicyOf(arn: string): string | undefined {
    const ref = placeholderOf(arn);
    if (ref && this.typeOf(ref.id) === 'AWS::IAM::ManagedPolicy') return ref.id;
    const m = new RegExp(`^arn:${ARN_FIELD}:iam::${ARN_FIELD}:policy/(?:.*/)?([^/]+)$`).exec(arn);
    const id = m ? this.byName().get(m[1]) : undefined;
    return id && this.typeOf(id) === 'AWS::IAM::ManagedPolicy' ? id : undefined;
  }

  /** Principals that attach this managed policy through their ManagedPolicyArns (indexed once for the template). */
  attachedByArn(policyId: string): string[] {
    if (!this.attachments) {
      this.attachments = new Map();
      for (const [id, r] of Object.entries(this.resources)) {
        if (!['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'].includes(r?.Type)) continue;
        for (const a of list(r.Properties?.ManagedPolicyArns)) {
          const policy = this.localPolicyOf(cfnString(a));
          if (policy) this.attachments.set(policy, [...(this.attachments.get(policy) ?? []), id]);
        }
      }
    }
    return (this.attachments.get(policyId) ?? []).map((id) => this.localNode(id));
  }

  /** Managed policies from outside the template (AWS managed, or by ARN). @param {string} id @param {unknown} arns */
  managedPolicyArns(id: string, arns: unknown) {
    for (const arn of list(arns).map(cfnString)) {
      if (this.localPolicyOf(arn)) continue; // expanded from the policy itself (attachedByArn)
      // An AWS managed policy's statements are not in the template: drawn and listed, flagged when its
      // name says it is broad (administrator, power user, full access).
      const broad = broadManagedPolicyName(arn) !== undefined;
      const policy = addNode(this.report, { key: `managed-policy:${arn}`, kind: 'managed policy', lines: ['Managed policy', arn, '(statements not in this template)'], flag: broad ? 'unsafe' : 'broad', external: true });
      addEdge(this.report, this.localNode(id), policy, 'link', ['attached'], broad);
      const flag = broad ? `attaches the broad managed policy ${arn}` : undefined;
      this.report.rows.push({ principal: this.label(this.localNode(id)), effect: 'Allow', actions: ['(whatever the managed policy allows)'], resources: [arn], conditions: [], source: `${this.typeOf(id)} ${id} ManagedPolicyArns`, flag });
      if (flag) addFinding(this.report, 'broad-managed-policy', id, `${this.typeOf(id)} ${id}: ${flag}.`);
      else this.report.notes.push(`${this.typeOf(id)} ${id} attaches managed policy ${arn}: its statements are not in this template.`);
    }
  }

  /** @param {string} id @param {unknown} arn */
  boundary(id: string, arn: unknown) {
    if (arn === undefined) return;
    this.report.notes.push(`${this.typeOf(id)} ${id} has the permissions boundary ${cfnString(arn)}: it may do only what both its policies and the boundary allow.`);
  }

  /** Secrets whose value is made from this access key. @param {string} accessKeyId */
  secretsHolding(accessKeyId: string) {
    return Object.entries(this.resources)
      .filter(([, r]) => r.Type === 'AWS::SecretsManager::Secret' && JSON.stringify(r.Properties ?? {}).includes(`"${accessKeyId}"`))
      .map(([id]) => id);
  }

  /** A node's name for the table: its first two lines (kind and name, logical id), not its description. @param {string} id */
  label(id: string) {
    return (this.report.nodes.get(id)?.lines ?? [id]).slice(0, 2).join(' ');
  }

  /**
   * A bucket named by a Ref (`${Id}`), a literal name or an ARN's bucket part.
   * @param {string} name
   */
  bucketByName(name: string) {
    const ref = placeholderOf(name);
    if (ref && this.typeOf(ref.id) === 'AWS::S3::Bucket') return this.localNode(ref.id);
    return addNode(this.report, { key: `s3:${name}`, kind: 'S3 bucket', lines: [`S3 bucket ${name}`, '(not in this template)'], external: true });
  }

  /**
   * A resource ARN -> the node it points to and the scope within it (`objects /*`, the bucket).
   * @param {string} arn @param {'bucket' | 'key' | undefined} selfKind @param {string | undefined} self
   * @returns {{ node: string, scope?: string }}
   */
  resourceTarget(arn: string, selfKind: 'bucket' | 'key' | undefined, self: string | undefined): { node: string; scope?: string } {
    if (arn === '*') {
      if (selfKind === 'key' && self) return { node: self, scope: 'this key' };
      return { node: addNode(this.report, { key: 'any-resource', kind: 'any resource', lines: ['Any resource', '(Resource *)'], external: true }) };
    }
    const getAtt = /^\$\{([A-Za-z0-9]+)\.Arn\}(.*)$/.exec(arn);
    const s3 = new RegExp(`^arn:${ARN_FIELD}:s3:::([^/]+)(/.*)?$`).exec(arn);
    if (getAtt && this.typeOf(getAtt[1]) === 'AWS::S3::Bucket') return { node: this.localNode(getAtt[1]), scope: objectScope(getAtt[2]) };
    if (s3) return { node: this.bucketByName(s3[1]), scope: objectScope(s3[2] ?? '') };
    const ref = placeholderOf(arn);
    if (ref && this.typeOf(ref.id) === 'AWS::KMS::Key') return { node: this.localNode(ref.id), scope: 'this key' };
    if (ref && this.resources[ref.id]) return { node: this.localNode(ref.id) };
    const other = new RegExp(`^arn:${ARN_FIELD}:([a-z0-9-]+):(${ARN_FIELD}):(${ARN_FIELD}):(.+)$`).exec(arn);
    if (other) {
      const [, service, region, account, rest] = other;
      const names: Record<string, string> = ({ kms: 'KMS', secretsmanager: 'Secrets Manager', ec2: 'EC2', iam: 'IAM', logs: 'CloudWatch Logs', sns: 'SNS', sqs: 'SQS', dynamodb: 'DynamoDB' });
      const where = [account && `account ${account}`, region && `region ${region}`].filter(Boolean).join(', ');
      return { node: addNode(this.report, { key: `arn:${arn}`, kind: 'resource', lines: [`${names[service] ?? service} ${rest.replace(/\//, ' ')}`, ...(where ? [where] : []), '(not in this template)'], external: true }) };
    }
    return { node: addNode(this.report, { key: `arn:${arn}`, kind: 'resource', lines: ['Resource', arn], external: true }) };
  }

  /** The principals of a statement as diagram nodes, and what the table says. */
  principals(statement: Json, raw: Json, where: string): Principals {
    const conditions = iamConditions(statement.Condition);
    if (statement.NotPrincipal !== undefined) {
      const shown = `NotPrincipal ${JSON.stringify(statement.NotPrincipal)}`;
      const allow = statement.Effect !== 'Deny';
      const node = addNode(this.report, { key: `notprincipal:${shown}`, kind: 'anyone', lines: ['Anyone except', JSON.stringify(statement.NotPrincipal)], flag: allow ? 'unsafe' : undefined, external: true });
      return { nodes: [node], shown, consumed: [], flag: allow ? 'NotPrincipal in an Allow statement trusts everyone it does not list' : undefined, rule: allow ? 'not-principal' : undefined };
    }
    const principal = statement.Principal;
    if (typeof principal === 'string' && principal !== '*') {
      // Fn::If, a parameter, an import: who it is is known only at deploy time.
      const node = addNode(this.report, { key: `unknown-principal:${principal}`, kind: 'unknown', lines: ['UNKNOWN principal', principal], flag: 'unknown', external: true });
      unknown(this.report, where, `${where}: the principal ${principal} is known only at deploy time.`);
      return { nodes: [node], shown: `${principal} (unknown)`, consumed: [], unknown: principal };
    }
    const awsValues = principal === '*' ? ['*'] : list(principal?.AWS).map(String);
    if (awsValues.includes('*') || list(principal?.Federated).map(String).includes('*')) {
      return this.anyone(conditions, statement, raw);
    }
    const nodes: string[] = [];
    const shown: string[] = [];
    const consumed: string[] = [];
    const unknowns: string[] = [];
    let flag: string | undefined;
    let rule: RuleId | undefined;
    if (awsValues.length > 0) {
      shown.push(`AWS ${awsValues.join(', ')}`);
      const specs = awsValues.map((a) => {
        const spec = this.awsPrincipal(a);
        const unresolved = this.unresolved(a);
        if (unresolved.length === 0) return spec;
        const fallback = this.parameterDefault(a);
        if (fallback === '*' && statement.Effect !== 'Deny' && !pinsPrincipal(raw?.Condition)) {
          flag = `the principal ${a} is a parameter whose default is *, with nothing pinning it`;
          rule = 'principal-not-pinned';
          return { ...spec, lines: ['ANYONE (by default)', `${a} defaults to *`], flag: 'unsafe' as const };
        }
        unknowns.push(a);
        unknown(this.report, where, `${where}: the principal ${a} is known only at deploy time${fallback !== undefined ? ` (default ${fallback})` : ''}.`);
        return { ...spec, lines: ['UNKNOWN principal', a], flag: 'unknown' as const };
      });
      nodes.push(...this.collapse(specs, 'AWS principals', statement));
    }
    for (const service of list(principal?.Service).map(String)) {
      shown.push(`Service ${service}`);
      nodes.push(addNode(this.report, { key: `service:${service}`, kind: 'AWS service', lines: ['AWS service', service], external: true }));
    }
    for (const canonical of list(principal?.CanonicalUser).map(String)) {
      shown.push(`CanonicalUser ${canonical}`);
      nodes.push(addNode(this.report, { key: `canonical:${canonical}`, kind: 'canonical user', lines: ['S3 canonical user', canonical], external: true }));
    }
    for (const federated of list(principal?.Federated).map(String)) {
      shown.push(`Federated ${federated}`);
      const unresolved = this.unresolved(federated);
      if (unresolved.length > 0) {
        unknowns.push(federated);
        unknown(this.report, where, `${where}: the federated principal ${federated} is known only at deploy time.`);
      }
      if (/:saml-provider\//.test(federated) || /^\$\{[A-Za-z0-9]+\.?\w*\}$/.test(federated) && this.typeOf(placeholderOf(federated)?.id ?? '') === 'AWS::IAM::SAMLProvider') {
        nodes.push(addNode(this.report, { key: `saml:${federated}`, kind: 'SAML identity provider', lines: ['Users of SAML provider', federated], external: true }));
        continue;
      }
      const web = this.webIdentity(federated, conditions, statement);
      nodes.push(...web.nodes);
      consumed.push(...web.consumed);
      flag = flag ?? web.flag;
      if (web.flag) rule = rule ?? 'web-identity-not-pinned';
    }
    return { nodes, shown: shown.join('; '), consumed, flag, rule, unknown: unknowns.length > 0 ? unknowns.join(', ') : undefined };
  }

  /**
   * `Principal: *`: who it really is depends on the conditions that pin it (organization, OU path,
   * account, principal ARN, source account). Unpinned, it is anyone: flagged.
   * @param {{ key: string, operator: string, values: string[], text: string }[]} conditions @param {any} statement
   */
  anyone(conditions: ConditionText[], statement: Json, raw: Json) {
    const pins: { what: string; kind: string; prefix: string; values: string[] }[] = [];
    const consumed: string[] = [];
    // Only keys that describe the caller pin `*` (see PINNING_KEYS in trust-predicates.ts for why the
    // aws:Source* keys do not): they stay on the edge as ordinary conditions.
    const pinning: Record<string, [string, string, string]> = {
      'aws:principalorgid': ['in AWS organization', 'organization', 'org'],
      'aws:principalorgpaths': ['in organization path', 'organization path', 'orgpath'],
      'aws:principalaccount': ['in AWS account', 'AWS account', 'account'],
      'aws:principalarn': ['with ARN', 'principal', 'principal-arn'],
    };
    const pinned = pinsPrincipal(raw?.Condition);
    for (const c of conditions) {
      const pin = pinning[c.key.toLowerCase()];
      if (!pinned || !pin || c.operator.startsWith('StringNot') || c.operator.startsWith('ArnNot') || c.operator.startsWith('Null') || c.operator.startsWith('ForAllValues') || c.operator.endsWith('IfExists')) continue;
      pins.push({ what: pin[0], kind: pin[1], prefix: pin[2], values: c.values });
      consumed.push(c.text);
    }
    if (pins.length === 0) {
      const unsafe = statement.Effect !== 'Deny';
      const node = addNode(this.report, { key: unsafe ? 'anyone' : 'anyone-deny', kind: 'anyone', lines: unsafe ? ['ANYONE', 'Principal * with nothing pinning it'] : ['Anyone', '(Principal *)'], flag: unsafe ? 'unsafe' : undefined, external: true });
      return { nodes: [node], shown: 'AWS *', consumed, flag: unsafe ? UNPINNED : undefined, rule: unsafe ? 'principal-not-pinned' as RuleId : undefined };
    }
    if (pins.length === 1) {
      // One condition key: any of its values lets a principal in, so one node per value.
      const [pin] = pins;
      const specs = pin.values.map((v) => ({ key: `${pin.prefix}:${v}`, kind: pin.kind, lines: [`Any principal ${pin.what}`, v], external: true }));
      return { nodes: this.collapse(specs, `Any principal ${pin.what} (one of \${count})`, statement), shown: `AWS * (${consumed.join('; ')})`, consumed, flag: undefined, rule: undefined };
    }
    // Several condition keys must all hold: one node for the intersection.
    const lines = ['Any principal', ...pins.map((p, i) => `${i > 0 ? 'and ' : ''}${p.what} ${p.values.length <= MAX_NODES_PER_STATEMENT ? p.values.join(' or ') : joinShort(p.values)}`)];
    const node = addNode(this.report, { key: `pinned:${consumed.join(';')}`, kind: 'principals', lines, external: true });
    return { nodes: [node], shown: `AWS * (${consumed.join('; ')})`, consumed, flag: undefined, rule: undefined };
  }

  /**
   * One node per principal, or one node for all of them when there are many (the table lists each).
   * @param {NodeSpec[]} specs @param {string} what the header of the one node, `${count}` replaced @param {any} statement
   */
  collapse(specs: NodeSpec[], what: string, statement: Json) {
    if (specs.length <= MAX_NODES_PER_STATEMENT) return specs.map((s) => addNode(this.report, s));
    const names = specs.map((s) => s.lines[s.lines.length - 1]);
    return [addNode(this.report, {
      key: `group:${hash(JSON.stringify(statement))}`,
      kind: 'principal list',
      lines: [what.includes('${count}') ? what.replace('${count}', String(specs.length)) : `${specs.length} ${what}`, joinShort(names), '(all listed in the table)'],
      flag: specs.some((s) => s.flag === 'unsafe') ? 'unsafe' : undefined,
      external: true,
    })];
  }

  /** An `AWS` principal: account root, role, user, session, or this template's resource. @param {string} arn @returns {NodeSpec} */
  awsPrincipal(arn: string): NodeSpec {
    const ref = /^\$\{([A-Za-z0-9]+)\.Arn\}$/.exec(arn);
    if (ref && this.resources[ref[1]]) {
      const id = this.localNode(ref[1]);
      const node = this.report.nodes.get(id);
      return { key: ref[1], kind: node?.kind ?? 'resource', lines: node?.lines ?? [ref[1]] };
    }
    if (/^\d{12}$/.test(arn)) return { key: `account:${arn}`, kind: 'AWS account', lines: [`AWS account ${arn}`, 'root: any principal the account allows'], external: true };
    const m = new RegExp(`^arn:${ARN_FIELD}:(iam|sts)::(${ARN_FIELD}):(.*)$`).exec(arn);
    if (m) {
      const [, , account, rest] = m;
      if (rest === 'root') {
        const own = account === '${AWS::AccountId}';
        return { key: `account:${account}`, kind: 'AWS account', lines: [own ? "This stack's AWS account" : `AWS account ${account}`, own ? 'root: IAM policies of the account decide' : 'root: any principal the account allows'], external: true };
      }
      const [type, ...name] = rest.split('/');
      const kinds: Record<string, string> = ({ 'role': 'IAM role', 'user': 'IAM user', 'assumed-role': 'role session', 'federated-user': 'federated user' });
      return { key: `principal:${arn}`, kind: kinds[type] ?? type, lines: [`${kinds[type] ?? type} ${name.join('/')}`, `in account ${account}`], external: true };
    }
    return { key: `principal:${arn}`, kind: 'principal', lines: ['Principal', arn], external: true };
  }

  /**
   * A federated (web identity) principal: the OIDC provider, and the subjects its `sub` condition
   * lets in, one node each (GitHub repository and ref, EKS service account).
   * @param {string} federated @param {{ key: string, operator: string, values: string[], text: string }[]} conditions @param {any} statement
   */
  webIdentity(federated: string, conditions: { key: string; operator: string; values: string[]; text: string }[], statement: Json) {
    const ref = placeholderOf(federated);
    let host = federated.replace(new RegExp(`^arn:${ARN_FIELD}:iam::${ARN_FIELD}:oidc-provider/`), '');
    if (ref && this.resources[ref.id]) {
      const props = this.resources[ref.id].Properties ?? {};
      const url = cfnString(props.Url ?? props.url ?? '');
      if (url) host = url.replace(/^https:\/\//, '');
    }
    const provider = ref && this.resources[ref.id] ? `${host} (${ref.id})` : host;
    // The issuer in condition keys is the provider's host; when it comes from another resource it is a
    // placeholder, so fall back on the keys' suffix.
    const exact = conditions.some((c) => c.key === `${host}:sub` || c.key === `${host}:aud`);
    const claim = (c: { key: string }, name: string) => (exact ? c.key === `${host}:${name}` : c.key.endsWith(`:${name}`));
    const subs = conditions.filter((c) => claim(c, 'sub') && !c.operator.includes('Not'));
    if (!conditions.some((c) => claim(c, 'aud'))) this.report.notes.push(`Web identity ${provider}${statement.Sid ? ` (statement ${statement.Sid})` : ''} has no ${host}:aud condition: tokens for any audience of this provider are accepted.`);
    const consumed = subs.map((c) => c.text);
    if (subs.length === 0) {
      const node = addNode(this.report, { key: `federated:${federated}`, kind: 'web identity', lines: ['ANY identity of', provider, 'no sub condition'], flag: 'unsafe', external: true });
      return { nodes: [node], consumed, flag: `web identity ${provider} without a sub condition` };
    }
    /** @type {NodeSpec[]} */
    const specs = [];
    /** @type {string | undefined} */
    let flag;
    for (const c of subs) {
      for (const sub of c.values) {
        const broad = /[*?]/.test(sub) && c.operator.includes('Like');
        if (sub === '*' && broad) flag = `web identity ${provider} with sub *`;
        specs.push({ key: `sub:${host}:${sub}`, kind: 'web identity', lines: [...describeSubject(host, sub), `via ${provider}`], flag: sub === '*' && broad ? 'unsafe' as const : broad ? 'broad' as const : undefined, external: true });
      }
    }
    return { nodes: this.collapse(specs, 'subjects', statement), consumed, flag };
  }

  /**
   * A policy's statements, rendered. A condition block aws-cdk-lib could not write as plain JSON
   * (its keys hold tokens, such as an EKS issuer from another resource) is a `Custom::AWSCDKCfnJson`
   * resource's `Value`: read it from there.
   * @param {unknown} doc @returns {any[]}
   */
  statements(doc: unknown): { shown: Json; raw: Json }[] {
    const raws = list((doc as Json)?.Statement);
    const withJson = (statement: Json, value: (v: unknown) => Json) => {
      if (!statement || typeof statement !== 'object' || statement.Condition === undefined) return statement;
      const whole = this.cfnJson(value(statement.Condition));
      const condition = whole ?? statement.Condition;
      if (!condition || typeof condition !== 'object') return statement;
      const blocks = Object.entries(condition).map(([op, block]) => [op, this.cfnJson(value(block)) ?? block]);
      return { ...statement, Condition: whole ?? Object.fromEntries(blocks) };
    };
    return policyStatements(doc).map((statement, i) => ({ shown: withJson(statement, (v) => v), raw: withJson(raws[i], renderCfnValue) }));
  }

  /** The JSON value of a `Custom::AWSCDKCfnJson` a rendered `${Id.Value}` points to. @param {unknown} value */
  cfnJson(value: unknown) {
    const ref = typeof value === 'string' ? placeholderOf(value) : undefined;
    const source = ref && this.resources[ref.id];
    if (!ref || !source || source.Type !== 'Custom::AWSCDKCfnJson') return undefined;
    try {
      return JSON.parse(cfnString(source.Properties?.Value));
    } catch {
      unknown(this.report, ref.id, `A condition comes from ${ref.id}, which could not be read: review it by hand.`);
      return undefined;
    }
  }

  /** A role's trust policy: who may assume it, under which condition. */
  trust(roleId: string, doc: unknown) {
    const role = this.localNode(roleId);
    if (doc !== undefined && (typeof doc !== 'object' || doc === null || isIntrinsicValue(doc))) {
      unknown(this.report, roleId, `AWS::IAM::Role ${roleId}: its trust policy is ${cfnString(doc)}, known only at deploy time.`);
      this.report.rows.push({ principal: '(unknown)', effect: 'Allow', actions: ['sts:AssumeRole*'], resources: [this.label(role)], conditions: [], source: `AWS::IAM::Role ${roleId} trust policy`, unknown: cfnString(doc) });
      return;
    }
    for (const [i, { shown: statement, raw }] of this.statements(doc).entries()) {
      const source = `AWS::IAM::Role ${roleId} trust policy${statement?.Sid ? ` · ${statement.Sid}` : ` · statement ${i + 1}`}`;
      if (!statement || typeof statement !== 'object') {
        unknown(this.report, roleId, `${source}: the statement is ${cfnString(statement)}, known only at deploy time.`);
        this.report.rows.push({ principal: '(unknown)', effect: '(unknown)', actions: [], resources: [this.label(role)], conditions: [], source, unknown: cfnString(statement) });
        continue;
      }
      const who = this.principals(statement, raw, source);
      const actions = list(statement.Action ?? statement.NotAction).map(String);
      const conditions = iamConditions(statement.Condition);
      // The questions the synth-time guard asks, answered by the same functions.
      const problems = trustProblems(raw, source);
      const rowFlag = problems.length > 0 ? problems.map((p) => p.message.replace(`${source}: `, '')).join(' ') : who.flag;
      this.report.rows.push({ principal: who.shown, effect: String(statement.Effect), actions: statement.NotAction ? actions.map((a) => `NOT ${a}`) : actions, resources: [this.label(role)], conditions: conditions.map((c) => c.text), source, flag: rowFlag, unknown: who.unknown });
      for (const p of problems) addFinding(this.report, p.rule, roleId, p.message);
      if (problems.length === 0 && who.flag && who.rule) addFinding(this.report, who.rule, roleId, `${source}: ${who.flag}.`);
      if (typeof statement.Condition === 'string') unknown(this.report, roleId, `${source}: its condition ${statement.Condition} is known only at deploy time.`);
      if (statement.Effect !== 'Allow') continue;
      const edgeLines = [
        actions.join(', '),
        ...conditions.filter((c) => !who.consumed.includes(c.text)).map((c) => c.text),
        ...(statement.Sid ? [`(statement ${statement.Sid})`] : []),
      ];
      for (const from of who.nodes) addEdge(this.report, from, role, 'assume', edgeLines, Boolean(rowFlag));
    }
  }

  /** @param {unknown} doc @param {string[]} principals node ids @param {string} source */
  identityPolicy(doc: unknown, principals: string[], source: string) {
    for (const [i, { shown: statement }] of this.statements(doc).entries()) {
      if (!statement || typeof statement !== 'object') {
        unknown(this.report, source, `${source} · statement ${i + 1} is ${cfnString(statement)}, known only at deploy time.`);
        continue;
      }
      const where = `${source}${statement.Sid ? ` · ${statement.Sid}` : ` · statement ${i + 1}`}`;
      const actions = list(statement.Action).map(String);
      const notActions = list(statement.NotAction).map(String);
      const resources = list(statement.Resource ?? statement.NotResource).map(String);
      const conditions = iamConditions(statement.Condition);
      const flag = statement.Effect === 'Allow' ? broadness(actions, notActions, statement.NotResource !== undefined) : undefined;
      const unresolved = resources.flatMap((r) => this.unresolved(r));
      if (unresolved.length > 0) unknown(this.report, source.split(' ')[1] ?? source, `${where}: the resources ${[...new Set(unresolved)].join(', ')} are known only at deploy time.`);
      for (const p of principals) {
        this.report.rows.push({ principal: this.label(p), effect: statement.Effect, actions: [...actions, ...notActions.map((a) => `NOT ${a}`)], resources: statement.NotResource ? resources.map((r) => `NOT ${r}`) : resources, conditions: conditions.map((c) => c.text), source: where, flag, unknown: unresolved.length > 0 ? [...new Set(unresolved)].join(', ') : undefined });
        if (flag) addFinding(this.report, ruleOfBroadness(flag), source.split(' ')[1] ?? source, `${where}: ${flag}.`);
        this.drawAccess(p, statement, actions, notActions, resources, conditions, undefined, undefined);
      }
    }
  }

  /**
   * @param {unknown} doc @param {string} self the bucket or key node @param {string} source
   * @param {'bucket' | 'key'} selfKind
   */
  resourcePolicy(doc: unknown, self: string, source: string, selfKind: 'bucket' | 'key') {
    for (const [i, { shown: statement, raw }] of this.statements(doc).entries()) {
      if (!statement || typeof statement !== 'object') {
        unknown(this.report, source, `${source} · statement ${i + 1} is ${cfnString(statement)}, known only at deploy time.`);
        continue;
      }
      const where = `${source}${statement.Sid ? ` · ${statement.Sid}` : ` · statement ${i + 1}`}`;
      const who = this.principals(statement, raw, where);
      const actions = list(statement.Action).map(String);
      const notActions = list(statement.NotAction).map(String);
      const resources = list(statement.Resource ?? statement.NotResource).map(String);
      const conditions = iamConditions(statement.Condition);
      const keyDefault = selfKind === 'key' && /^AWS arn:\S*:iam::\$\{AWS::AccountId\}:root$/.test(who.shown) && actions.join() === 'kms:*' && !statement.Condition;
      const flag = statement.Effect === 'Allow' && !keyDefault ? who.flag ?? broadness(actions, notActions, statement.NotResource !== undefined) : undefined;
      if (keyDefault) this.report.notes.push(`${where}: kms:* for this stack's account root, AWS's default key policy: IAM policies of this account can grant use of the key (the table lists every one in this stack).`);
      const shownResources = resources.map((r) => (r === '*' && selfKind === 'key' ? `* (this key: ${this.label(self)})` : r));
      this.report.rows.push({ principal: who.shown, effect: statement.Effect, actions: [...actions, ...notActions.map((a) => `NOT ${a}`)], resources: statement.NotResource ? shownResources.map((r) => `NOT ${r}`) : shownResources, conditions: conditions.map((c) => c.text), source: where, flag, unknown: who.unknown });
      if (flag) addFinding(this.report, who.flag ? who.rule ?? 'principal-not-pinned' : ruleOfBroadness(flag), source.split(' ')[1] ?? source, `${where}: ${flag}.`);
      if (statement.Effect !== 'Allow') {
        this.report.notes.push(`Deny on ${this.label(self)}: ${[...actions, ...notActions.map((a) => `NOT ${a}`)].join(', ')} for ${who.shown}${conditions.length ? ` when ${conditions.map((c) => c.text).join(' and ')}` : ''} (${where}).`);
        continue;
      }
      for (const p of who.nodes) {
        this.drawAccess(p, statement, actions, notActions, resources, conditions, self, selfKind, who.consumed, Boolean(flag), keyDefault);
      }
    }
  }

  /**
   * One access edge per (principal, target) with a line per scope: `on objects /neon/*: s3:GetObject, ...`.
   * @param {string} principal @param {any} statement @param {string[]} actions @param {string[]} notActions
   * @param {string[]} resources @param {{ text: string }[]} conditions @param {string | undefined} self
   * @param {'bucket' | 'key' | undefined} selfKind @param {string[]} [consumed] @param {boolean} [flagged]
   * @param {boolean} [accepted] a wildcard that is known to be the default (the key policy's kms:* for the own account)
   */
  drawAccess(principal: string, statement: Json, actions: string[], notActions: string[], resources: string[], conditions: { text: string }[], self: string | undefined, selfKind: 'bucket' | 'key' | undefined, consumed: string[] = [], flagged: boolean = false, accepted: boolean = false) {
    if (statement.Effect !== 'Allow') return;
    const what = [...actions, ...notActions.map((a) => `NOT ${a}`)].join(', ');
    const when = conditions.filter((c) => !consumed.includes(c.text)).map((c) => `if ${c.text}`);
    /** @type {Map<string, string[]>} */
    const scopes = new Map();
    for (const r of statement.NotResource ? ['*'] : resources) {
      const t = this.resourceTarget(r, selfKind, self);
      const scope = statement.NotResource ? `all but ${resources.join(', ')}` : t.scope;
      scopes.set(t.node, [...(scopes.get(t.node) ?? []), ...(scope ? [scope] : [])]);
    }
    for (const [node, s] of scopes) {
      const on = s.length > 0 ? `on ${[...new Set(s)].join(' and ')}: ` : '';
      addEdge(this.report, principal, node, 'access', [`${on}${what}`, ...when], flagged || (!accepted && Boolean(broadness(actions, notActions, false))));
    }
  }

  /** @param {string} id @param {any} props */
  stackSetBody(id: string, props: Json) {
    const body = props.TemplateBody;
    if (body === undefined) {
      this.report.notes.push(`AWS::CloudFormation::StackSet ${id} takes its template from ${cfnString(props.TemplateURL ?? '(nowhere)')}: not in this template, not reported.`);
      return undefined;
    }
    const text = typeof body === 'string' ? body : cfnString(body);
    try {
      return typeof body === 'object' && body !== null && !Object.keys(body).some((k) => k === 'Ref' || k.startsWith('Fn::')) ? body : JSON.parse(text);
    } catch (e) {
      addFinding(this.report, 'unreadable', id, `AWS::CloudFormation::StackSet ${id}: its TemplateBody is not JSON (${(e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ')}), so its access is not reported here: review it by hand.`);
      return undefined;
    }
  }
}

/** @param {string} text @param {number} max */
export function shorten(text: string, max: number) {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** @param {string} suffix the part of an ARN after the bucket */
export function objectScope(suffix: string) {
  if (!suffix) return 'the bucket';
  return `objects ${suffix}`;
}

/** @param {string[]} actions @param {string[]} notActions @param {boolean} notResource */
export function broadness(actions: string[], notActions: string[], notResource: boolean) {
  if (notActions.length > 0) return 'Allow with NotAction';
  if (notResource) return 'Allow with NotResource';
  const wild = actions.filter(isWildcardAction);
  return wild.length > 0 ? `Allow ${wild.join(', ')}` : undefined;
}

/** @param {unknown} doc @returns {any[]} the statements, rendered */
export function policyStatements(doc: unknown): Json[] {
  const rendered: Json = renderCfnValue(doc);
  return list(rendered?.Statement);
}

/**
 * What a web-identity `sub` means, for GitHub Actions and EKS; the raw value otherwise.
 * @param {string} host @param {string} sub @returns {string[]}
 */
export function describeSubject(host: string, sub: string): string[] {
  if (host === 'token.actions.githubusercontent.com') {
    const m = /^repo:([^:]+):(.*)$/.exec(sub);
    if (m) {
      const [, repo, rest] = m;
      const ref = /^ref:refs\/heads\/(.+)$/.exec(rest);
      const tag = /^ref:refs\/tags\/(.+)$/.exec(rest);
      const env = /^environment:(.+)$/.exec(rest);
      const what = ref ? `branch ${ref[1]}` : tag ? `tag ${tag[1]}` : env ? `environment ${env[1]}` : rest === 'pull_request' ? 'pull requests' : rest;
      return ['GitHub Actions', `repository ${repo}`, what];
    }
    return ['GitHub Actions', `sub ${sub}`];
  }
  const eks = /^oidc\.eks\.([^.]+)\.amazonaws\.com\/id\/(.+)$/.exec(host);
  const sa = /^system:serviceaccount:([^:]+):(.+)$/.exec(sub);
  if (eks && sa) return ['EKS service account', `${sa[1]}/${sa[2]}`, `cluster OIDC id ${eks[2]} (${eks[1]})`];
  if (sa) return ['Kubernetes service account', `${sa[1]}/${sa[2]}`];
  return ['Web identity', `sub ${sub}`];
}

/** What `principals()` found. */
interface Principals {
  readonly nodes: string[];
  readonly shown: string;
  readonly consumed: string[];
  readonly flag?: string;
  readonly rule?: RuleId;
  readonly unknown?: string;
}

const UNPINNED = 'Principal * not pinned by aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:PrincipalAccount or aws:PrincipalArn';

function isIntrinsicValue(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

function ruleOfBroadness(text: string): RuleId {
  if (text.includes('NotAction')) return 'not-action';
  if (text.includes('NotResource')) return 'not-resource';
  return 'wildcard-action';
}

/**
 * The trust guard's questions of one trust statement (template values, intrinsics included), with
 * the rule each answer belongs to: the same predicates `guardTrustPolicy` calls.
 */
export function trustProblems(raw: Json, where: string): { rule: RuleId; message: string }[] {
  if (!raw || typeof raw !== 'object' || raw.Effect !== 'Allow') return [];
  const out: { rule: RuleId; message: string }[] = [];
  if (raw.NotPrincipal !== undefined) out.push({ rule: 'not-principal', message: `${where}: NotPrincipal in an Allow statement trusts everyone it does not list.` });
  if (raw.NotAction !== undefined) out.push({ rule: 'not-action', message: `${where}: NotAction in an Allow statement allows every other STS action.` });
  const pinned = pinsPrincipal(raw.Condition);
  for (const kind of ['AWS', 'Federated'] as const) {
    if (principalValues(raw.Principal, kind).includes('*') && !pinned) out.push({ rule: 'principal-not-pinned', message: `${where}: Principal {"${kind}": "*"}: ${UNPINNED}.` });
  }
  for (const m of webIdentityProblems(raw, where)) out.push({ rule: 'web-identity-not-pinned', message: m });
  for (const m of samlProblems(raw, where)) out.push({ rule: 'saml-audience-missing', message: m });
  return out;
}
