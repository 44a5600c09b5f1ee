import {
  CLOUD_KMS_KEY_NAME,
  GCP_CUSTOM_ROLE_ID,
  GCP_LABEL_KEY,
  GCP_LABEL_VALUE,
  GCP_PROJECT_ID,
  GCP_SERVICE_ACCOUNT_ID,
  GCS_BUCKET_NAME,
  GCS_LOCATION,
  K8S_NAMESPACE,
  K8S_SERVICE_ACCOUNT_NAME,
} from '../../../src/policies/gcp/names';
import { ValueRule } from '../../../src/policies/validation';

// Each table: valid values (no problem), then invalid values with the exact clauses they break.
// Every clause of every rule has at least one invalid row that breaks only it.
type Invalid = [string, string[]];

function describeRule(name: string, rule: ValueRule, valid: string[], invalid: Invalid[]) {
  describe(name, () => {
    test.each(valid.map((v) => [v]))('accepts %j', (value) => {
      expect(rule.check(value)).toEqual([]);
    });
    test.each(invalid)('refuses %j', (value, clauses) => {
      expect(rule.check(value)).toEqual(clauses);
    });
  });
}

const RULES = [
  GCS_BUCKET_NAME, GCP_SERVICE_ACCOUNT_ID, GCP_CUSTOM_ROLE_ID, GCP_PROJECT_ID, K8S_NAMESPACE,
  K8S_SERVICE_ACCOUNT_NAME, GCS_LOCATION, CLOUD_KMS_KEY_NAME, GCP_LABEL_KEY, GCP_LABEL_VALUE,
];

describeRule('GCS bucket name', GCS_BUCKET_NAME, [
  'abc',
  'acme-palette-backups',
  'acme_palette_backups',
  '0-starts-with-digit-9',
  'a'.repeat(63),
  'backups.example.com',
  `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(30)}`, // 222
  '1.2.3.4a',
], [
  ['ab', ['it is shorter than 3 characters']],
  ['a'.repeat(64), ['it is longer than 63 characters (names without dots)']],
  [`${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(31)}`, ['it is longer than 222 characters']],
  [`${'a'.repeat(64)}.b`, ['a dot-separated part is longer than 63 characters']],
  ['My-Backups', ['uppercase letters are not allowed']],
  ['my backups', ['only lowercase letters, digits, hyphens, underscores and dots are allowed']],
  ['-backups', ['it must start with a lowercase letter or digit']],
  ['backups_', ['it must end with a lowercase letter or digit']],
  ['backups..example', ['two dots in a row are not allowed']],
  ['192.168.5.4', ['it must not be an IP address in dotted-decimal notation']],
  ['goog-backups', ['it must not start with "goog"']],
  ['my-g00gle-backups', ['it must not contain "google" or a close misspelling such as "g00gle"']],
  ['acme-google-backups', ['it must not contain "google" or a close misspelling such as "g00gle"']],
  ['_Google', [
    'uppercase letters are not allowed',
    'it must start with a lowercase letter or digit',
  ]],
]);

describeRule('service account ID', GCP_SERVICE_ACCOUNT_ID, [
  'velero',
  'palette-velero',
  'a1-2-3',
  `a${'b'.repeat(29)}`,
], [
  ['velo', ['it is shorter than 6 characters']],
  [`a${'b'.repeat(30)}`, ['it is longer than 30 characters']],
  ['Palette-Velero', ['only lowercase letters, digits and hyphens are allowed']],
  ['palette_velero', ['only lowercase letters, digits and hyphens are allowed']],
  ['1velero', ['it must start with a lowercase letter']],
  ['-velero', ['it must start with a lowercase letter']],
  ['velero-', ['it must not end with a hyphen']],
  ['', ['it is shorter than 6 characters']],
]);

describeRule('IAM custom role ID', GCP_CUSTOM_ROLE_ID, [
  'velero.server',
  'palette_velero.objects',
  'ABC',
  'a'.repeat(64),
], [
  ['ab', ['it is shorter than 3 characters']],
  ['a'.repeat(65), ['it is longer than 64 characters']],
  ['palette-velero.objects', ['hyphens are not allowed']],
  ['velero/server', ['only letters, digits, underscores and dots are allowed']],
  ['a-', ['it is shorter than 3 characters', 'hyphens are not allowed']],
]);

