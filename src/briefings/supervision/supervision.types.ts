export interface SupervisionMatter {
  id: string;
  title: string;
  instruction: string;
  requiredReport: string;
  issuerBureauCode: string;
  issuerName: string;
  bureauCode: string;
  bureauName: string;
  /** The deadline now: the clock's (an approved extension moves it), else the one set. */
  dueAt: string;
  status: 'open' | 'answered';
  /** open and past due */
  overdue: boolean;
  /** answered after the deadline (a 迟报 finding) */
  late: boolean;
  answer: string | null;
  answeredAt: string | null;
  answeredBy: string | null;
  createdBy: string;
  createdAt: string;
}

export interface LedgerFilter {
  /** The viewer's subtree: matters of units in it, or issued by units in it. */
  pathPrefix: string;
  status?: 'open' | 'answered' | 'overdue' | 'late';
  bureauCode?: string;
  limit?: number;
}
