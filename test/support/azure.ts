import { Testing } from 'cdktf';
import { Construct } from 'constructs';

// The cdktf matchers (toHaveResourceWithProperties, ...) are registered by this call; the
// 'cdktf/lib/testing/adapters/jest' import in each test file only declares their types.
Testing.setupJest();

/** Synthesizes what `build` adds to a test stack and parses the Terraform JSON. */
export function synthJson(build: (scope: Construct) => void): any {
  return JSON.parse(Testing.synthScope(build));
}

/** The resources (or data sources) of one type, by logical name. */
export function ofType(json: any, type: string, block: 'resource' | 'data' = 'resource'): Record<string, any> {
  return json[block]?.[type] ?? {};
}

/** The single resource of one type; fails when there are none or several. */
export function single(json: any, type: string, block: 'resource' | 'data' = 'resource'): any {
  const all = Object.values(ofType(json, type, block));
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0];
}

export const TENANT = '11111111-2222-3333-4444-555555555555';
export const SUBSCRIPTION = '66666666-7777-8888-9999-aaaaaaaaaaaa';
export const CLIENT = 'bbbbbbbb-cccc-dddd-eeee-ffffffffffff';
export const OBJECT = '12345678-90ab-cdef-1234-567890abcdef';
