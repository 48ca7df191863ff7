/** The incident's figures when the 专报 was drafted: what its text says, frozen with it. Times are ISO strings. */
export interface SpecialReportFigures {
  incidentId: string;
  title: string;
  grade: string;
  category: string | null;
  status: string;
  bureauCode: string | null;
  bureauName: string | null;
  detectedAt: string;
  /**
   * When the earliest post was published, by its own date (incidents.published_at); null when no feed dated it.
   * Optional: figures frozen with drafts written before it was recorded lack it.
   */
  publishedAt?: string | null;
  /** When the service first ingested one of its items. */
  firstSeenAt: string;
  lastSeenAt: string;
  itemCount: number;
  sourceCount: number;
  centralSourceCount: number;
  peakItemsPerHour: number;
  heat: number;
  /** Items per hour and authority tier (the incident page's spread chart). */
  spread: { hour: string; tier: string; count: number }[];
  /** What the units did, from the incident's timeline. */
  actions: { at: string; label: string }[];
  asOf: string;
}

export const SECTION_FIELDS = ['basic', 'spread', 'units', 'measures', 'nextSteps'] as const;
export type SectionField = (typeof SECTION_FIELDS)[number];

/** The official layout's sections, in order. */
export const SECTION_LABELS: Record<SectionField, string> = {
  basic: '一、基本情况',
  spread: '二、传播态势',
  units: '三、涉事单位',
  measures: '四、已采取措施',
  nextSteps: '五、下一步工作',
};

export interface SpecialReportText {
  title: string;
  basic: string;
  spread: string;
  units: string;
  measures: string;
  nextSteps: string;
  reportingUnit: string;
}

export interface SpecialReport extends SpecialReportText {
  id: string;
  incidentId: string;
  status: 'draft' | 'submitted';
  addressee: string | null;
  reference: string | null;
  figures: SpecialReportFigures;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  submittedBy: string | null;
  submittedAt: string | null;
}
