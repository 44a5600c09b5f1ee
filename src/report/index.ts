// The access report: pure readers of synthesized JSON, one model, three writers.
export * from './model';
export { cfnAccessReport, trustProblems } from './cloudformation';
export { terraformAccessReport, awsTemplateOfTerraform } from './terraform';
export { renderMarkdown, renderMermaid, mermaidBlocks, mermaidText } from './markdown';
