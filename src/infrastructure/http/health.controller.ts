import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../../auth/auth.decorators';
import { MetricsService } from './metrics.service';

@ApiTags('operations')
@Public()
@Controller()
export class HealthController {
  constructor(
    private readonly db: DataSource,
    private readonly metrics: MetricsService,
  ) {}

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
  async prometheus() {
    return this.metrics.registry.metrics();
  }
}
