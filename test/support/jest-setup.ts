// Runs before every test file (jest `setupFiles`). aws-cdk-lib's built-in CloudFormation
// validator starts a WebAssembly engine afresh in every test file (about 2.9 s CPU each); the
// tests assert the templates themselves, so it is off here. It stays on in `npm run synth`
// (cdk.json sets @aws-cdk/core:validateAgainstDefaultRules) and in
// test/examples/cloudformation-validation.test.ts, which synthesizes every AWS example with it.
process.env.CDK_VALIDATION = 'false';
