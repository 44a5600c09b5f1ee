// @ts-check
/**
 * The last step of `npm run synth`: per stack of a cloud assembly (cdk.out) and a cdktf output
 * (cdktf.out), its resources and its outputs (the values a user pastes into the vendor's wizard or
 * Terraform resource).
 *
 * Usage: node scripts/summary.js <cdk.out> <cdktf.out>
 */
'use strict';
const fs = require('fs');
const path = require('path');

/** Renders a CloudFormation value readably: literals as-is, intrinsics as ${...}. */
function renderCfn(value) {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(renderCfn).join(',');
  if (value && typeof value === 'object') {
    const [fn, arg] = Object.entries(value)[0];
    if (fn === 'Ref') return `\${${arg}}`;
    if (fn === 'Fn::GetAtt') return `\${${arg.join('.')}}`;
    if (fn === 'Fn::Join') return arg[1].map(renderCfn).join(arg[0]);
    if (fn === 'Fn::Select') return `\${Select(${arg[0]}, ${renderCfn(arg[1])})}`;
    if (fn === 'Fn::Split') return `\${Split(${arg[0]}, ${renderCfn(arg[1])})}`;
    return `\${${fn}}`;
  }
  return String(value);
}

function countByType(types) {
  const counts = new Map();
  for (const t of types) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([t, n]) => `    ${t} x${n}`);
}

/** The shell command that prints one output of a deployed stack. */
function describeStacksCommand(stackName, outputKey) {
  return `aws cloudformation describe-stacks --stack-name ${stackName} --query "Stacks[0].Outputs[?OutputKey=='${outputKey}'].OutputValue" --output text`;
}

/** An output's value as synthesized, or, when it is known only after deployment, the command that reads it. */
function afterDeploy(rendered, stackName, outputKey) {
  return rendered.includes('${') ? `known after deploy: ${describeStacksCommand(stackName, outputKey)}` : rendered;
}

/** @param {string} dir a cloud assembly directory (cdk.out) */
function summarizeCloudAssembly(dir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  const lines = ['', `CloudFormation (${path.basename(dir)}/)`];
  for (const [name, artifact] of Object.entries(manifest.artifacts ?? {})) {
    if (artifact.type !== 'aws:cloudformation:stack') continue;
    const template = JSON.parse(fs.readFileSync(path.join(dir, artifact.properties.templateFile), 'utf8'));
    const resources = Object.values(template.Resources ?? {}).map((r) => r.Type).filter((t) => t !== 'AWS::CDK::Metadata');
    lines.push('', `  ${name}  (${artifact.properties.templateFile}, ${resources.length} resources)`);
    lines.push(...countByType(resources));
    const outputs = Object.entries(template.Outputs ?? {});
    const stackName = artifact.properties.stackName ?? name;
    if (outputs.length > 0) {
      lines.push(`   values to paste (all at once: npx cdk deploy ${stackName} --outputs-file ${stackName}.outputs.json):`);
    }
    for (const [id, output] of outputs) {
      lines.push(`    - ${id}: ${output.Description ?? ''}`);
      lines.push(`      ${afterDeploy(renderCfn(output.Value), stackName, id)}`);
    }
    const warnings = Object.values(artifact.metadata ?? {}).flat().filter((e) => e.type === 'aws:cdk:warning');
    for (const w of warnings) lines.push(`   warning: ${typeof w.data === 'string' ? w.data : JSON.stringify(w.data)}`);
  }
  return lines.join('\n');
}

/** @param {string} dir a cdktf output directory (cdktf.out) */
function summarizeTerraform(dir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  const lines = ['', `Terraform (${path.basename(dir)}/)`];
  for (const [name, stack] of Object.entries(manifest.stacks ?? {})) {
    const file = path.join(dir, stack.synthesizedStackPath);
    const config = JSON.parse(fs.readFileSync(file, 'utf8'));
    const resources = Object.entries(config.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName).map(() => type));
    const data = Object.entries(config.data ?? {}).flatMap(([type, byName]) => Object.keys(byName).map(() => `data.${type}`));
    lines.push('', `  ${name}  (${path.relative(process.cwd(), file)}, ${resources.length} resources)`);
    lines.push(...countByType([...resources, ...data]));
    const outputs = Object.entries(config.output ?? {});
    if (outputs.length > 0) lines.push('   values to paste:');
    for (const [id, output] of outputs) {
      const shown = output.sensitive
        ? `(sensitive) terraform -chdir=${path.relative(process.cwd(), path.dirname(file))} output -raw ${id}`
        : `${output.value}${String(output.value).includes('${') ? '   (known after apply)' : ''}`;
      lines.push(`    - ${output.description ?? id}: ${shown}`);
    }
    for (const a of (stack.annotations ?? []).filter((x) => x.level !== 'info')) lines.push(`   ${a.level}: ${a.message} (${a.constructPath})`);
  }
  return lines.join('\n');
}

module.exports = { summarizeCloudAssembly, summarizeTerraform, renderCfn, describeStacksCommand };

if (require.main === module) {
  const [cdkOut = 'cdk.out', cdktfOut = 'cdktf.out'] = process.argv.slice(2);
  console.log(summarizeCloudAssembly(cdkOut));
  console.log(summarizeTerraform(cdktfOut));
}
