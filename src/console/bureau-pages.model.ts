import type { BureauLevel } from '../organisation/bureau-catalog';
import type { BureauDetail, BureauView } from '../organisation/organisation.types';

/** A bureau in the directory tree; `children` is null while collapsed (expanding is a link: ?open=<code>). */
export interface TreeNode {
  bureau: BureauView;
  /** Number of direct subordinate bureaus. */
  childCount: number;
  children: TreeNode[] | null;
}

export interface DirectoryModel {
  /** The user's scope root (HQ for national users, e.g. 广东省税务局 for a Guangdong monitor). */
  root: TreeNode;
  /** The expanded node (deepest open), if any. */
  openCode: string | null;
  q: string;
  level: BureauLevel | null;
  /** Search hits when `q` is given, best match first. */
  results: BureauView[] | null;
}

export interface DetailModel {
  bureau: BureauDetail;
  /** Ancestors the user may open (inside their scope) are links in the breadcrumb; the others are plain text. */
  visibleAncestorCodes: Set<string>;
  children: { bureau: BureauView; childCount: number }[];
}
