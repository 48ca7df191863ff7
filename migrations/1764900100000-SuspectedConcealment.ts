import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A fourth kind of reporting finding, 'suspected_concealment' (疑似瞒报, issue 12): a unit dismissed an incident of its
 * own that had been confirmed (automatically, at grade Ⅰ/Ⅱ, by the spread evidence). It is not yet 瞒报 — that needs
 * a superior or the evidence to confirm it again — so the monthly figures do not count it; it is on record and on the
 * superior's findings list instead of passing silently.
 */
export class SuspectedConcealment1764900100000 implements MigrationInterface {
  name = 'SuspectedConcealment1764900100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reporting_findings DROP CONSTRAINT reporting_findings_kind_check,
      ADD CONSTRAINT reporting_findings_kind_check CHECK (kind IN ('late','missed','concealed','suspected_concealment'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM reporting_findings WHERE kind = 'suspected_concealment'`);
    await q.query(`ALTER TABLE reporting_findings DROP CONSTRAINT reporting_findings_kind_check,
      ADD CONSTRAINT reporting_findings_kind_check CHECK (kind IN ('late','missed','concealed'))`);
  }
}
