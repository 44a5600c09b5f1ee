// The Terraform examples app: one stack per GCP/Azure scenario, synthesized by `npm run synth`
// into cdktf.out/stacks/<name>/cdk.tf.json. Apply one with
// `terraform -chdir=cdktf.out/stacks/<name> init && terraform -chdir=cdktf.out/stacks/<name> apply`.
import { App } from 'cdktf';

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? 'cdktf.out' });
app.synth();
