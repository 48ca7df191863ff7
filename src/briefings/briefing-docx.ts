import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { formatShanghai } from '../notifications/time-format';
import {
  briefingTables,
  briefingTitle,
  headline,
  periodLabel,
  Table as ContentTable,
} from './briefing-content';
import { BriefingSnapshot } from './briefing.types';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** 公文 fonts: 方正小标宋 for the title, 仿宋 for the text; Word falls back to what is installed. */
const TITLE_FONT = '方正小标宋简体';
const BODY_FONT = '仿宋_GB2312';
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '999999' };

const text = (t: string, opts: { bold?: boolean; size?: number; font?: string } = {}) =>
  new TextRun({ text: t, bold: opts.bold, size: opts.size ?? 24, font: opts.font ?? BODY_FONT });

function table(t: ContentTable): (Paragraph | Table)[] {
  const heading = new Paragraph({
    heading: HeadingLevel.HEADING_2,
    children: [text(t.title, { bold: true, size: 28 })],
  });
  if (t.rows.length === 0) return [heading, new Paragraph({ children: [text(t.empty)] })];
  const cell = (v: string, bold = false) =>
    new TableCell({
      borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER },
      children: [new Paragraph({ children: [text(v, { bold, size: 21 })] })],
    });
  return [
    heading,
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, children: t.header.map((h) => cell(h, true)) }),
        ...t.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v) => cell(v)) })),
      ],
    }),
  ];
}

/** The briefing as a Word document (the format offices pass on): title, period, summary, then each table. */
export async function briefingDocx(s: BriefingSnapshot): Promise<Buffer> {
  const doc = new Document({
    creator: '舆情哨',
    title: briefingTitle(s),
    styles: { default: { document: { run: { font: BODY_FONT, size: 24 } } } },
    sections: [
      {
        properties: { page: { margin: { top: 1440, bottom: 1440, left: 1600, right: 1440 } } },
        children: [
          new Paragraph({
            heading: HeadingLevel.TITLE,
            alignment: AlignmentType.CENTER,
            children: [text(briefingTitle(s), { size: 44, font: TITLE_FONT })],
          }),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [text(periodLabel(s))] }),
          new Paragraph({
            heading: HeadingLevel.HEADING_2,
            children: [text('总体情况', { bold: true, size: 28 })],
          }),
          new Paragraph({ indent: { firstLine: 480 }, children: [text(headline(s))] }),
          ...briefingTables(s).flatMap(table),
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            children: [text(`舆情哨系统生成于 ${formatShanghai(new Date(s.asOf))}`, { size: 21 })],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** briefing-daily-2026-12-03-00.docx */
export function briefingFileName(
  s: Pick<BriefingSnapshot, 'kind' | 'period' | 'scope'>,
  ext: string,
): string {
  return `briefing-${s.kind}-${s.period.key}-${s.scope.code}.${ext}`;
}
