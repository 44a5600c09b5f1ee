import { PALETTE_AZURE_LOCATION_PROVIDER } from '../../../src/policies/azure/palette';
import { PALETTE_WIZARD, wizardField } from '../../../src/policies/palette-wizard';

describe('Palette Azure location provider', () => {
  test('the wizard shows Azure; Terraform takes azure (the shared wizard model)', () => {
    expect(PALETTE_AZURE_LOCATION_PROVIDER).toBe('Azure');
    expect(wizardField('azure', 'locationProvider').terraformValue).toBe('azure');
  });

  test('every argument of azure_storage_config is in the model (each is Required in Spectro Cloud\'s schema)', () => {
    expect(PALETTE_WIZARD.azure.flatMap((f) => f.arguments).filter((a) => a.startsWith('azure_storage_config.'))).toHaveLength(8);
  });
});
