import { STATUSES } from '../incident.types';
import { reassignRefusal } from './incident-reassign.rule';

const NANSHAN = '00.4403.440305.';
const SHENZHEN = '00.4403.';
const LUOHU = '00.4403.440303.';
const XINJIANG = '00.65.6501.';
const nanshanMonitor = { role: 'monitor' as const, bureauPath: NANSHAN };
const shenzhenMonitor = { role: 'monitor' as const, bureauPath: SHENZHEN };
const hqMonitor = { role: 'monitor' as const, bureauPath: '00.' };

describe('reassign rule (改派单位)', () => {
  it('lets a new incident go anywhere, even to nobody: the classifier may have named the wrong bureau', () => {
    const inc = { status: 'new' as const, bureauPath: NANSHAN };
    expect(reassignRefusal(nanshanMonitor, inc, XINJIANG)).toBeNull();
    expect(reassignRefusal(nanshanMonitor, inc, null)).toBeNull();
  });

  it('keeps a confirmed (or later) incident inside the actor subtree, naming the superior covering both', () => {
    for (const status of STATUSES.filter((s) => s !== 'new')) {
      const inc = { status, bureauPath: NANSHAN };
      expect(reassignRefusal(nanshanMonitor, inc, XINJIANG)).toEqual({ coveredBy: '00.' });
      expect(reassignRefusal(nanshanMonitor, inc, null)).toEqual({ coveredBy: '00.' });
      expect(reassignRefusal(shenzhenMonitor, inc, '00.33.')).toEqual({ coveredBy: '00.' });
      // Nanshan's own monitor cannot hand it sideways to Luohu; Shenzhen, above both, can.
      expect(reassignRefusal(nanshanMonitor, inc, LUOHU)).toEqual({ coveredBy: SHENZHEN });
      expect(reassignRefusal(shenzhenMonitor, inc, LUOHU)).toBeNull();
      expect(reassignRefusal(nanshanMonitor, inc, NANSHAN)).toBeNull();
      expect(reassignRefusal(hqMonitor, inc, XINJIANG)).toBeNull();
      expect(reassignRefusal(hqMonitor, inc, null)).toBeNull();
    }
  });

  it('treats an automatic confirmation (grade Ⅰ/Ⅱ at creation) like a person confirming', () => {
    expect(
      reassignRefusal(nanshanMonitor, { status: 'confirmed', bureauPath: NANSHAN }, XINJIANG),
    ).not.toBeNull();
  });
});