describeRule('GCP project ID', GCP_PROJECT_ID, [
  'acme-backups-prod',
  'abcdef',
  `a${'1'.repeat(29)}`,
], [
  ['abcde', ['it is shorter than 6 characters']],
  [`a${'1'.repeat(30)}`, ['it is longer than 30 characters']],
  ['Acme-Backups', ['only lowercase letters, digits and hyphens are allowed']],
  ['example.com:my-project', ['only lowercase letters, digits and hyphens are allowed']],
  ['1acme-backups', ['it must start with a lowercase letter']],
  ['acme-backups-', ['it must not end with a hyphen']],
  ['acme-google-prod', ['it must not contain "google" (a restricted string)']],
  ['google-backups', ['it must not contain "google" (a restricted string)']],
  ['Google-backups', ['only lowercase letters, digits and hyphens are allowed', 'it must not contain "google" (a restricted string)']],
]);

describeRule('Kubernetes namespace name', K8S_NAMESPACE, [
  'velero',
  'v',
  '1-velero-2',
  'a'.repeat(63),
], [
  ['', ['it is empty']],
  ['a'.repeat(64), ['it is longer than 63 characters']],
  ['Velero', ['only lowercase letters, digits and hyphens are allowed']],
  ['velero.system', ['only lowercase letters, digits and hyphens are allowed']],
  ['-velero', ['it must start and end with a lowercase letter or digit']],
  ['velero-', ['it must start and end with a lowercase letter or digit']],
]);

describeRule('Kubernetes service account name', K8S_SERVICE_ACCOUNT_NAME, [
  'velero',
  'velero.server',
  'v',
  'a'.repeat(253),
], [
  ['', ['it is empty']],
  ['a'.repeat(254), ['it is longer than 253 characters']],
  ['Velero', ['only lowercase letters, digits, hyphens and dots are allowed']],
  ['velero_server', ['only lowercase letters, digits, hyphens and dots are allowed']],
  ['velero.-server', ['each dot-separated part must start and end with a lowercase letter or digit']],
  ['velero..server', ['each dot-separated part must start and end with a lowercase letter or digit']],
  ['velero-', ['each dot-separated part must start and end with a lowercase letter or digit']],
]);

describeRule('GCS bucket location', GCS_LOCATION, [
  'US',
  'eu',
  'ASIA',
  'NAM4',
  'eur4',
  'ASIA1',
  'us-central1',
  'europe-west4',
  'northamerica-northeast1',
  'US-EAST1',
], [
  ['', ['it is empty']],
  ['us central1', ['only letters, digits and hyphens are allowed']],
  ['us-central1-a', ['it is a zone; buckets live in regions (drop the zone letter)']],
  ['us-central', ['it is not of the form of a multi-region, dual-region or region name']],
  ['1US', ['it is not of the form of a multi-region, dual-region or region name']],
]);

describeRule('Cloud KMS key name', CLOUD_KMS_KEY_NAME, [
  'projects/acme-kms/locations/us/keyRings/backups/cryptoKeys/velero',
  'projects/acme-kms/locations/europe-west4/keyRings/r/cryptoKeys/k',
], [
  ['projects/p/locations/us/keyRings/r/cryptoKeys/k/cryptoKeyVersions/1', ['it names a key version; give the key itself']],
  ['velero', ['it is not of the form projects/*/locations/*/keyRings/*/cryptoKeys/*']],
  ['projects/p/locations/us/keyRings/r', ['it is not of the form projects/*/locations/*/keyRings/*/cryptoKeys/*']],
  ['//cloudkms.googleapis.com/projects/p/locations/us/keyRings/r/cryptoKeys/k', ['it is not of the form projects/*/locations/*/keyRings/*/cryptoKeys/*']],
]);

describeRule('GCP label key', GCP_LABEL_KEY, [
  'team',
  'cost_center',
  'env-1',
  'équipe',
  'a'.repeat(63),
], [
  ['', ['it is empty']],
  ['a'.repeat(64), ['it is longer than 63 characters']],
  ['Team', ['only lowercase letters, digits, underscores and hyphens are allowed']],
  ['team.name', ['only lowercase letters, digits, underscores and hyphens are allowed']],
  ['1team', ['it must start with a lowercase letter']],
  ['_team', ['it must start with a lowercase letter']],
]);

describeRule('GCP label value', GCP_LABEL_VALUE, [
  '',
  'backups',
  'prod_1-a',
  'é'.repeat(63),
], [
  ['a'.repeat(64), ['it is longer than 63 characters']],
  ['Prod', ['only lowercase letters, digits, underscores and hyphens are allowed']],
  ['a b', ['only lowercase letters, digits, underscores and hyphens are allowed']],
]);

describe('every rule says what it is and how to fix it', () => {
  test.each(RULES.map((rule) => [rule.subject, rule]))('%s', (_subject, rule) => {
    expect(rule.subject).toMatch(/\S/);
    expect(rule.fix).toMatch(/^Use .+\.$/);
  });
});
