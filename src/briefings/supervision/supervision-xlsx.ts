import ExcelJS from 'exceljs';
import { neutraliseFormula as cell } from '../../infrastructure/spreadsheet/formula-guard';
import { formatShanghai } from '../../notifications/time-format';
import { SupervisionMatter } from './supervision.types';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function statusLabel(m: SupervisionMatter): string {
  if (m.status === 'answered') return m.late ? '已办结（迟报）' : '已办结';
  return m.overdue ? '逾期未办' : '办理中';
}

/** The ledger as one sheet, frozen header, one row per matter; typed text goes through the formula guard. */
export async function supervisionXlsx(rows: SupervisionMatter[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '舆情哨';
  const ws = wb.addWorksheet('督办台账', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: '编号', key: 'id', width: 8 },
    { header: '督办事项', key: 'title', width: 36 },
    { header: '督办单位', key: 'issuer', width: 24 },
    { header: '责任单位', key: 'bureau', width: 24 },
    { header: '办理时限', key: 'due', width: 18 },
    { header: '状态', key: 'status', width: 14 },
    { header: '报送时间', key: 'answered', width: 18 },
    { header: '办理情况', key: 'answer', width: 48 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const m of rows)
    ws.addRow({
      id: Number(m.id),
      title: cell(m.title),
      issuer: cell(m.issuerName),
      bureau: cell(m.bureauName),
      due: formatShanghai(new Date(m.dueAt)),
      status: statusLabel(m),
      answered: m.answeredAt ? formatShanghai(new Date(m.answeredAt)) : '',
      answer: cell(m.answer ?? ''),
    });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
