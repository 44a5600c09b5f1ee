import { spawnSync } from 'child_process';
import * as path from 'path';
import { Application } from '@cdktf/provider-azuread/lib/application';
import { ApplicationPasswordA } from '@cdktf/provider-azuread/lib/application-password';
import { AzureadProvider } from '@cdktf/provider-azuread/lib/provider';
import { ServicePrincipal as AzureadServicePrincipal } from '@cdktf/provider-azuread/lib/service-principal';
import { Fn, Lazy, Testing, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import 'cdktf/lib/testing/adapters/jest';
import { ServicePrincipal, ServicePrincipalProps } from '../../../src/constructs/azure';
import { InputValidationError } from '../../../src/policies/validation';
import { CLIENT, OBJECT, single, synthJson } from '../../support/azure';
import { needsCompiledPackage } from '../../support/compiled';

const create = (props?: ServicePrincipalProps) => synthJson((scope) => { new ServicePrincipal(scope, 'Principal', props); });

describe('ServicePrincipal', () => {
  const json = create();
  const app = single(json, 'azuread_application');
  const sp = single(json, 'azuread_service_principal');
  const password = single(json, 'azuread_application_password');

  test('is a single-tenant application with no API permissions or redirect URIs', () => {
    expect(app.sign_in_audience).toBe('AzureADMyOrg');
    expect(app.display_name).toBe('Palette backup location (stack/Principal)');
    expect(app.required_resource_access).toBeUndefined();
    expect(app.web).toBeUndefined();
    expect(app.api).toBeUndefined();
  });

  test('the service principal and the client secret belong to that application', () => {
    expect(sp.client_id).toMatch(/^\$\{azuread_application\.Principal_Application_\w+\.client_id\}$/);
    expect(password.application_id).toMatch(/^\$\{azuread_application\.Principal_Application_\w+\.id\}$/);
  });

  test('a replaced secret is created before the old one is deleted', () => {
    expect(password.lifecycle).toEqual({ create_before_destroy: true });
  });

  test('no end date or rotation trigger unless asked', () => {
    expect(password.end_date).toBeUndefined();
    expect(password.rotate_when_changed).toBeUndefined();
  });

  test('creates no provider', () => expect(json.provider).toBeUndefined());

  test('the secret is exposed only as a reference to the password\'s value', () => {
    const out = synthJson((scope) => {
      const principal = new ServicePrincipal(scope, 'Principal');
      new TerraformOutput(scope, 'Secret', { value: principal.clientSecret, sensitive: true });
      new TerraformOutput(scope, 'ClientId', { value: principal.servicePrincipalClientId });
      new TerraformOutput(scope, 'ObjectId', { value: principal.servicePrincipalObjectId });
    }).output;
    expect(out.Secret.value).toMatch(/^\$\{azuread_application_password\.Principal_ClientSecret_\w+\.value\}$/);
    expect(out.ClientId.value).toMatch(/^\$\{azuread_application\.Principal_Application_\w+\.client_id\}$/);
    expect(out.ObjectId.value).toMatch(/^\$\{azuread_service_principal\.Principal_\w+\.object_id\}$/);
  });

  test('the application, principal and secret settings, as one reviewed snapshot', () => {
    const strip = (r: any) => JSON.parse(JSON.stringify(r).replace(/_[0-9A-F]{8}\b/g, '_HASH'));
    expect(strip({ app, sp, password })).toMatchSnapshot();
  });
});

describe('ServicePrincipal rotation', () => {
  test('end date and rotation trigger reach the password', () => {
    const synthesized = Testing.synthScope((scope) => {
      new ServicePrincipal(scope, 'Principal', { clientSecretEndDate: '2027-01-31T00:00:00Z', clientSecretRotationTrigger: '2026-07' });
    });
    expect(synthesized).toHaveResourceWithProperties(ApplicationPasswordA, {
      end_date: '2027-01-31T00:00:00Z',
      rotate_when_changed: { rotation: '2026-07' },
    });
  });

  test('the end date is validated', () => {
    expect(() => create({ clientSecretEndDate: '2027-01-31' })).toThrow(
      'Invalid RFC 3339 timestamp "2027-01-31" at stack/Principal (clientSecretEndDate): it is not written YYYY-MM-DDThh:mm:ssZ; '
      + 'it is not a real date and time. Write a UTC time such as 2027-01-31T00:00:00Z.',
    );
  });

  test('a token end date is not validated', () => {
    expect(() => synthJson((scope) => {
      const end = new TerraformVariable(scope, 'End', { type: 'string' });
      new ServicePrincipal(scope, 'Principal', { clientSecretEndDate: end.stringValue });
    })).not.toThrow();
  });

  test('uses the azuread provider it is given', () => {
    const synthesized = Testing.synthScope((scope) => {
      const other = new AzureadProvider(scope, 'Other', { alias: 'other' });
      new ServicePrincipal(scope, 'Principal', { provider: other, displayName: 'palette-velero' });
    });
    expect(synthesized).toHaveResourceWithProperties(Application, { display_name: 'palette-velero', provider: 'azuread.other' });
    expect(synthesized).toHaveResourceWithProperties(AzureadServicePrincipal, { provider: 'azuread.other' });
    expect(synthesized).toHaveResourceWithProperties(ApplicationPasswordA, { provider: 'azuread.other' });
  });
});

describe('ServicePrincipal.fromServicePrincipalAttributes', () => {
  test('takes the IDs as they are and creates nothing', () => {
    const json = synthJson((scope) => {
      const principal = ServicePrincipal.fromServicePrincipalAttributes(scope, 'Existing', { objectId: OBJECT, clientId: CLIENT });
      expect(principal.servicePrincipalObjectId).toBe(OBJECT);
      expect(principal.servicePrincipalClientId).toBe(CLIENT);
      expect(principal.clientSecret).toBeUndefined();
    });
    expect(json.resource).toBeUndefined();
  });

  test('validates both GUIDs in one error', () => {
    expect(() => synthJson((scope) => {
      ServicePrincipal.fromServicePrincipalAttributes(scope, 'Existing', { objectId: 'velero', clientId: '00000000-0000-0000-0000-000000000000' });
    })).toThrow(
      '2 problems:\n'
      + '- Invalid Azure service principal object ID "velero" at stack/Existing (objectId): it is not 36 characters long; '
      + 'only hexadecimal digits and hyphens are allowed. Use the service principal\'s object ID GUID (not the application\'s): '
      + 'az ad sp show --id <client ID> --query id -o tsv.\n'
      + '- Invalid Azure client ID "00000000-0000-0000-0000-000000000000" at stack/Existing (clientId): it is the all-zero placeholder GUID. '
      + 'Use the application (client) ID GUID: az ad sp show --id <app> --query appId -o tsv.',
    );
  });

  test('refuses a literal client secret', () => {
    expect(() => synthJson((scope) => {
      ServicePrincipal.fromServicePrincipalAttributes(scope, 'Existing', { objectId: OBJECT, clientId: CLIENT, clientSecret: 'hunter2' });
    })).toThrow(new InputValidationError([
      'clientSecret resolves to a literal (a plain string, a Lazy value or a Terraform function of literals such as Fn.join): '
      + 'it would be written in clear text into cdk.tf.json. Pass a TerraformVariable declared with sensitive: true and no default (set it with TF_VAR_<name> or a '
      + '.tfvars file kept out of the repository), or a data source attribute such as azurerm_key_vault_secret\'s value. (at stack/Existing)',
    ]));
  });

  test('takes a secret reference, and token IDs unvalidated', () => {
    expect(() => synthJson((scope) => {
      const secret = new TerraformVariable(scope, 'Secret', { type: 'string', sensitive: true }).stringValue;
      const id = new TerraformVariable(scope, 'Id', { type: 'string' }).stringValue;
      const principal = ServicePrincipal.fromServicePrincipalAttributes(scope, 'Existing', { objectId: id, clientId: id, clientSecret: secret });
      expect(principal.clientSecret).toBe(secret);
    })).not.toThrow();
  });
});

describe('@cdktf/provider-azuread stays optional', () => {
  // A fresh Node process, so jest's module registry does not hide what is loaded; it runs the
  // compiled package (lib/, built by npm test's compile step) as a user's app would.
  needsCompiledPackage();
  const loadedAzureadModules = (body: string): number => {
    const root = path.resolve(__dirname, '../../..');
    const script = `
      const { App, TerraformStack } = require('cdktf');
      const azure = require('saas-backup-constructs/azure');
      const stack = new TerraformStack(new App({ outdir: require('os').tmpdir() }), 'probe');
      ${body}
      console.log(Object.keys(require.cache).filter((f) => f.includes('provider-azuread')).length);`;
    const run = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(run.stderr);
    return Number(run.stdout.trim());
  };

  test('loading the azure submodule and bringing a principal never loads it', () => {
    expect(loadedAzureadModules(`azure.ServicePrincipal.fromServicePrincipalAttributes(stack, 'P', { objectId: '${OBJECT}', clientId: '${CLIENT}' });`)).toBe(0);
  }, 30_000);

  test('creating a principal loads it', () => {
    expect(loadedAzureadModules('new azure.ServicePrincipal(stack, \'P\');')).toBeGreaterThan(0);
  }, 30_000);
});

describe('without @cdktf/provider-azuread installed', () => {
  test('creating a principal says what to install or bring instead', () => {
    jest.isolateModules(() => {
      jest.doMock('@cdktf/provider-azuread/lib/application', () => { throw new Error('Cannot find module \'@cdktf/provider-azuread/lib/application\''); });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const isolated = require('../../../src/constructs/azure') as typeof import('../../../src/constructs/azure');
      expect(() => synthJson((scope) => { new isolated.ServicePrincipal(scope, 'Principal'); })).toThrow(
        'Creating a service principal needs @cdktf/provider-azuread (an optional peer dependency): npm install @cdktf/provider-azuread@^14.0.0, '
        + 'or bring an existing one with ServicePrincipal.fromServicePrincipalAttributes. (Cannot find module \'@cdktf/provider-azuread/lib/application\')',
      );
    });
    jest.dontMock('@cdktf/provider-azuread/lib/application');
  });
});

describe('fromServicePrincipalAttributes: a secret given as a token is checked at synth time', () => {
  const FIX = 'Pass a TerraformVariable declared with sensitive: true and no default (set it with TF_VAR_<name> or a '
    + '.tfvars file kept out of the repository), or a data source attribute such as azurerm_key_vault_secret\'s value.';
  test.each<[string, (stack: TerraformStack) => string, string[]]>([
    ['a sensitive variable without a default', (s) => new TerraformVariable(s, 'secret', { type: 'string', sensitive: true }).stringValue, []],
    ['a variable with a default', (s) => new TerraformVariable(s, 'secret', { type: 'string', sensitive: true, default: 'hunter2' }).stringValue, [
      'clientSecret is TerraformVariable "secret", which has a default: the default is written in clear text into cdk.tf.json. '
      + 'Remove the default and set the value with TF_VAR_secret (or a .tfvars file kept out of the repository).',
    ]],
    ['a variable that is not sensitive', (s) => new TerraformVariable(s, 'secret', { type: 'string' }).stringValue, [
      'clientSecret is TerraformVariable "secret", which is not sensitive: Terraform shows its value in plans and logs. Declare it with sensitive: true.',
    ]],
    ['Fn.join of literals', () => Fn.join('', ['hun', 'ter2']), [
      'clientSecret resolves to a literal (a plain string, a Lazy value or a Terraform function of literals such as Fn.join): '
      + `it would be written in clear text into cdk.tf.json. ${FIX}`,
    ]],
    ['a Lazy literal', () => Lazy.stringValue({ produce: () => 'hunter2' }), [
      'clientSecret resolves to a literal (a plain string, a Lazy value or a Terraform function of literals such as Fn.join): '
      + `it would be written in clear text into cdk.tf.json. ${FIX}`,
    ]],
  ])('%s', (_name, secret, expected) => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const principal = ServicePrincipal.fromServicePrincipalAttributes(stack, 'Existing', { objectId: OBJECT, clientId: CLIENT, clientSecret: secret(stack) });
    expect(principal.node.validate()).toEqual(expected);
  });

  test('the error stops synthesis, naming the construct', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const secret = new TerraformVariable(stack, 'secret', { type: 'string', sensitive: true, default: 'hunter2' }).stringValue;
    ServicePrincipal.fromServicePrincipalAttributes(stack, 'Existing', { objectId: OBJECT, clientId: CLIENT, clientSecret: secret });
    expect(() => stack.runAllValidations()).toThrow(/\[stack\/Existing\] clientSecret is TerraformVariable "secret", which has a default/);
  });
});

