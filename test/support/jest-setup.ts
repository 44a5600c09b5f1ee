// Runs before every test file (jest `setupFiles`): plain aws-cdk-lib environment switches, no patches.
//
// aws-cdk-lib's built-in CloudFormation validator starts a WebAssembly engine afresh in every test
// file (about 2.9 s CPU each); the tests assert the templates themselves, so it is off here. It
// stays on in `npm run synth` (cdk.json sets @aws-cdk/core:validateAgainstDefaultRules) and in
// test/examples/cloudformation-validation.test.ts, which synthesizes every AWS example with it.
process.env.CDK_VALIDATION = 'false';

// aws-cdk-lib records a stack trace with every CloudFormation element it creates and with every
// annotation (metadata for debugging); no test reads them, so both are off here, with aws-cdk-lib's
// own switches: the context key aws:cdk:disable-creation-stack-traces (read by every App from
// CDK_CONTEXT_JSON; it is the only key set there, so the context a test gives its App is unchanged)
// and CDK_DISABLE_STACK_TRACE.
process.env.CDK_DISABLE_STACK_TRACE = '1';
process.env.CDK_CONTEXT_JSON = JSON.stringify({ 'aws:cdk:disable-creation-stack-traces': true });
