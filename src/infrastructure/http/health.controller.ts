import { Controller, Get, Header, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../../auth/auth.decorators';
import { AppConfig } from '../config/app.config';
import { MetricsAccess } from './metrics-access';
import { MetricsService } from './metrics.service';

@ApiTags('operations')
@Public()
@Controller()
export class HealthController {
  private readonly access: MetricsAccess;

  constructor(
    private readonly db: DataSource,
    private readonly metrics: MetricsService,
    config: AppConfig,
  ) {
    this.access = new MetricsAccess(config.METRICS_ALLOW, config.METRICS_TOKEN);
  }

  /** 200 when the database answers and every migration is applied; 503 otherwise, with the reason. */
  @Get('health')
  async health(@Res() res: Response) {
    const checks: Record<string, string> = {};
    let ok: boolean;
    try {
      await this.db.query('SELECT 1');
      checks.database = 'up';
      const pending = await this.db.showMigrations();
      checks.migrations = pending ? 'pending' : 'applied';
      ok = !pending;
    } catch (e) {
      checks.database = `down: ${(e as Error).message}`;
      ok = false;
    }
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'error', checks });
  }

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4')
  async prometheus(@Req() req: Request) {
    this.access.assert(req.ip, req.headers.authorization);
    return this.metrics.registry.metrics();
  }
}
