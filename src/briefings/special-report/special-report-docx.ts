import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { bucketize } from '../../incidents/console/incident-spread-chart';
import { formatShanghai, formatShanghaiLong } from '../../notifications/time-format';
import { SECTION_FIELDS, SECTION_LABELS, SpecialReport } from './special-report.types';

const TITLE_FONT = '方正小标宋简体';
const HEADING_FONT = '黑体';
const BODY_FONT = '仿宋_GB2312';
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '999999' };

const run = (text: string, font = BODY_FONT, size = 32) => new TextRun({ text, font, size });
/** 公文 body: 三号仿宋 (16 pt), first line indented two characters. */
const body = (text: string) =>
  text
    .split(/\n+/)
    .filter((l) => l.trim())
    .map(
      (l) => new Paragraph({ indent: { firstLine: 640 }, spacing: { line: 560 }, children: [run(l.trim())] }),
    );

/** The spread as a table (time, items, of which central media): Word shows it without any image renderer. */
function spreadTable(r: SpecialReport): Table | null {
  const { hours, buckets } = bucketize(r.figures.spread.map((s) => ({ ...s, hour: new Date(s.hour) })));
  if (buckets.length === 0) return null;
  const cell = (v: string, bold = false) =>
    new TableCell({
      borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER },
      children: [new Paragraph({ children: [new TextRun({ text: v, bold, font: BODY_FONT, size: 21 })] })],
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        children: [cell(`时段（每 ${hours} 小时）`, true), cell('信息数', true), cell('其中中央媒体', true)],
      }),
      ...buckets
        .filter((b) => b.total > 0)
        .map(
          (b) =>
            new TableRow({
              children: [cell(formatShanghai(b.start)), cell(String(b.total)), cell(String(b.central))],
            }),
        ),
    ],
  });
}

/** The 舆情专报 as a Word document in the official layout. */
export async function specialReportDocx(r: SpecialReport): Promise<Buffer> {
  const at = new Date(r.submittedAt ?? r.updatedAt);
  const children: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, children: [run('舆情专报', TITLE_FONT, 52)] }),
    ...(r.reference
      ? [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(r.reference)] })]
      : []),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 240, after: 240 },
      children: [run(r.title, TITLE_FONT, 44)],
    }),
    ...(r.addressee ? [new Paragraph({ children: [run(`${r.addressee}：`)] })] : []),
  ];
  for (const k of SECTION_FIELDS) {
    children.push(
      new Paragraph({ spacing: { before: 200 }, children: [run(SECTION_LABELS[k], HEADING_FONT)] }),
    );
    children.push(...body(r[k]));
    const table = k === 'spread' ? spreadTable(r) : null;
    if (table) children.push(table);
  }
  children.push(
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: { before: 480 },
      children: [run(`报送单位：${r.reportingUnit}`)],
    }),
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(`报送时间：${formatShanghaiLong(at)}`)] }),
  );
  const doc = new Document({
    creator: '舆情哨',
    title: r.title,
    sections: [
      { properties: { page: { margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 } } }, children },
    ],
  });
  return Packer.toBuffer(doc);
}

export function specialReportFileName(r: Pick<SpecialReport, 'id' | 'incidentId'>, ext: string): string {
  return `special-report-${r.incidentId}-${r.id}.${ext}`;
}
