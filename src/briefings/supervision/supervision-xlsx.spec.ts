import ExcelJS from 'exceljs';
import { supervisionXlsx } from './supervision-xlsx';
import type { SupervisionMatter } from './supervision.types';

const matter: SupervisionMatter = {
  id: '7',
  title: '=HYPERLINK("http://evil.example","点此")',
  instruction: '核查',
  requiredReport: '书面报告',
  issuerBureauCode: '00',
  issuerName: '国家税务总局',
  bureauCode: '44',
  bureauName: '@广东省税务局',
  dueAt: '2026-12-04T09:30:00Z',
  status: 'answered',
  overdue: false,
  late: true,
  answer: '-已整改',
  answeredAt: '2026-12-05T02:00:00Z',
  answeredBy: 'gd-head',
  createdBy: 'hq',
  createdAt: '2026-12-01T02:00:00Z',
};

describe('督办台账 export', () => {
  it('issue 12 point 10: text typed by people never reaches Excel as a formula', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await supervisionXlsx([matter])) as unknown as ArrayBuffer);
    const row = wb.getWorksheet('督办台账')!.getRow(2);
    expect(row.getCell(2).value).toBe(`'${matter.title}`);
    expect(row.getCell(4).value).toBe(`'@广东省税务局`);
    expect(row.getCell(8).value).toBe(`'-已整改`);
    expect(row.getCell(6).value).toBe('已办结（迟报）');
  });
});
