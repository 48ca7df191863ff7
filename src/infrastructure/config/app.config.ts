// Implicit conversion of PORT etc. reads the design:type metadata, which is only recorded once reflect-metadata is loaded.
import 'reflect-metadata';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateBy,
} from 'class-validator';
import { Transform } from 'class-transformer';
import { defaultPublicBaseUrl } from './public-base-url';

/**
 * Reads the raw string: with implicit conversion on, `value` has already been through Boolean('false') === true.
 * Exported for the other settings classes.
 */
export const toBool = ({
  obj,
  key,
  value,
}: {
  obj: Record<string, unknown>;
  key: string;
  value: unknown;
}) => {
  const raw = obj[key];
  if (typeof raw === 'string') return ['1', 'true', 'yes', 'on'].includes(raw.trim().toLowerCase());
  return typeof raw === 'boolean' ? raw : value;
};

/** Core settings. Documented in README.md ("Configuration"); example in config/app.env.example. */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: string = 'development';

  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  @IsString()
  HOST: string = '0.0.0.0';

  /** External PostgreSQL. When unset, an embedded PostgreSQL server is started in DATA_DIR/postgres. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @IsString()
  DATA_DIR: string = './.data';

  @IsInt()
  @Min(1024)
  @Max(65535)
  EMBEDDED_PG_PORT: number = 54329;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  /** smtp://user:pass@host:port or smtps://…; when unset, mail goes to MAIL_OUTBOX_DIR and the log. */
  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsString()
  MAIL_FROM: string = '舆情哨 <yuqing-sentinel@localhost>';

  @IsOptional()
  @IsString()
  MAIL_OUTBOX_DIR?: string;

  /**
   * Base of links in emails (signed action links, console links). Unset: the address this service listens on
   * (PORT, HOST), so links work on a non-default port; production must set it (see public-base-url.ts).
   */
  @IsUrl({ require_tld: false, require_protocol: true })
  @ValidateBy({
    name: 'setInProduction',
    validator: {
      validate: (_v, args) => {
        const c = args?.object as AppConfig;
        return c.NODE_ENV !== 'production' || c.publicBaseUrl !== undefined;
      },
      defaultMessage: () =>
        'must be set in production (the address people open links at, e.g. https://yq.example.cn)',
    },
  })
  get PUBLIC_BASE_URL(): string {
    return this.publicBaseUrl ?? defaultPublicBaseUrl(this.HOST, this.PORT);
  }
  set PUBLIC_BASE_URL(url: string) {
    this.publicBaseUrl = url;
  }
  private publicBaseUrl?: string;

  /** Secret for signing session-independent tokens (action links). Required in production. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  SECRET_KEY?: string;

  @IsInt()
  @Min(1)
  @Max(24 * 30)
  SESSION_TTL_HOURS: number = 12;

  /** Secure flag on the session cookie (set true behind HTTPS). */
  @Transform(toBool)
  @IsBoolean()
  COOKIE_SECURE: boolean = false;

  /** First admin, created on start when no admin exists yet. */
  @IsOptional()
  @IsString()
  @Matches(/^[a-zA-Z0-9_.-]{3,64}$/, { message: 'must be 3-64 letters, digits, _ . -' })
  ADMIN_USERNAME?: string;

  /** Checked against the password policy when the admin is created (start-up fails on a weak one). */
  @IsOptional()
  @IsString()
  @MinLength(10, { message: 'must be at least 10 characters' })
  ADMIN_PASSWORD?: string;

  /** Failed logins allowed per account within LOGIN_WINDOW_MINUTES; the next failure locks the account. */
  @IsInt()
  @Min(1)
  @Max(100)
  LOGIN_MAX_FAILURES: number = 5;

  /** Failed logins allowed per client address within LOGIN_WINDOW_MINUTES; beyond, every attempt gets 429. */
  @IsInt()
  @Min(1)
  @Max(10000)
  LOGIN_MAX_FAILURES_PER_IP: number = 20;

  @IsInt()
  @Min(1)
  @Max(24 * 60)
  LOGIN_WINDOW_MINUTES: number = 15;

  /** How long a locked account stays locked; 0 = until an admin unlocks it (API or `users:unlock`). */
  @IsInt()
  @Min(0)
  @Max(7 * 24 * 60)
  LOGIN_LOCKOUT_MINUTES: number = 30;

  @IsInt()
  @Min(8)
  @Max(128)
  PASSWORD_MIN_LENGTH: number = 10;

  /** Bearer token that may read /metrics from any address. Without it, only METRICS_ALLOW addresses may. */
  @IsOptional()
  @IsString()
  @MinLength(24, { message: 'must be at least 24 characters' })
  METRICS_TOKEN?: string;

  /** Comma-separated client addresses allowed to read /metrics without the token (default: loopback only). */
  @Matches(/^(none|\s*[0-9a-fA-F:.]+(\s*,\s*[0-9a-fA-F:.]+)*\s*)$/, {
    message: 'must be a comma-separated list of IP addresses, or none',
  })
  METRICS_ALLOW: string = '127.0.0.1,::1,::ffff:127.0.0.1';

  /** Who may read /api/docs: `login` (the default in production), `public` (the default otherwise) or `off`. */
  @IsOptional()
  @IsIn(['login', 'public', 'off'])
  API_DOCS?: 'login' | 'public' | 'off';

  /** Run the @nestjs/schedule ticks in this instance (set false for a web-only instance). */
  @Transform(toBool)
  @IsBoolean()
  SCHEDULER_ENABLED: boolean = true;
}
