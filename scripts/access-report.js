// @ts-check
/**
 * Access reports: who may assume which role (or act as which user, service account or service
 * principal), under which condition, and what it may then do on which bucket, key and object
 * prefix. Written by scripts/synth.js next to every synthesized stack, as Markdown with a
 * GitHub-flavoured Mermaid diagram (`flowchart LR`) and a table of the exact permissions.
 *
 * Everything here is DERIVED FROM THE SYNTHESIZED TEMPLATES (CloudFormation JSON, Terraform JSON),
 * never from construct props, so the report shows what will be deployed, whatever added a
 * statement (a construct, an escape hatch, a hand-written resource). Plain Node, no back-end
 * imports: the functions take parsed JSON and return strings, so jest can test them directly.
 *
 *   cfnAccessReport(template, { title })        -> report model for one CloudFormation template
 *   terraformAccessReport(config, { title })    -> report model for one cdktf stack (cdk.tf.json)
 *   renderMarkdown(report)                      -> the Markdown document
 *   writeCloudAssemblyReports(cdkOut)           -> cdk.out/<Stack>.access.md + cdk.out/ACCESS.md
 *   writeTerraformReports(cdktfOut)             -> cdktf.out/stacks/<name>/access.md + cdktf.out/ACCESS.md
 *
 * Names: CloudFormation intrinsics are shown as placeholders, `Ref` as `${LogicalId}`, `Fn::GetAtt`
 * as `${LogicalId.Attribute}`, pseudo parameters as `${AWS::AccountId}`, `Fn::Join`/`Fn::Sub` as the
 * joined string; Terraform references as the resource address they name.
 */
'use strict';
const fs = require('fs');
const path = require('path');

/**
 * @typedef {{ id: string, kind: string, lines: string[], flag?: 'unsafe' | 'broad', external: boolean }} DiagramNode
 * @typedef {{ from: string, to: string, style: 'access' | 'assume' | 'link', entries: string[][], flagged: boolean }} DiagramEdge one entry (lines) per statement or binding
 * @typedef {{ principal: string, effect: string, actions: string[], resources: string[], conditions: string[], source: string, flag?: string }} PermissionRow
 * @typedef {{ title: string, source: string, nodes: Map<string, DiagramNode>, edges: DiagramEdge[], rows: PermissionRow[], findings: string[], notes: string[], sections: AccessReport[] }} AccessReport
 * @typedef {{ key: string, kind: string, lines: string[], flag?: 'unsafe' | 'broad', external?: boolean }} NodeSpec
 */

/** More principals than this in one statement are drawn as one node (the table lists them all). */
const MAX_NODES_PER_STATEMENT = 6;

// ---------------------------------------------------------------------------------------------
// Shared model helpers
// ---------------------------------------------------------------------------------------------

/** @param {string} title @param {string} source @returns {AccessReport} */
function newReport(title, source) {
  return { title, source, nodes: new Map(), edges: [], rows: [], findings: [], notes: [], sections: [] };
}

