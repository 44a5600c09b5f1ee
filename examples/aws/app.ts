// The AWS examples app: one CloudFormation stack per scenario, synthesized by `npm run synth`
// into cdk.out/. Deploy one with `npx cdk deploy --app cdk.out <StackName>`.
import { App } from 'aws-cdk-lib';

const app = new App();
app.synth();