describe('warnings a user may accept, each with an ID', () => {
  const warningsOf = (c: { node: { metadata: Array<{ type: string; data: unknown }> } }) =>
    c.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => m.data as string);

  test.each([
    ['an end date in the past', '2020-01-31T00:00:00Z', [
      '[saas-backup-constructs:SecretEndDateInPast] clientSecretEndDate 2020-01-31T00:00:00Z is in the past: Microsoft Entra ID refuses to '
      + 'create a secret that has already expired, and Velero could not sign in with it. Give a future date.',
    ]],
    ['an end date in the future', '2999-01-31T00:00:00Z', []],
    ['no end date', undefined, []],
  ])('clientSecretEndDate: %s', (_name, clientSecretEndDate, expected) => {
    let principal: ServicePrincipal | undefined;
    synthJson((scope) => { principal = new ServicePrincipal(scope, 'Principal', { clientSecretEndDate }); });
    expect(warningsOf(principal!)).toEqual(expected);
  });

  test('a token end date is not judged', () => {
    let principal: ServicePrincipal | undefined;
    synthJson((scope) => {
      principal = new ServicePrincipal(scope, 'Principal', { clientSecretEndDate: new TerraformVariable(scope, 'end', { type: 'string' }).stringValue });
    });
    expect(warningsOf(principal!)).toEqual([]);
  });

  test.each([
    ['the same GUID', CLIENT, CLIENT, true],
    ['the same GUID in another case', CLIENT.toUpperCase(), CLIENT, true],
    ['different GUIDs', OBJECT, CLIENT, false],
  ])('objectId and clientId: %s', (_name, objectId, clientId, warns) => {
    let principal: ReturnType<typeof ServicePrincipal.fromServicePrincipalAttributes> | undefined;
    synthJson((scope) => { principal = ServicePrincipal.fromServicePrincipalAttributes(scope, 'Existing', { objectId, clientId }); });
    expect(warningsOf(principal!)).toEqual(warns ? [
      `[saas-backup-constructs:ObjectIdIsClientId] objectId equals clientId (${clientId}): role assignments need the service principal's `
      + 'object ID, which differs from the application (client) ID; an assignment to the client ID fails or names another object. '
      + 'Use az ad sp show --id <client ID> --query id -o tsv.',
    ] : []);
  });
});

