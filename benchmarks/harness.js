// @ts-check
/**
 * The measuring harness shared by benchmarks/synth.js and benchmarks/org-scale.js: programs run in
 * fresh Node processes, library and hand-written ALTERNATELY, after their templates were compared.
 * Each program is a script body run with N (the size) and OUT (an output folder) defined.
 */
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { isDeepStrictEqual } = require('util');

const root = path.resolve(__dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 9);

/**
 * Runs `program` with N = n in a fresh process, aws-cdk-lib's validator off. Returns its wall time
 * and CPU time (user + system) of require + construct + synth, its peak RSS and its output folder; `unavailable` when the program
 * printed `UNAVAILABLE: reason` (a scenario the installed library cannot build).
 */
function run(program, n) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  const script = `
    const t0 = process.hrtime.bigint(); const c0 = process.cpuUsage();
    const N = ${n}; const OUT = ${JSON.stringify(out)};
    ${program}
    const ms = Number(process.hrtime.bigint() - t0) / 1e6; const c = process.cpuUsage(c0);
    console.log(JSON.stringify({ ms, cpuMs: (c.user + c.system) / 1000, peakRssMb: process.resourceUsage().maxRSS / 1024 }));`;
  try {
    const stdout = execFileSync(process.execPath, ['-e', script], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CDK_VALIDATION: 'false', JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION: '1', JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION: '1' },
    });
    const lines = stdout.trim().split('\n');
    return { ...JSON.parse(lines[lines.length - 1]), out };
  } catch (e) {
    const stderr = String(/** @type {{ stderr?: unknown }} */ (e).stderr ?? e);
    const unavailable = /UNAVAILABLE: ([^'\n]*)/.exec(stderr);
    if (unavailable) return { unavailable: unavailable[1], out };
    throw new Error(`a run failed:\n${stderr.slice(0, 4000)}`);
  }
}

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Where two templates first differ (undefined when they are equal); JSON strings (a TemplateBody) are compared inside. */
function firstDifference(a, b, where = '') {
  if (isDeepStrictEqual(a, b)) return undefined;
  if (typeof a === 'string' && typeof b === 'string' && a.startsWith('{') && b.startsWith('{')) {
    const inside = firstDifference(JSON.parse(a), JSON.parse(b), `${where}(json)`);
    let i = 0;
    while (a[i] === b[i]) i++;
    return inside ?? `${where}: same JSON, other text from character ${i}: ${a.slice(i, i + 120)} != ${b.slice(i, i + 120)}`;
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return `${where}: ${JSON.stringify(a)?.slice(0, 300)} != ${JSON.stringify(b)?.slice(0, 300)}`;
  if (Array.isArray(a) !== Array.isArray(b)) return `${where}: an array and an object`;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const d = firstDifference(a[key], b[key], `${where}/${key}`);
    if (d) return d;
  }
  return where;
}

/** Every CloudFormation template of a cloud assembly folder. */
const cfnTemplates = (out) => fs.readdirSync(out).filter((f) => f.endsWith('.template.json')).sort()
  .map((f) => [f, JSON.parse(fs.readFileSync(path.join(out, f), 'utf8'))]);

/** The Terraform JSON of every stack of a cdktf output folder. */
const terraformTemplates = (out) => fs.readdirSync(path.join(out, 'stacks')).sort()
  .map((name) => [name, JSON.parse(fs.readFileSync(path.join(out, 'stacks', name, 'cdk.tf.json'), 'utf8'))]);

/** Resources in a list of [name, template] (CloudFormation or Terraform JSON). */
const countResources = (templates) => templates.reduce((sum, [, t]) => sum + (t.Resources ? Object.keys(t.Resources).length
  : Object.values(t.resource ?? {}).reduce((k, byName) => k + Object.keys(byName).length, 0)), 0);

/**
 * Compares `library` and `handWritten` at size n: their templates first (a difference exits the
 * benchmark), then RUNS alternating pairs. Returns medians, pair ratios and peak RSS, or
 * `{ unavailable }` when the library program said it cannot run.
 */
function compare(label, library, handWritten, n, templates) {
  const lib = run(library, n);
  if (lib.unavailable) {
    fs.rmSync(lib.out, { recursive: true, force: true });
    return { unavailable: lib.unavailable };
  }
  const ref = run(handWritten, n);
  const a = templates(lib.out);
  const diff = firstDifference(a, templates(ref.out));
  if (diff !== undefined) {
    console.error(`${label} N=${n}: the templates differ at ${diff}`);
    process.exit(1);
  }
  const pairs = [];
  for (let i = 0; i < RUNS; i++) {
    const libraryFirst = i % 2 === 0;
    const r1 = run(libraryFirst ? library : handWritten, n);
    const r2 = run(libraryFirst ? handWritten : library, n);
    const [l, h] = libraryFirst ? [r1, r2] : [r2, r1];
    pairs.push({ l, h });
    for (const r of [r1, r2]) fs.rmSync(r.out, { recursive: true, force: true });
  }
  for (const r of [lib, ref]) fs.rmSync(r.out, { recursive: true, force: true });
  return {
    stacks: a.length,
    resources: countResources(a),
    libraryMs: median(pairs.map((p) => p.l.ms)),
    handMs: median(pairs.map((p) => p.h.ms)),
    ratio: median(pairs.map((p) => p.l.ms / p.h.ms)),
    ratios: pairs.map((p) => p.l.ms / p.h.ms),
    // CPU time is what the program itself spent: on a shared machine, waiting for a core inflates
    // wall time in bursts that CPU time does not see (report it beside the wall-time ratio).
    cpuRatio: median(pairs.map((p) => p.l.cpuMs / p.h.cpuMs)),
    libraryRssMb: median(pairs.map((p) => p.l.peakRssMb)),
    handRssMb: median(pairs.map((p) => p.h.peakRssMb)),
  };
}

/** The hand-written aws-cdk-lib helpers of a Palette STS location, as BackupBucket, PaletteBackupPolicy and ExternalIdRole make it. */
const HAND_WRITTEN_AWS = `
  const handBucket = (location, bucketName) => new s3.Bucket(new Construct(location, 'Bucket'), 'Resource', {
    bucketName,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    versioned: true,
    removalPolicy: cdk.RemovalPolicy.RETAIN,
    lifecycleRules: [
      { id: 'AbortIncompleteMultipartUploads', abortIncompleteMultipartUploadAfter: cdk.Duration.days(7) },
      { id: 'ExpireNoncurrentVersions', noncurrentVersionExpiration: cdk.Duration.days(30), expiredObjectDeleteMarker: true },
    ],
  });
  const handPolicy = (location, bucket, role) => new iam.ManagedPolicy(new Construct(location, 'Policy'), 'Resource', {
    description: 'Spectro Cloud Palette backup location (Velero): EBS snapshots and backup objects',
    roles: role ? [role] : undefined,
    statements: [
      new iam.PolicyStatement({ sid: 'VeleroVolumeSnapshots', resources: ['*'],
        actions: ['ec2:DescribeVolumes', 'ec2:DescribeSnapshots', 'ec2:CreateTags', 'ec2:CreateVolume', 'ec2:CreateSnapshot', 'ec2:DeleteSnapshot'] }),
      new iam.PolicyStatement({ sid: 'VeleroBackupObjects', resources: [bucket.arnForObjects('*')],
        actions: ['s3:GetObject', 's3:DeleteObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'] }),
      new iam.PolicyStatement({ sid: 'VeleroListBucket', resources: [bucket.bucketArn], actions: ['s3:ListBucket'] }),
    ],
  });
  const handRole = (location, externalId, props) => {
    const role = new iam.Role(new Construct(location, 'Role'), 'Resource', {
      assumedBy: new iam.AccountPrincipal(palette), externalIds: [externalId], ...props,
    });
    role.node.defaultChild.addPropertyOverride('AssumeRolePolicyDocument.Statement.0.Sid', 'TrustVendorWithExternalId');
    return role;
  };`;

const pad = (s, w) => String(s).padEnd(w);

module.exports = { RUNS, run, median, firstDifference, cfnTemplates, terraformTemplates, countResources, compare, HAND_WRITTEN_AWS, pad };
