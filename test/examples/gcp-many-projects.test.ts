import { App, Testing } from 'cdktf';
import { addPaletteGcpProjects, GCP_PROJECTS, GcpProjectLocation } from '../../examples/terraform/gcp-many-projects';

const PROJECTS: GcpProjectLocation[] = [
  { stackName: 'palette-gcp-a', projectId: 'acme-a-prod', region: 'us-central1', bucketName: 'acme-a-palette-backups' },
  { stackName: 'palette-gcp-b', projectId: 'acme-b-prod', region: 'europe-west4', bucketName: 'acme-b-palette-backups' },
  { stackName: 'palette-gcp-c', projectId: 'acme-c-prod', region: 'asia-northeast1', bucketName: 'acme-c-palette-backups' },
];

/** Every `${type.name...}` a stack's JSON refers to, as `type.name` (data sources as `data.type.name`). */
function referencesOf(json: string): string[] {
  return [...json.matchAll(/\$\{(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)\./g)].map((m) => `${m[1] ?? ''}${m[2]}.${m[3]}`);
}

describe('examples/terraform/gcp-many-projects: one self-contained stack per project', () => {
  const app = Testing.app();
  const stacks = addPaletteGcpProjects(app, PROJECTS);
  const synthesized = stacks.map((stack) => Testing.synth(stack));
  const tfs = synthesized.map((json) => JSON.parse(json));

  test('a stack per project, named as given', () => {
    expect(stacks.map((s) => s.node.id)).toEqual(['palette-gcp-a', 'palette-gcp-b', 'palette-gcp-c']);
  });

  test.each(PROJECTS.map((p, i) => [p.projectId, i] as const))('%s: its own provider, pinned to its project', (projectId, i) => {
    expect(tfs[i].provider.google).toEqual([{ project: projectId, region: PROJECTS[i].region }]);
  });

  test('each its own state object in the remote backend', () => {
    expect(tfs.map((tf) => tf.terraform.backend)).toEqual(PROJECTS.map((p) => ({
      gcs: { bucket: 'acme-terraform-state', prefix: `saas-backup-constructs/${p.stackName}` },
    })));
  });

  test('each its own bucket, service account, role and key, in its own project', () => {
    tfs.forEach((tf, i) => {
      const [bucket] = Object.values(tf.resource.google_storage_bucket) as any[];
      expect(bucket).toMatchObject({ name: PROJECTS[i].bucketName, project: PROJECTS[i].projectId, location: PROJECTS[i].region });
      expect(Object.values(tf.resource.google_service_account)).toEqual([expect.objectContaining({ account_id: 'palette-velero', project: PROJECTS[i].projectId })]);
      expect(Object.values(tf.resource.google_project_iam_custom_role)).toEqual([expect.objectContaining({ project: PROJECTS[i].projectId })]);
      expect(Object.keys(tf.resource.google_service_account_key)).toHaveLength(1);
    });
  });

  test('self-contained: every reference is to a resource of the same stack; no remote state, no data source at all', () => {
    synthesized.forEach((json, i) => {
      const tf = tfs[i];
      const own = new Set([
        ...Object.entries(tf.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName as object).map((name) => `${type}.${name}`)),
        ...Object.entries(tf.data ?? {}).flatMap(([type, byName]) => Object.keys(byName as object).map((name) => `data.${type}.${name}`)),
      ]);
      const refs = referencesOf(json);
      expect(refs.length).toBeGreaterThan(0);
      expect(refs.filter((r) => !own.has(r))).toEqual([]);
      expect(tf.data).toBeUndefined();
    });
  });

  test('the examples app\'s own list is valid and distinct', () => {
    expect(() => addPaletteGcpProjects(new App({ outdir: '/tmp/unused' }), GCP_PROJECTS)).not.toThrow();
    expect(new Set(GCP_PROJECTS.map((p) => p.bucketName)).size).toBe(GCP_PROJECTS.length);
  });

  test.each([
    ['bucketName', { ...PROJECTS[1], stackName: 'other', bucketName: PROJECTS[0].bucketName },
      'bucketName "acme-a-palette-backups" is given for both acme-a-prod and acme-b-prod: each project needs its own'],
    ['stackName', { ...PROJECTS[1], stackName: PROJECTS[0].stackName },
      'stackName "palette-gcp-a" is given for both acme-a-prod and acme-b-prod: each project needs its own'],
  ])('two projects with one %s are refused before anything is made', (_key, second, message) => {
    const fresh = Testing.app();
    expect(() => addPaletteGcpProjects(fresh, [PROJECTS[0], second])).toThrow(message);
    expect(fresh.node.children).toHaveLength(0);
  });
});
