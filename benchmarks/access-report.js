#!/usr/bin/env node
// @ts-check
/**
 * The access report's time at 1, 100 and 500 backup locations (issue 20: linear in the app's size).
 *
 * One CloudFormation template with N locations as the library draws them: per location a bucket, a
 * role the vendor assumes with its external ID, an identity policy on the bucket's prefix, and a
 * bucket policy that denies insecure transport; plus one unpinned `*` trust, so the report always
 * has a finding to carry. The report reads it, and the three writers render it (Markdown with the
 * diagram, JSON, SARIF): the median of BENCH_RUNS (default 9) runs after one warm-up, in process.
 *
 * Usage: node benchmarks/access-report.js [sizes...]     (default 1 100 500)
 * Reads lib/report when compiled, else src/report through ts-node.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { median } = require('./harness');

const root = path.resolve(__dirname, '..');
const compiled = fs.existsSync(path.join(root, 'lib', 'report', 'files.js'));
if (!compiled) {
  process.env.TS_NODE_PROJECT = path.join(root, 'tsconfig.dev.json');
  require('ts-node/register/transpile-only');
}
const base = path.join(root, compiled ? 'lib' : 'src', 'report');
const { cfnAccessReport } = require(path.join(base, 'cloudformation'));
const { renderMarkdown } = require(path.join(base, 'markdown'));
const { renderJson } = require(path.join(base, 'json'));
const { renderSarif } = require(path.join(base, 'sarif'));

const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const VENDOR = 'arn:aws:iam::000000000000:root';

/** A template with n locations. @param {number} n */
function template(n) {
  /** @type {Record<string, any>} */
  const resources = {
    Open: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] } } },
  };
  for (let i = 0; i < n; i++) {
    resources[`Bucket${i}`] = { Type: 'AWS::S3::Bucket', Properties: { BucketName: `backups-${i}` } };
    resources[`Role${i}`] = {
      Type: 'AWS::IAM::Role',
      Properties: {
        RoleName: `velero-${i}`,
        AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: VENDOR }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': `ext-${i}` } } }] },
      },
    };
    resources[`Policy${i}`] = {
      Type: 'AWS::IAM::Policy',
      Properties: {
        PolicyName: `p${i}`,
        Roles: [{ Ref: `Role${i}` }],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [`Bucket${i}`, 'Arn'] }, '/velero/*']] } },
            { Effect: 'Allow', Action: 's3:ListBucket', Resource: { 'Fn::GetAtt': [`Bucket${i}`, 'Arn'] } },
          ],
        },
      },
    };
    resources[`BucketPolicy${i}`] = {
      Type: 'AWS::S3::BucketPolicy',
      Properties: {
        Bucket: { Ref: `Bucket${i}` },
        PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] },
      },
    };
  }
  return { Resources: resources };
}

/** @param {any} t */
function once(t) {
  const started = process.hrtime.bigint();
  const report = cfnAccessReport(t, { title: 'bench' });
  const md = renderMarkdown(report);
  const json = renderJson([report]);
  const sarif = renderSarif([{ report, uri: 'bench.template.json', text: '' }], '0.0.0');
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { ms, rows: report.rows.length, bytes: md.length + json.length + sarif.length, findings: report.findings.length };
}

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const results = [];
for (const n of sizes.length > 0 ? sizes : [1, 100, 500]) {
  const t = template(n);
  once(t);
  const runs = Array.from({ length: RUNS }, () => once(t));
  const ms = median(runs.map((r) => r.ms));
  results.push({ locations: n, ms, perLocation: ms / n, rows: runs[0].rows, findings: runs[0].findings, outputKb: runs[0].bytes / 1024 });
}
console.log(`access report (${compiled ? 'lib' : 'src via ts-node'}), median of ${RUNS} runs:`);
console.log('locations  ms       ms/location  rows   findings  output KB');
for (const r of results) {
  console.log(`${String(r.locations).padEnd(10)} ${r.ms.toFixed(1).padEnd(8)} ${r.perLocation.toFixed(3).padEnd(12)} ${String(r.rows).padEnd(6)} ${String(r.findings).padEnd(9)} ${r.outputKb.toFixed(0)}`);
}
