// Helpers for the GCP construct tests (test/constructs/gcp/): synthesize a scope and read the Terraform JSON.
import { Testing, TerraformOutput } from 'cdktf';
import 'cdktf/lib/testing/adapters/jest';
import { Construct } from 'constructs';

// Registers cdktf's matchers (toHaveResourceWithProperties, ...) with jest.
Testing.setupJest();

/** The synthesized Terraform JSON of what `build` adds to a fresh stack, as a string and parsed. */
export function synth(build: (scope: Construct) => void): { json: string; tf: TerraformJson } {
  const json = Testing.synthScope(build);
  return { json, tf: JSON.parse(json) };
}

export interface TerraformJson {
  readonly resource?: Record<string, Record<string, any>>;
  readonly data?: Record<string, Record<string, any>>;
  readonly output?: Record<string, any>;
  readonly provider?: Record<string, any>;
}

/** Every resource of a type, in synthesis order. */
export function resources(tf: TerraformJson, type: string): any[] {
  return Object.values(tf.resource?.[type] ?? {});
}

/** The one resource of a type (fails when there are none or several). */
export function only(tf: TerraformJson, type: string): any {
  const found = resources(tf, type);
  if (found.length !== 1) throw new Error(`expected exactly one ${type}, found ${found.length}`);
  return found[0];
}

/** The Terraform reference `${type.logicalId.attribute}` of the one resource of a type. */
export function ref(tf: TerraformJson, type: string, attribute: string): string {
  const ids = Object.keys(tf.resource?.[type] ?? {});
  if (ids.length !== 1) throw new Error(`expected exactly one ${type}, found ${ids.length}`);
  return `\${${type}.${ids[0]}.${attribute}}`;
}

/** Outputs keyed by the construct id inside the logical id (`Backups_BucketName_8EC4F145` -> `BucketName`). */
export function outputsById(tf: TerraformJson): Record<string, any> {
  return Object.fromEntries(Object.entries(tf.output ?? {}).map(([logicalId, o]) => [logicalId.split('_').slice(-2, -1)[0], o]));
}

/** The resources of the given types (the policy-relevant part of a construct), for one snapshot. */
export function pick(tf: TerraformJson, types: string[]): Record<string, unknown> {
  return Object.fromEntries(types.filter((t) => tf.resource?.[t]).map((t) => [t, tf.resource![t]]));
}

/**
 * Synthesizes what `build` adds and resolves the attributes it returns to the Terraform expressions
 * they stand for (each through an output), so that a test can tell `.name` from `.id`.
 */
export function resolveAttributes(build: (scope: Construct) => Record<string, string | undefined>): {
  tf: TerraformJson;
  values: Record<string, string | undefined>;
} {
  let names: string[] = [];
  const { tf } = synth((scope) => {
    const attributes = build(scope);
    names = Object.keys(attributes);
    for (const [name, value] of Object.entries(attributes)) {
      if (value !== undefined) new TerraformOutput(scope, `attribute_${name}`, { value });
    }
  });
  const values = Object.fromEntries(names.map((name) => [name, tf.output?.[`attribute_${name}`]?.value as string | undefined]));
  return { tf, values };
}
