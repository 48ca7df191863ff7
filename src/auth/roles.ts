export const ROLES = ['admin', 'hq_analyst', 'monitor', 'head'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: a logged-in user (session cookie) or a machine (bearer API token acting as its user). */
export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  /** The bureau whose subtree this principal may see. */
  bureauCode: string;
  /** Materialised path of that bureau ('00.44.'): visible = bureau.path startsWith(bureauPath). */
  bureauPath: string;
  via: 'session' | 'token';
}

export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  hq_analyst: '统计分析员',
  monitor: '舆情监测员',
  head: '单位负责人',
};