/** FNV-1a, 32 bit, as 8 hex digits: a stable suffix for node ids. @param {string} s */
function hash(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * A Mermaid node id derived from the node's key only (not from its position), so ids stay the same
 * when other principals are added: letters, digits and underscores, with a hash when the key had to
 * be changed to get there (so two keys never share an id).
 * @param {string} key
 */
function nodeId(key) {
  const clean = key.replace(/[^A-Za-z0-9_]/g, '_').replace(/_+/g, '_').slice(0, 60);
  return clean === key ? `N_${clean}` : `N_${clean}_${hash(key).slice(0, 6)}`;
}

/** @param {AccessReport} report @param {NodeSpec} spec @returns {string} the node id */
function addNode(report, spec) {
  const id = nodeId(spec.key);
  const existing = report.nodes.get(id);
  if (existing) {
    if (spec.flag === 'unsafe' || (spec.flag === 'broad' && !existing.flag)) existing.flag = spec.flag;
    return id;
  }
  report.nodes.set(id, { id, kind: spec.kind, lines: spec.lines, flag: spec.flag, external: spec.external ?? false });
  return id;
}

/**
 * @param {AccessReport} report @param {string} from @param {string} to
 * @param {'access' | 'assume' | 'link'} style @param {string[]} lines @param {boolean} [flagged]
 */
function addEdge(report, from, to, style, lines, flagged = false) {
  const existing = report.edges.find((e) => e.from === from && e.to === to && e.style === style);
  if (existing) {
    if (!existing.entries.some((e) => JSON.stringify(e) === JSON.stringify(lines))) existing.entries.push([...lines]);
    existing.flagged = existing.flagged || flagged;
    return;
  }
  report.edges.push({ from, to, style, entries: [[...lines]], flagged });
}

/** @param {unknown} v @returns {unknown[]} */
function list(v) {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** @param {string[]} items @param {string} [more] */
function joinShort(items, more = 'more') {
  return items.length <= MAX_NODES_PER_STATEMENT
    ? items.join(', ')
    : `${items.slice(0, 3).join(', ')} and ${items.length - 3} ${more}`;
}

const CONDITION_OPERATORS = /** @type {Record<string, string>} */ ({
  StringEquals: '=',
  StringNotEquals: '≠',
  StringEqualsIgnoreCase: '= (any case)',
  StringNotEqualsIgnoreCase: '≠ (any case)',
  StringLike: 'like',
  StringNotLike: 'not like',
  ArnEquals: '=',
  ArnLike: 'like',
  ArnNotEquals: '≠',
  ArnNotLike: 'not like',
  NumericEquals: '=',
  NumericNotEquals: '≠',
  NumericLessThan: '<',
  NumericLessThanEquals: '≤',
  NumericGreaterThan: '>',
  NumericGreaterThanEquals: '≥',
  DateEquals: '=',
  DateLessThan: 'before',
  DateGreaterThan: 'after',
  Bool: 'is',
  IpAddress: 'in',
  NotIpAddress: 'not in',
  Null: 'is null:',
});

/**
 * IAM condition block -> one readable string per key: `sts:ExternalId = abc`,
 * `token.actions.githubusercontent.com:sub in [a, b]`, `any of aws:PrincipalOrgPaths like [...]`.
 * @param {unknown} condition already rendered (strings, not intrinsics)
 * @returns {{ key: string, operator: string, values: string[], text: string }[]}
 */
function iamConditions(condition) {
  if (!condition || typeof condition !== 'object') return [];
  /** @type {{ key: string, operator: string, values: string[], text: string }[]} */
  const out = [];
  for (const [rawOperator, block] of Object.entries(condition)) {
    const ifExists = rawOperator.endsWith('IfExists');
    const [quantifier, bare] = rawOperator.includes(':') ? rawOperator.split(':', 2) : ['', rawOperator];
    const base = ifExists ? bare.slice(0, -'IfExists'.length) : bare;
    const symbol = CONDITION_OPERATORS[base] ?? base;
    for (const [key, value] of Object.entries(block ?? {})) {
      const values = list(value).map(String);
      const shown = values.length === 1 ? values[0] : `[${values.join(', ')}]`;
      const op = values.length === 1 || !['=', 'like'].includes(symbol) ? symbol : symbol === '=' ? 'in' : 'like any of';
      const prefix = quantifier === 'ForAnyValue' ? 'any of ' : quantifier === 'ForAllValues' ? 'all of ' : '';
      const suffix = ifExists ? ' (if present)' : '';
      out.push({ key, operator: rawOperator, values, text: `${prefix}${key} ${op} ${shown}${suffix}` });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// CloudFormation
// ---------------------------------------------------------------------------------------------

/**
 * Renders a CloudFormation value with its intrinsics as readable placeholders.
 * @param {unknown} value @returns {unknown} strings for intrinsics, the same shape otherwise
 */
function renderCfnValue(value) {
  if (Array.isArray(value)) return value.map(renderCfnValue);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  if (entries.length === 1 && (entries[0][0] === 'Ref' || entries[0][0].startsWith('Fn::') || entries[0][0] === 'Condition')) {
    return renderCfnIntrinsic(entries[0][0], entries[0][1]);
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, renderCfnValue(v)]));
}

/** @param {unknown} value @returns {string} */
function cfnString(value) {
  const r = renderCfnValue(value);
  return typeof r === 'string' ? r : JSON.stringify(r);
}

/** @param {string} fn @param {any} arg @returns {string} */
function renderCfnIntrinsic(fn, arg) {
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
const ARN_FIELD = String.raw`(?:\$\{[^}]+\}|[^:$]+)*`;

/** The logical id a rendered value points to, when it is exactly `${Id}` or `${Id.Attr}`. @param {string} s */
function placeholderOf(s) {
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
function cfnAccessReport(template, options) {
  const report = newReport(options.title, options.source ?? 'CloudFormation template');
  const resources = /** @type {Record<string, any>} */ (template?.Resources ?? {});
  const ctx = new CfnContext(report, resources);

  for (const [id, resource] of Object.entries(resources)) {
    const props = resource.Properties ?? {};
    switch (resource.Type) {
      case 'AWS::IAM::Role':
        ctx.trust(id, props.AssumeRolePolicyDocument);
        ctx.boundary(id, props.PermissionsBoundary);
        for (const p of list(props.Policies)) ctx.identityPolicy(/** @type {any} */ (p).PolicyDocument, [ctx.localNode(id)], `${resource.Type} ${id} inline policy ${cfnString(/** @type {any} */ (p).PolicyName)}`);
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
        for (const p of list(props.Policies)) ctx.identityPolicy(/** @type {any} */ (p).PolicyDocument, [ctx.localNode(id)], `${resource.Type} ${id} inline policy ${cfnString(/** @type {any} */ (p).PolicyName)}`);
        ctx.managedPolicyArns(id, props.ManagedPolicyArns);
        break;
      case 'AWS::IAM::Group':
        ctx.localNode(id);
        for (const p of list(props.Policies)) ctx.identityPolicy(/** @type {any} */ (p).PolicyDocument, [ctx.localNode(id)], `${resource.Type} ${id} inline policy ${cfnString(/** @type {any} */ (p).PolicyName)}`);
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
            const t = /** @type {any} */ (g);
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

class CfnContext {
  /** @param {AccessReport} report @param {Record<string, any>} resources */
  constructor(report, resources) {
    this.report = report;
    this.resources = resources;
  }

  /** @param {string} id */
  typeOf(id) {
    return this.resources[id]?.Type;
  }

  /** The node of a resource of this template. @param {string} id */
  localNode(id) {
    const resource = this.resources[id] ?? {};
    const props = resource.Properties ?? {};
    const type = String(resource.Type ?? 'resource');
    /** @type {Record<string, [string, unknown]>} */
    const kinds = {
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
  principalByName(kind, name) {
    const ref = placeholderOf(name);
    if (ref && this.resources[ref.id]) return this.localNode(ref.id);
    const local = Object.entries(this.resources).find(([, r]) => {
      const p = r.Properties ?? {};
      return cfnString(p.RoleName ?? p.UserName ?? p.GroupName ?? '') === name;
    });
    if (local) return this.localNode(local[0]);
    return addNode(this.report, { key: `iam-${kind}:${name}`, kind: `IAM ${kind}`, lines: [`IAM ${kind} ${name}`, '(not in this template)'], external: true });
  }

  /** Principals that attach this managed policy through their ManagedPolicyArns. @param {string} policyId */
  attachedByArn(policyId) {
    /** @type {string[]} */
    const out = [];
    for (const [id, r] of Object.entries(this.resources)) {
      if (!['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'].includes(r.Type)) continue;
      if (list(r.Properties?.ManagedPolicyArns).some((a) => placeholderOf(cfnString(a))?.id === policyId)) out.push(this.localNode(id));
    }
    return out;
  }

  /** Managed policies from outside the template (AWS managed, or by ARN). @param {string} id @param {unknown} arns */
  managedPolicyArns(id, arns) {
    for (const arn of list(arns).map(cfnString)) {
      const ref = placeholderOf(arn);
      if (ref && this.typeOf(ref.id) === 'AWS::IAM::ManagedPolicy') continue; // expanded from the policy itself
      // An AWS managed policy's statements are not in the template: drawn and listed, flagged when its
      // name says it is broad (administrator, power user, full access).
      const broad = /(AdministratorAccess|PowerUserAccess|FullAccess)$/.test(arn);
      const policy = addNode(this.report, { key: `managed-policy:${arn}`, kind: 'managed policy', lines: ['Managed policy', arn, '(statements not in this template)'], flag: broad ? 'unsafe' : 'broad', external: true });
      addEdge(this.report, this.localNode(id), policy, 'link', ['attached'], broad);
      const flag = broad ? `attaches the broad managed policy ${arn}` : undefined;
      this.report.rows.push({ principal: this.label(this.localNode(id)), effect: 'Allow', actions: ['(whatever the managed policy allows)'], resources: [arn], conditions: [], source: `${this.typeOf(id)} ${id} ManagedPolicyArns`, flag });
      if (flag) this.report.findings.push(`${this.typeOf(id)} ${id}: ${flag}.`);
      else this.report.notes.push(`${this.typeOf(id)} ${id} attaches managed policy ${arn}: its statements are not in this template.`);
    }
  }

  /** @param {string} id @param {unknown} arn */
  boundary(id, arn) {
    if (arn === undefined) return;
    this.report.notes.push(`${this.typeOf(id)} ${id} has the permissions boundary ${cfnString(arn)}: it may do only what both its policies and the boundary allow.`);
  }

  /** Secrets whose value is made from this access key. @param {string} accessKeyId */
  secretsHolding(accessKeyId) {
    return Object.entries(this.resources)
      .filter(([, r]) => r.Type === 'AWS::SecretsManager::Secret' && JSON.stringify(r.Properties ?? {}).includes(`"${accessKeyId}"`))
      .map(([id]) => id);
  }

  /** A node's name for the table: its first two lines (kind and name, logical id), not its description. @param {string} id */
  label(id) {
    return (this.report.nodes.get(id)?.lines ?? [id]).slice(0, 2).join(' ');
  }

  /**
   * A bucket named by a Ref (`${Id}`), a literal name or an ARN's bucket part.
   * @param {string} name
   */
  bucketByName(name) {
    const ref = placeholderOf(name);
    if (ref && this.typeOf(ref.id) === 'AWS::S3::Bucket') return this.localNode(ref.id);
    return addNode(this.report, { key: `s3:${name}`, kind: 'S3 bucket', lines: [`S3 bucket ${name}`, '(not in this template)'], external: true });
  }

  /**
   * A resource ARN -> the node it points to and the scope within it (`objects /*`, the bucket).
   * @param {string} arn @param {'bucket' | 'key' | undefined} selfKind @param {string | undefined} self
   * @returns {{ node: string, scope?: string }}
   */
  resourceTarget(arn, selfKind, self) {
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
      const names = /** @type {Record<string, string>} */ ({ kms: 'KMS', secretsmanager: 'Secrets Manager', ec2: 'EC2', iam: 'IAM', logs: 'CloudWatch Logs', sns: 'SNS', sqs: 'SQS', dynamodb: 'DynamoDB' });
      const where = [account && `account ${account}`, region && `region ${region}`].filter(Boolean).join(', ');
      return { node: addNode(this.report, { key: `arn:${arn}`, kind: 'resource', lines: [`${names[service] ?? service} ${rest.replace(/\//, ' ')}`, ...(where ? [where] : []), '(not in this template)'], external: true }) };
    }
    return { node: addNode(this.report, { key: `arn:${arn}`, kind: 'resource', lines: ['Resource', arn], external: true }) };
  }

  /**
   * The principals of a statement as diagram nodes, and what the table says.
   * @param {any} statement rendered
   * @returns {{ nodes: string[], shown: string, consumed: string[], flag?: string }}
   */
  principals(statement) {
    const conditions = iamConditions(statement.Condition);
    if (statement.NotPrincipal !== undefined) {
      const shown = `NotPrincipal ${JSON.stringify(statement.NotPrincipal)}`;
      const node = addNode(this.report, { key: `notprincipal:${shown}`, kind: 'anyone', lines: ['Anyone except', JSON.stringify(statement.NotPrincipal)], flag: 'unsafe', external: true });
      return { nodes: [node], shown, consumed: [], flag: 'NotPrincipal' };
    }
    const principal = statement.Principal;
    if (principal === '*' || principal?.AWS === '*' || list(principal?.AWS).includes('*')) {
      return this.anyone(conditions, statement);
    }
    /** @type {string[]} */
    const nodes = [];
    /** @type {string[]} */
    const shown = [];
    /** @type {string[]} */
    const consumed = [];
    /** @type {string | undefined} */
    let flag;
    const aws = list(principal?.AWS).map(String);
    if (aws.length > 0) {
      shown.push(`AWS ${aws.join(', ')}`);
      const specs = aws.map((a) => this.awsPrincipal(a));
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
      const web = this.webIdentity(federated, conditions, statement);
      shown.push(`Federated ${federated}`);
      nodes.push(...web.nodes);
      consumed.push(...web.consumed);
      flag = flag ?? web.flag;
    }
    return { nodes, shown: shown.join('; '), consumed, flag };
  }

  /**
   * `Principal: *`: who it really is depends on the conditions that pin it (organization, OU path,
   * account, principal ARN, source account). Unpinned, it is anyone: flagged.
   * @param {{ key: string, operator: string, values: string[], text: string }[]} conditions @param {any} statement
   */
  anyone(conditions, statement) {
    /** @type {{ what: string, kind: string, prefix: string, values: string[] }[]} */
    const pins = [];
    /** @type {string[]} */
    const consumed = [];
    /** @type {Record<string, [string, string, string]>} condition key -> [node line, kind, key prefix] */
    const pinning = {
      'aws:principalorgid': ['in AWS organization', 'organization', 'org'],
      'aws:sourceorgid': ['in AWS organization', 'organization', 'org'],
      'aws:principalorgpaths': ['in organization path', 'organization path', 'orgpath'],
      'aws:sourceorgpaths': ['in organization path', 'organization path', 'orgpath'],
      'aws:principalaccount': ['in AWS account', 'AWS account', 'account'],
      'aws:sourceaccount': ['in AWS account', 'AWS account', 'account'],
      'aws:principalarn': ['with ARN', 'principal', 'principal-arn'],
      'aws:sourcearn': ['with source ARN', 'principal', 'principal-arn'],
    };
    for (const c of conditions) {
      const pin = pinning[c.key.toLowerCase()];
      if (!pin || c.operator.startsWith('StringNot') || c.operator.startsWith('ArnNot') || c.operator.startsWith('Null') || c.operator.startsWith('ForAllValues')) continue;
      pins.push({ what: pin[0], kind: pin[1], prefix: pin[2], values: c.values });
      consumed.push(c.text);
    }
    if (pins.length === 0) {
      const unsafe = statement.Effect !== 'Deny';
      const node = addNode(this.report, { key: unsafe ? 'anyone' : 'anyone-deny', kind: 'anyone', lines: unsafe ? ['ANYONE', 'Principal * with nothing pinning it'] : ['Anyone', '(Principal *)'], flag: unsafe ? 'unsafe' : undefined, external: true });
      return { nodes: [node], shown: 'AWS *', consumed, flag: unsafe ? 'Principal * not pinned to an organization, account or ARN' : undefined };
    }
    if (pins.length === 1) {
      // One condition key: any of its values lets a principal in, so one node per value.
      const [pin] = pins;
      const specs = pin.values.map((v) => ({ key: `${pin.prefix}:${v}`, kind: pin.kind, lines: [`Any principal ${pin.what}`, v], external: true }));
      return { nodes: this.collapse(specs, `Any principal ${pin.what} (one of \${count})`, statement), shown: `AWS * (${consumed.join('; ')})`, consumed, flag: undefined };
    }
    // Several condition keys must all hold: one node for the intersection.
    const lines = ['Any principal', ...pins.map((p, i) => `${i > 0 ? 'and ' : ''}${p.what} ${p.values.length <= MAX_NODES_PER_STATEMENT ? p.values.join(' or ') : joinShort(p.values)}`)];
    const node = addNode(this.report, { key: `pinned:${consumed.join(';')}`, kind: 'principals', lines, external: true });
    return { nodes: [node], shown: `AWS * (${consumed.join('; ')})`, consumed, flag: undefined };
  }

  /**
   * One node per principal, or one node for all of them when there are many (the table lists each).
   * @param {NodeSpec[]} specs @param {string} what the header of the one node, `${count}` replaced @param {any} statement
   */
  collapse(specs, what, statement) {
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
  awsPrincipal(arn) {
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
      const kinds = /** @type {Record<string, string>} */ ({ role: 'IAM role', user: 'IAM user', 'assumed-role': 'role session', 'federated-user': 'federated user' });
      return { key: `principal:${arn}`, kind: kinds[type] ?? type, lines: [`${kinds[type] ?? type} ${name.join('/')}`, `in account ${account}`], external: true };
    }
    return { key: `principal:${arn}`, kind: 'principal', lines: ['Principal', arn], external: true };
  }

  /**
   * A federated (web identity) principal: the OIDC provider, and the subjects its `sub` condition
   * lets in, one node each (GitHub repository and ref, EKS service account).
   * @param {string} federated @param {{ key: string, operator: string, values: string[], text: string }[]} conditions @param {any} statement
   */
  webIdentity(federated, conditions, statement) {
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
    const claim = (/** @type {{ key: string }} */ c, /** @type {string} */ name) => (exact ? c.key === `${host}:${name}` : c.key.endsWith(`:${name}`));
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
        specs.push({ key: `sub:${host}:${sub}`, kind: 'web identity', lines: [...describeSubject(host, sub), `via ${provider}`], flag: sub === '*' && broad ? 'unsafe' : broad ? 'broad' : undefined, external: true });
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
  statements(doc) {
    return policyStatements(doc).map((statement) => {
      if (statement.Condition === undefined) return statement;
      const whole = this.cfnJson(statement.Condition);
      const condition = whole ?? statement.Condition;
      if (!condition || typeof condition !== 'object') return statement;
      return { ...statement, Condition: Object.fromEntries(Object.entries(condition).map(([op, block]) => [op, this.cfnJson(block) ?? block])) };
    });
  }

  /** The JSON value of a `Custom::AWSCDKCfnJson` a rendered `${Id.Value}` points to. @param {unknown} value */
  cfnJson(value) {
    const ref = typeof value === 'string' ? placeholderOf(value) : undefined;
    const source = ref && this.resources[ref.id];
    if (!ref || !source || source.Type !== 'Custom::AWSCDKCfnJson') return undefined;
    try {
      return JSON.parse(cfnString(source.Properties?.Value));
    } catch {
      this.report.findings.push(`A condition comes from ${ref.id}, which could not be read: review it by hand.`);
      return undefined;
    }
  }

  /** @param {unknown} doc @param {string} roleId */
  trust(roleId, doc) {
    const role = this.localNode(roleId);
    for (const [i, statement] of this.statements(doc).entries()) {
      const source = `AWS::IAM::Role ${roleId} trust policy${statement.Sid ? ` · ${statement.Sid}` : ` · statement ${i + 1}`}`;
      const who = this.principals(statement);
      const actions = list(statement.Action ?? statement.NotAction).map(String);
      const conditions = iamConditions(statement.Condition);
      const flag = who.flag ?? (statement.NotAction ? 'NotAction' : undefined);
      this.report.rows.push({ principal: who.shown, effect: statement.Effect, actions: statement.NotAction ? actions.map((a) => `NOT ${a}`) : actions, resources: [this.label(role)], conditions: conditions.map((c) => c.text), source, flag });
      if (flag) this.report.findings.push(`${source}: ${flag}.`);
      if (statement.Effect !== 'Allow') continue;
      const edgeLines = [
        actions.join(', '),
        ...conditions.filter((c) => !who.consumed.includes(c.text)).map((c) => c.text),
        ...(statement.Sid ? [`(statement ${statement.Sid})`] : []),
      ];
      for (const from of who.nodes) addEdge(this.report, from, role, 'assume', edgeLines, Boolean(flag));
    }
  }

  /** @param {unknown} doc @param {string[]} principals node ids @param {string} source */
  identityPolicy(doc, principals, source) {
    for (const [i, statement] of this.statements(doc).entries()) {
      const where = `${source}${statement.Sid ? ` · ${statement.Sid}` : ` · statement ${i + 1}`}`;
      const actions = list(statement.Action).map(String);
      const notActions = list(statement.NotAction).map(String);
      const resources = list(statement.Resource ?? statement.NotResource).map(String);
      const conditions = iamConditions(statement.Condition);
      const flag = statement.Effect === 'Allow' ? broadness(actions, notActions, statement.NotResource !== undefined) : undefined;
      for (const p of principals) {
        this.report.rows.push({ principal: this.label(p), effect: statement.Effect, actions: [...actions, ...notActions.map((a) => `NOT ${a}`)], resources: statement.NotResource ? resources.map((r) => `NOT ${r}`) : resources, conditions: conditions.map((c) => c.text), source: where, flag });
        if (flag) this.report.findings.push(`${where}: ${flag}.`);
        this.drawAccess(p, statement, actions, notActions, resources, conditions, undefined, undefined);
      }
    }
  }

  /**
   * @param {unknown} doc @param {string} self the bucket or key node @param {string} source
   * @param {'bucket' | 'key'} selfKind
   */
  resourcePolicy(doc, self, source, selfKind) {
    for (const [i, statement] of this.statements(doc).entries()) {
      const where = `${source}${statement.Sid ? ` · ${statement.Sid}` : ` · statement ${i + 1}`}`;
      const who = this.principals(statement);
      const actions = list(statement.Action).map(String);
      const notActions = list(statement.NotAction).map(String);
      const resources = list(statement.Resource ?? statement.NotResource).map(String);
      const conditions = iamConditions(statement.Condition);
      const keyDefault = selfKind === 'key' && /^AWS arn:\S*:iam::\$\{AWS::AccountId\}:root$/.test(who.shown) && actions.join() === 'kms:*' && !statement.Condition;
      const flag = statement.Effect === 'Allow' && !keyDefault ? who.flag ?? broadness(actions, notActions, statement.NotResource !== undefined) : undefined;
      if (keyDefault) this.report.notes.push(`${where}: kms:* for this stack's account root, AWS's default key policy: IAM policies of this account can grant use of the key (the table lists every one in this stack).`);
      const shownResources = resources.map((r) => (r === '*' && selfKind === 'key' ? `* (this key: ${this.label(self)})` : r));
      this.report.rows.push({ principal: who.shown, effect: statement.Effect, actions: [...actions, ...notActions.map((a) => `NOT ${a}`)], resources: statement.NotResource ? shownResources.map((r) => `NOT ${r}`) : shownResources, conditions: conditions.map((c) => c.text), source: where, flag });
      if (flag) this.report.findings.push(`${where}: ${flag}.`);
      if (statement.Effect !== 'Allow') {
        this.report.notes.push(`Deny on ${this.label(self)}: ${[...actions, ...notActions.map((a) => `NOT ${a}`)].join(', ')} for ${who.shown}${conditions.length ? ` when ${conditions.map((c) => c.text).join(' and ')}` : ''} (${where}).`);
        continue;
      }
      for (const p of who.nodes) this.drawAccess(p, statement, actions, notActions, resources, conditions, self, selfKind, who.consumed, Boolean(flag), keyDefault);
    }
  }

  /**
   * One access edge per (principal, target) with a line per scope: `on objects /neon/*: s3:GetObject, ...`.
   * @param {string} principal @param {any} statement @param {string[]} actions @param {string[]} notActions
   * @param {string[]} resources @param {{ text: string }[]} conditions @param {string | undefined} self
   * @param {'bucket' | 'key' | undefined} selfKind @param {string[]} [consumed] @param {boolean} [flagged]
   * @param {boolean} [accepted] a wildcard that is known to be the default (the key policy's kms:* for the own account)
   */
  drawAccess(principal, statement, actions, notActions, resources, conditions, self, selfKind, consumed = [], flagged = false, accepted = false) {
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
  stackSetBody(id, props) {
    const body = props.TemplateBody;
    if (body === undefined) {
      this.report.notes.push(`AWS::CloudFormation::StackSet ${id} takes its template from ${cfnString(props.TemplateURL ?? '(nowhere)')}: not in this template, not reported.`);
      return undefined;
    }
    const text = typeof body === 'string' ? body : cfnString(body);
    try {
      return typeof body === 'object' && body !== null && !Object.keys(body).some((k) => k === 'Ref' || k.startsWith('Fn::')) ? body : JSON.parse(text);
    } catch (e) {
      this.report.findings.push(`AWS::CloudFormation::StackSet ${id}: its TemplateBody is not JSON (${(e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ')}), so its access is not reported here: review it by hand.`);
      return undefined;
    }
  }
}

/** @param {string} text @param {number} max */
function shorten(text, max) {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** @param {string} suffix the part of an ARN after the bucket */
function objectScope(suffix) {
  if (!suffix) return 'the bucket';
  return `objects ${suffix}`;
}

/** @param {string[]} actions @param {string[]} notActions @param {boolean} notResource */
function broadness(actions, notActions, notResource) {
  if (notActions.length > 0) return 'Allow with NotAction';
  if (notResource) return 'Allow with NotResource';
  const wild = actions.filter((a) => a === '*' || /^[a-z0-9-]+:\*$/i.test(a));
  return wild.length > 0 ? `Allow ${wild.join(', ')}` : undefined;
}

/** @param {unknown} doc @returns {any[]} the statements, rendered */
function policyStatements(doc) {
  const rendered = /** @type {any} */ (renderCfnValue(doc));
  return list(rendered?.Statement);
}

/**
 * What a web-identity `sub` means, for GitHub Actions and EKS; the raw value otherwise.
 * @param {string} host @param {string} sub @returns {string[]}
 */
function describeSubject(host, sub) {
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

// ---------------------------------------------------------------------------------------------
// Terraform (cdktf JSON): GCP and Azure
// ---------------------------------------------------------------------------------------------

/** Well-known Azure built-in role definition GUIDs. */
const AZURE_BUILT_IN_ROLES = /** @type {Record<string, string>} */ ({
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
const BROAD_AZURE_ROLES = ['Contributor', 'Owner', 'User Access Administrator', 'Storage Account Contributor', 'Storage Blob Data Owner'];
const BROAD_GCP_ROLES = ['roles/owner', 'roles/editor', 'roles/storage.admin', 'roles/iam.serviceAccountAdmin', 'roles/iam.serviceAccountKeyAdmin', 'roles/resourcemanager.projectIamAdmin'];
/** GCP roles on a service account that let the member act as it. */
const GCP_IMPERSONATION_ROLES = ['roles/iam.workloadIdentityUser', 'roles/iam.serviceAccountTokenCreator', 'roles/iam.serviceAccountUser', 'roles/iam.serviceAccountOpenIdTokenCreator'];

class TfContext {
  /** @param {AccessReport} report @param {any} config */
  constructor(report, config) {
    this.report = report;
    this.config = config;
  }

  /** @param {string} address `type.name` or `data.type.name` */
  lookup(address) {
    const parts = address.split('.');
    if (parts[0] === 'data') return this.config?.data?.[parts[1]]?.[parts[2]];
    return this.config?.resource?.[parts[0]]?.[parts[1]];
  }

  /** The address a value refers to when it is (or contains) one `${type.name.attr}` reference. @param {unknown} value */
  refOf(value) {
    if (typeof value !== 'string') return undefined;
    const m = /\$\{((?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+)(?:\.([A-Za-z0-9_]+))?[^}]*\}/.exec(value);
    return m ? { address: m[1], attribute: m[2], whole: m[0] === value } : undefined;
  }

  /** Replaces every `${...}` reference by its address (and attribute). @param {unknown} value */
  show(value) {
    if (value === undefined || value === null) return '';
    if (typeof value !== 'string') return JSON.stringify(value);
    return value.replace(/\$\{([^}]+)\}/g, (_w, inner) => `<${inner}>`);
  }

  /** @param {string} address */
  resourceNode(address) {
    const [type, name] = address.startsWith('data.') ? address.split('.').slice(1) : address.split('.');
    const r = this.lookup(address) ?? {};
    /** @type {Record<string, [string, unknown]>} */
    const kinds = {
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
  applicationName(clientId) {
    const ref = this.refOf(clientId);
    const app = ref ? this.lookup(ref.address) : undefined;
    return app?.display_name;
  }

  /** @param {string} id */
  label(id) {
    return (this.report.nodes.get(id)?.lines ?? [id]).join(' ');
  }

  /**
   * A GCP IAM member -> its node. @param {string} member
   * @returns {{ node: string, flag?: string }}
   */
  gcpMember(member) {
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
    const kinds = /** @type {Record<string, string>} */ ({ user: 'Google user', group: 'Google group', serviceAccount: 'GCP service account', domain: 'Google Workspace domain', principal: 'Workload identity principal', principalSet: 'Workload identity principal set' });
    return { node: addNode(this.report, { key: `gcp:${member}`, kind: kinds[type] ?? type, lines: [kinds[type] ?? type, this.show(value)], flag: type === 'principalSet' || type === 'domain' ? 'broad' : undefined, external: true }) };
  }

  /** A GCP role -> its name and permissions (a custom role of this configuration is expanded). @param {string} role */
  gcpRole(role) {
    const ref = this.refOf(role);
    if (ref && ref.address.startsWith('google_project_iam_custom_role.') || ref?.address.startsWith('google_organization_iam_custom_role.')) {
      const custom = this.lookup(ref.address) ?? {};
      return { name: `custom role ${this.show(custom.role_id)} (${ref.address})`, permissions: list(custom.permissions).map(String), builtIn: false };
    }
    const byId = Object.entries(this.config?.resource?.google_project_iam_custom_role ?? {}).find(([, r]) => typeof role === 'string' && role.endsWith(`/roles/${/** @type {any} */ (r).role_id}`));
    if (byId) {
      const custom = /** @type {any} */ (byId[1]);
      return { name: `custom role ${custom.role_id} (google_project_iam_custom_role.${byId[0]})`, permissions: list(custom.permissions).map(String), builtIn: false };
    }
    return { name: this.show(role), permissions: [`(predefined role ${this.show(role)})`], builtIn: true };
  }

  /** @param {string} type @param {string} name @param {any} r */
  gcpBinding(type, name, r) {
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
    } else if (type.startsWith('google_service_account_iam')) {
      const ref = this.refOf(r.service_account_id);
      target = ref ? this.resourceNode(ref.address) : addNode(this.report, { key: `gsa:${r.service_account_id}`, kind: 'GCP service account', lines: ['GCP service account', this.show(r.service_account_id)], external: true });
      assume = GCP_IMPERSONATION_ROLES.includes(String(r.role));
    } else {
      return;
    }
    const role = this.gcpRole(String(r.role));
    const conditions = r.condition ? list(r.condition).map((c) => `${/** @type {any} */ (c).title ? `${/** @type {any} */ (c).title}: ` : ''}${/** @type {any} */ (c).expression}`) : [];
    const broad = BROAD_GCP_ROLES.includes(String(r.role)) || type.startsWith('google_project_iam');
    for (const member of members) {
      const who = this.gcpMember(member);
      const flag = who.flag ?? (broad ? `${role.name} on ${scope || this.label(target)}` : undefined);
      this.report.rows.push({ principal: `${member.replace(/\$\{([^}]+)\}/g, '<$1>')}`, effect: 'Allow', actions: [`${role.name}:`, ...role.permissions], resources: [this.label(target)], conditions, source: address, flag });
      if (flag) this.report.findings.push(`${address}: ${flag}.`);
      const lines = assume ? [`${role.name}: may act as this service account`] : role.builtIn ? [role.name] : [`${role.name}:`, role.permissions.join(', ')];
      addEdge(this.report, who.node, target, assume ? 'assume' : 'access', [...lines, ...conditions.map((c) => `if ${c}`)], Boolean(flag));
    }
  }

  /** The Azure principal a role assignment names. @param {any} r */
  azurePrincipal(r) {
    const ref = this.refOf(r.principal_id);
    if (ref) return this.resourceNode(ref.address);
    const type = r.principal_type ?? 'principal';
    return addNode(this.report, { key: `azure-principal:${r.principal_id}`, kind: `Azure ${type}`, lines: [`Azure ${type}`, `object id ${this.show(r.principal_id)}`, '(not in this configuration)'], external: true });
  }

  /** @param {any} r @returns {{ name: string, actions: string[], builtIn: boolean }} */
  azureRole(r) {
    if (r.role_definition_name) return { name: `built-in role ${this.show(r.role_definition_name)}`, actions: [`(built-in role ${this.show(r.role_definition_name)})`], builtIn: true };
    const ref = this.refOf(r.role_definition_id);
    if (ref && ref.address.startsWith('azurerm_role_definition.')) {
      const def = this.lookup(ref.address) ?? {};
      const perms = list(def.permissions).map((p) => /** @type {any} */ (p));
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
  azureAssignment(name, r) {
    const address = `azurerm_role_assignment.${name}`;
    const who = this.azurePrincipal(r);
    const role = this.azureRole(r);
    const ref = this.refOf(r.scope);
    const target = ref ? this.resourceNode(ref.address) : addNode(this.report, { key: `azure-scope:${r.scope}`, kind: 'Azure scope', lines: ['Azure scope', this.show(r.scope)], flag: /^\/subscriptions\/[^/]+$/.test(String(r.scope)) ? 'broad' : undefined, external: true });
    const conditions = r.condition ? [`${this.show(r.condition)}${r.condition_version ? ` (condition version ${r.condition_version})` : ''}`] : [];
    const roleName = role.name.replace(/^built-in role /, '').replace(/ \(.*$/, '');
    const flag = BROAD_AZURE_ROLES.includes(roleName) ? `${role.name} on ${this.label(target)}` : role.actions.some((a) => a === '*' || a.endsWith('/*')) ? `wildcard action in ${role.name}` : undefined;
    this.report.rows.push({ principal: this.label(who), effect: 'Allow', actions: [`${role.name}:`, ...role.actions], resources: [`${this.label(target)}`], conditions, source: address, flag });
    if (role.actions.some((a) => /^Microsoft\.Storage\/storageAccounts\/listkeys\/action$/i.test(a))) {
      this.report.notes.push(`${address}: listkeys gives ${this.label(who)} the storage account's shared keys, which reach every container of ${this.label(target)} (unless shared key access is disabled).`);
    }
    if (flag) this.report.findings.push(`${address}: ${flag}.`);
    addEdge(this.report, who, target, 'access', [...(role.builtIn ? [role.name] : [`${role.name}:`, role.actions.join(', ')]), ...conditions.map((c) => `if ${c}`)], Boolean(flag));
  }
}

/**
 * The report for one cdktf stack's Terraform JSON.
 * @param {any} config parsed cdk.tf.json
 * @param {{ title: string, source?: string }} options
 * @returns {AccessReport}
 */
function terraformAccessReport(config, options) {
  const report = newReport(options.title, options.source ?? 'Terraform configuration');
  const ctx = new TfContext(report, config);
  const resources = /** @type {Record<string, Record<string, any>>} */ (config?.resource ?? {});
  for (const [type, byName] of Object.entries(resources)) {
    for (const [name, r] of Object.entries(byName)) {
      if (/^google_(storage_bucket|project|service_account)_iam_(member|binding)$/.test(type)) ctx.gcpBinding(type, name, r);
      else if (type === 'azurerm_role_assignment') ctx.azureAssignment(name, r);
      else if (type === 'google_service_account_key') {
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
  return report;
}

/** The service principal (or managed identity) behind an application address. @param {TfContext} ctx @param {string} address */
function servicePrincipalFor(ctx, address) {
  if (!address.startsWith('azuread_application.')) return ctx.resourceNode(address);
  const sps = Object.entries(ctx.config?.resource?.azuread_service_principal ?? {});
  const sp = sps.find(([, r]) => ctx.refOf(/** @type {any} */ (r).client_id ?? /** @type {any} */ (r).application_id)?.address === address);
  return ctx.resourceNode(sp ? `azuread_service_principal.${sp[0]}` : address);
}

// ---------------------------------------------------------------------------------------------
// Markdown + Mermaid
// ---------------------------------------------------------------------------------------------

/**
 * Escapes text for a quoted Mermaid label: every character Mermaid or the HTML it renders could
 * read as syntax (quotes, brackets, braces, `*`, `:`, `;`, `|`, `#`, `%`, `<`, `>`, `&`, backticks,
 * backslashes) becomes an entity code (`#quot;`, `#58;`), which Mermaid turns back into the character.
 * @param {string} text
 */
function mermaidText(text) {
  return text.replace(/["#&<>*:;|[\]{}()`\\%]/g, (c) => (c === '"' ? '#quot;' : `#${c.charCodeAt(0)};`));
}

/** @param {string[]} lines */
function mermaidLabel(lines) {
  return `"${lines.map(mermaidText).join('<br>')}"`;
}

const SHAPES = /** @type {Record<string, [string, string]>} */ ({
  bucket: ['[(', ')]'],
  principal: ['([', '])'],
  resource: ['[', ']'],
});

/** @param {DiagramNode} node */
function shapeOf(node) {
  if (/bucket|container|storage account/i.test(node.kind)) return SHAPES.bucket;
  if (node.external) return SHAPES.principal;
  return SHAPES.resource;
}

/** The Mermaid source (`flowchart LR`) of a report's diagram. @param {AccessReport} report */
function renderMermaid(report) {
  const lines = ['flowchart LR'];
  const used = new Set(report.edges.flatMap((e) => [e.from, e.to]));
  for (const node of report.nodes.values()) {
    if (!used.has(node.id)) continue;
    const [open, close] = shapeOf(node);
    lines.push(`  ${node.id}${open}${mermaidLabel(node.lines)}${close}`);
  }
  for (const e of report.edges) {
    const arrow = e.style === 'link' ? '-.->' : e.flagged ? '==>' : '-->';
    lines.push(`  ${e.from} ${arrow}|${mermaidLabel(e.entries.flat())}| ${e.to}`);
  }
  const unsafe = [...report.nodes.values()].filter((n) => used.has(n.id) && n.flag === 'unsafe').map((n) => n.id);
  const broad = [...report.nodes.values()].filter((n) => used.has(n.id) && n.flag === 'broad').map((n) => n.id);
  const external = [...report.nodes.values()].filter((n) => used.has(n.id) && n.external && !n.flag).map((n) => n.id);
  lines.push('  classDef external fill:#eef4ff,stroke:#3461c1');
  lines.push('  classDef unsafe fill:#ffe0e0,stroke:#c00000,stroke-width:3px');
  lines.push('  classDef broad fill:#fff4d6,stroke:#b7791f,stroke-width:2px');
  if (external.length > 0) lines.push(`  class ${external.join(',')} external`);
  if (unsafe.length > 0) lines.push(`  class ${unsafe.join(',')} unsafe`);
  if (broad.length > 0) lines.push(`  class ${broad.join(',')} broad`);
  return lines.join('\n');
}

/** Text in a Markdown table cell, as code. @param {string} text */
function cell(text) {
  if (text === '') return '';
  const escaped = text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const ticks = escaped.includes('`') ? '``' : '`';
  return `${ticks}${escaped}${ticks}`;
}

/** @param {AccessReport} report @param {number} level */
function renderSection(report, level) {
  const h = '#'.repeat(level);
  const out = [`${h} ${report.title}`, '', `Derived from ${report.source}: what will be deployed, whatever created it.`, ''];
  if (report.edges.length === 0 && report.rows.length === 0) {
    out.push(report.sections.length > 0
      ? 'No IAM principal, role, policy or role assignment in this stack itself; what it deploys elsewhere follows.'
      : 'No IAM principal, role, policy or role assignment in this stack: it grants no access.', '');
  } else {
    out.push('```mermaid', renderMermaid(report), '```', '');
    out.push('Solid arrows: may assume / may access (label: actions, then conditions). Dotted: holds the credential of, or is a member of. Thick: flagged. Rounded: outside this stack; cylinders: storage.', '');
  }
  out.push(`${h}# Findings`, '');
  if (report.findings.length === 0) out.push('None: no principal `*` without a pinning condition, no web identity without `sub`, no wildcard action.', '');
  else out.push(...[...new Set(report.findings)].map((f) => `- **FLAGGED** ${f}`), '');
  if (report.notes.length > 0) out.push(`${h}# Denies and notes`, '', ...[...new Set(report.notes)].map((n) => `- ${n}`), '');
  if (report.rows.length > 0) {
    out.push(`${h}# Permissions`, '', '| Principal | Effect | Actions | Resources | Conditions | Granted by |', '|---|---|---|---|---|---|');
    const rank = (/** @type {PermissionRow} */ r) => (r.effect === 'Deny' ? 4 : r.source.includes('trust policy') || r.resources.some((x) => x.startsWith('IAM role')) && r.actions.some((a) => a.startsWith('sts:')) ? 0 : r.effect === 'Authenticate' ? 1 : 2);
    const rows = report.rows.map((r, i) => ({ r, i })).sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i).map((x) => x.r);
    for (const r of rows) {
      const effect = r.flag ? `**${r.effect}** (flagged: ${r.flag.replace(/\|/g, '\\|')})` : r.effect;
      out.push(`| ${cell(r.principal)} | ${effect} | ${r.actions.map(cell).join('<br>')} | ${r.resources.map(cell).join('<br>')} | ${r.conditions.map(cell).join('<br>')} | ${cell(r.source)} |`);
    }
    out.push('');
  }
  for (const s of report.sections) out.push(...renderSection(s, level + 1));
  return out;
}

/** The Markdown document of a report. @param {AccessReport} report */
function renderMarkdown(report) {
  return `${renderSection({ ...report, title: `Access report: ${report.title}` }, 1).join('\n').trimEnd()}\n`;
}

/** Every Mermaid diagram of a Markdown document. @param {string} markdown */
function mermaidBlocks(markdown) {
  return [...markdown.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1]);
}

/** @param {AccessReport} report @returns {number} */
function findingCount(report) {
  return new Set(report.findings).size + report.sections.reduce((n, s) => n + findingCount(s), 0);
}

/**
 * Writes `<Stack>.access.md` next to every stack template of a cloud assembly, and `ACCESS.md`.
 * @param {string} dir cdk.out @returns {{ stack: string, file: string, findings: number }[]}
 */
function writeCloudAssemblyReports(dir) {
  const written = reportAssembly(dir, dir);
  fs.writeFileSync(path.join(dir, 'ACCESS.md'), indexMarkdown('CloudFormation stacks', written, dir));
  return written;
}

/**
 * The reports of one assembly and of the nested assemblies (stages) in it.
 * @param {string} top cdk.out @param {string} dir this assembly @returns {{ stack: string, file: string, findings: number }[]}
 */
function reportAssembly(top, dir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  const written = [];
  for (const [name, artifact] of Object.entries(manifest.artifacts ?? {})) {
    const a = /** @type {any} */ (artifact);
    if (a.type === 'cdk:cloud-assembly' && a.properties?.directoryName) {
      written.push(...reportAssembly(top, path.join(dir, a.properties.directoryName)));
      continue;
    }
    if (a.type !== 'aws:cloudformation:stack') continue;
    const templateFile = a.properties.templateFile;
    const template = JSON.parse(fs.readFileSync(path.join(dir, templateFile), 'utf8'));
    const shownPath = [path.basename(top), path.relative(top, path.join(dir, templateFile))].join('/').split(path.sep).join('/');
    const title = a.displayName && a.displayName !== name ? `${name} (${a.displayName})` : name;
    const report = cfnAccessReport(template, { title, source: `the synthesized CloudFormation template ${shownPath}` });
    const file = path.join(dir, `${name}.access.md`);
    fs.writeFileSync(file, renderMarkdown(report));
    written.push({ stack: name, file, findings: findingCount(report) });
  }
  return written;
}

/**
 * Writes `access.md` next to every cdktf stack's `cdk.tf.json`, and `ACCESS.md`.
 * @param {string} dir cdktf.out @returns {{ stack: string, file: string, findings: number }[]}
 */
function writeTerraformReports(dir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  const written = [];
  for (const [name, stack] of Object.entries(manifest.stacks ?? {})) {
    const file = path.join(dir, /** @type {any} */ (stack).synthesizedStackPath);
    const config = JSON.parse(fs.readFileSync(file, 'utf8'));
    const report = terraformAccessReport(config, { title: name, source: `the synthesized Terraform configuration ${path.relative(path.dirname(dir), file)}` });
    const out = path.join(path.dirname(file), 'access.md');
    fs.writeFileSync(out, renderMarkdown(report));
    written.push({ stack: name, file: out, findings: findingCount(report) });
  }
  fs.writeFileSync(path.join(dir, 'ACCESS.md'), indexMarkdown('Terraform stacks', written, dir));
  return written;
}

/** @param {string} title @param {{ stack: string, file: string, findings: number }[]} written @param {string} dir */
function indexMarkdown(title, written, dir) {
  const rows = written.map((w) => `| [${w.stack}](${path.relative(dir, w.file).split(path.sep).join('/')}) | ${w.findings === 0 ? 'none' : `**${w.findings} flagged**`} |`);
  return [`# Access reports: ${title}`, '', 'One report per stack, derived from the synthesized templates by scripts/access-report.js.', '', '| Stack | Findings |', '|---|---|', ...rows, ''].join('\n');
}

module.exports = {
  cfnAccessReport,
  terraformAccessReport,
  renderMarkdown,
  renderMermaid,
  mermaidText,
  mermaidBlocks,
  renderCfnValue,
  iamConditions,
  nodeId,
  findingCount,
  writeCloudAssemblyReports,
  writeTerraformReports,
};
