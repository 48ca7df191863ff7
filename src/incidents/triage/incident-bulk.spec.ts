import { bureauUnitLabel } from '../../console/layout';
import { summariseBulk } from './incident-bulk.service';

describe('summariseBulk', () => {
  it('counts successes and names each failure with its reason', () => {
    expect(
      summariseBulk('dismiss', [
        { id: '1', ok: true },
        { id: '2', ok: false, error: '事件 2 不在您的管辖范围内' },
        { id: '3', ok: true },
      ]),
    ).toEqual({ msg: '已批量排除 2 个事件', err: '1 个事件未能排除：事件 #2：事件 2 不在您的管辖范围内' });
  });

  it('lists at most ten failures and says how many more there were', () => {
    const failed = Array.from({ length: 13 }, (_, k) => ({
      id: String(k + 1),
      ok: false,
      error: '已被他人修改',
    }));
    const r = summariseBulk('confirm', failed);
    expect(r.msg).toBeUndefined();
    expect(r.err).toMatch(/^13 个事件未能确认：事件 #1：已被他人修改；/);
    expect(r.err).toContain('事件 #10：');
    expect(r.err).not.toContain('事件 #11：');
    expect(r.err).toMatch(/另有 3 个事件未成功$/);
  });
});

describe('bureauUnitLabel', () => {
  it('prefixes the parent place, so the two 朝阳区 differ', () => {
    expect(bureauUnitLabel('110105')).toBe('北京·朝阳区');
    expect(bureauUnitLabel('220104')).toBe('长春·朝阳区');
    expect(bureauUnitLabel('4401')).toBe('广东·广州市');
    expect(bureauUnitLabel('44')).toBe('广东省税务局');
    expect(bureauUnitLabel('00')).toBe('国家税务总局');
  });
});
