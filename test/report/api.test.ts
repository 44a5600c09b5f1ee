import { readdirSync } from 'fs';
import { join } from 'path';
import { AccessReports } from '../../src/report/api';
import { folderWith } from '../support/files';
import { cdkOut, cdktfOut } from '../support/report-fixtures';

describe('AccessReports.write (the cdktf call, and any folder)', () => {
  test('reads a cdk.out and a cdktf.out and says what it wrote and found', () => {
    const out = join(folderWith('api-', {}), 'reports');
    const summary = AccessReports.write([cdkOut(), cdktfOut()], { outdir: out });
    expect(summary).toEqual({
      files: ['Clean.access.md', 'Open.access.md', 'Inner.access.md', 'public.access.md', 'ACCESS.md', 'access-report.json', 'access-report.sarif'].map((f) => join(out, f)),
      stacks: 4,
      flagged: 3,
      unknown: 1,
    });
  });

  test('formats', () => {
    const out = folderWith('api-', {});
    AccessReports.write([cdktfOut()], { outdir: out, formats: ['json'] });
    expect(readdirSync(out)).toEqual(['access-report.json']);
  });

  test('an unknown format is refused', () => {
    expect(() => AccessReports.write([cdktfOut()], { outdir: folderWith('api-', {}), formats: ['pdf'] })).toThrow('Unknown format "pdf"');
  });
});
