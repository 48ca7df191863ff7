export const SOURCE_KINDS = ['feed', 'push'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** How much weight a source carries: central media, provincial media, local media, social platforms, forums. */
export const AUTHORITY_TIERS = ['central', 'provincial', 'local', 'social', 'forum'] as const;
export type AuthorityTier = (typeof AUTHORITY_TIERS)[number];

export const TIER_LABELS: Record<AuthorityTier, string> = {
  central: '中央媒体',
  provincial: '省级媒体',
  local: '地方媒体',
  social: '社交平台',
  forum: '论坛社区',
};

export const INTERVAL_FLOOR_SECONDS = 60;
export const INTERVAL_CEILING_SECONDS = 7 * 86_400;
export const DEFAULT_MIN_INTERVAL_SECONDS = 300;
export const DEFAULT_MAX_INTERVAL_SECONDS = 3600;

/** A source definition as admins write it (API, CSV). */
export interface SourceInput {
  name: string;
  kind: SourceKind;
  url: string | null;
  bureauCode: string | null;
  /** Defaults to the bureau's region when a bureau is given. */
  regionCode: string | null;
  authorityTier: AuthorityTier;
  minIntervalSeconds: number;
  maxIntervalSeconds: number;
  enabled: boolean;
}

/** Is the source being polled well? Derived from its row. */
export type HealthStatus = 'ok' | 'pending' | 'failing' | 'attention' | 'stale' | 'disabled';

export interface SourceHealth {
  status: HealthStatus;
  lastCheckedAt: Date | null;
  lastSuccessAt: Date | null;
  lastItemAt: Date | null;
  lastErrorAt: Date | null;
  lastErrorKind: string | null;
  lastError: string | null;
  lastStatus: number | null;
  consecutiveErrors: number;
  itemsLast24h: number;
  nextCheckAt: Date | null;
  expectedIntervalSeconds: number | null;
  needsAttention: boolean;
  stale: boolean;
}

export interface SourceView extends SourceInput {
  id: string;
  host: string | null;
  bureauName: string | null;
  feedTitle: string | null;
  pushSecretPrefix: string | null;
  createdAt: Date;
  updatedAt: Date;
  health: SourceHealth;
}

export interface SourceErrorView {
  occurredAt: Date;
  kind: string;
  status: number | null;
  message: string;
}

export interface FieldError {
  field: string;
  message: string;
}
