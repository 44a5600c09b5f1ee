import { CfnOutput, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import {
  claimOutputPrefix as claim,
  outputPrefixClash,
  SpectroCloudStorageProvider,
  wizardField,
  wizardFieldDescription,
  wizardOutputName,
} from '../../../policies/palette-wizard';
import { ValidationProblems } from '../../../policies/validation';

/** Adds the problem of an output prefix another location of `stack` uses already. */
export function claimOutputPrefix(problems: ValidationProblems, stack: Stack, prefix: string): ValidationProblems {
  return problems.addIf(!claim(stack, prefix), outputPrefixClash(prefix));
}

/**
 * The CloudFormation outputs of a Palette location, made from the wizard model: one per field, with
 * the logical ID `<prefix><Field>` (not hashed, so it is stable and readable) and the model's
 * description.
 */
export class PaletteOutputs {
  constructor(private readonly scope: Construct, private readonly provider: SpectroCloudStorageProvider, private readonly prefix: string) {}

  /** Adds the output of the field held by `attribute`, unless the value is undefined. */
  public add(attribute: string, value: string | undefined): this {
    if (value === undefined) return this;
    const field = wizardField(this.provider, attribute);
    const name = wizardOutputName(this.prefix, field);
    const output = new CfnOutput(this.scope, name, { value, description: wizardFieldDescription(field) });
    output.overrideLogicalId(name);
    return this;
  }

  /** Adds an output that is not a wizard field (MinIO's user policy), named `<prefix><suffix>`. */
  public addOther(suffix: string, value: string, description: string): this {
    const name = `${this.prefix}${suffix}`;
    new CfnOutput(this.scope, name, { value, description }).overrideLogicalId(name);
    return this;
  }
}