describe('fromServicePrincipalAttributes: the shared secret rule and JavaScript callers', () => {
  test.each<[string, object, string]>([
    ['a file() secret', { objectId: OBJECT, clientId: CLIENT, clientSecret: '${file("secret.txt")}' },
      'clientSecret reads a local file (Fn.file, Fn.filebase64 or Fn.templatefile): the secret must then sit on disk next to the configuration (often in the '
      + 'repository), and Terraform copies it into plans and state. Pass a TerraformVariable declared with sensitive: true and no default (set it with TF_VAR_<name> or a '
      + '.tfvars file kept out of the repository), or a data source attribute such as azurerm_key_vault_secret\'s value. (at stack/Existing)'],
    ['a number secret', { objectId: OBJECT, clientId: CLIENT, clientSecret: 12345 }, 'clientSecret must be a string, not a number (at stack/Existing)'],
    ['a missing clientId', { objectId: OBJECT }, 'clientId is required; give the application (client) ID (az ad sp show --id <app> --query appId -o tsv) (at stack/Existing)'],
    ['null attrs', null as any, 'attrs are required: an object with objectId and clientId (at stack/Existing)'],
  ])('%s', (_name, attrs, message) => {
    expect(() => synthJson((scope) => {
      ServicePrincipal.fromServicePrincipalAttributes(scope, 'Existing', attrs as any);
    })).toThrow(new InputValidationError([message]));
  });
});
