import type { BureauRecord } from './bureau-catalog';

export type ContactRole = 'head' | 'deputy' | 'liaison' | 'office';
export const CONTACT_ROLES: ContactRole[] = ['head', 'deputy', 'liaison', 'office'];
/** Chinese labels, accepted on CSV import as well as the English role names. */
export const CONTACT_ROLE_LABELS: Record<ContactRole, string> = {
  head: '主要负责人',
  deputy: '分管领导',
  liaison: '舆情联络员',
  office: '办公室',
};

/** A stored bureau: the generated record plus its materialised path ('00.44.4401.'). */
export interface BureauView extends BureauRecord {
  path: string;
}

export interface ContactView {
  id: string;
  bureauCode: string;
  role: ContactRole;
  name: string;
  title: string | null;
  email: string;
  phone: string | null;
}

export interface BureauDetail extends BureauView {
  contacts: ContactView[];
  ancestors: BureauView[];
  childCount: number;
}
