import { Escalation1763800005100 } from '../../../migrations/1763800005100-Escalation';
import { createTestDataSource } from '../../support/database';

describe('migration 1763800005100-Escalation', () => {
  it('reverts cleanly and applies again, with its invariants in Postgres', async () => {
    const { ds, close } = await createTestDataSource();
    try {
      const m = new Escalation1763800005100();
      const q = ds.createQueryRunner();
      const names = [
        'action_links',
        'escalation_clocks',
        'escalation_notifications',
        'escalation_policies',
        'extension_requests',
        'reporting_findings',
        'routing_rules',
      ];
      const tables = () =>
        ds.query(`SELECT table_name FROM information_schema.tables WHERE table_name = ANY($1) ORDER BY 1`, [
          names,
        ]);
      expect(await tables()).toHaveLength(names.length);
      await m.down(q);
      expect(await tables()).toHaveLength(0);
      await m.up(q);
      expect(await tables()).toHaveLength(names.length);
      await q.release();

      const clock = (kind: string, status = 'running', extra: Record<string, unknown> = {}) =>
        ds.query(
          `INSERT INTO escalation_clocks (subject_kind, subject_id, bureau_code, notify_bureau_code, kind, started_at, due_at,
                                          status, met_at, policy_key, policy_snapshot, created_at, updated_at)
           VALUES ('incident', 1, '44', '44', $1, now(), $2, $3, $4, 'II', '{}', now(), now()) RETURNING id`,
          [kind, extra.due ?? new Date(Date.now() + 60_000), status, extra.metAt ?? null],
        );
      await clock('acknowledge');
      await expect(clock('acknowledge')).rejects.toThrow(/escalation_clocks_live_uq/); // one live clock per kind
      await clock('acknowledge', 'cancelled'); // a cancelled one may sit beside it
      await expect(clock('nap')).rejects.toThrow(/check constraint/);
      await expect(clock('first_report', 'met')).rejects.toThrow(/check constraint/); // met needs met_at
      await expect(clock('response', 'running', { due: new Date(Date.now() - 86_400_000) })).rejects.toThrow(
        /check constraint/,
      ); // due before start
      await expect(
        ds.query(
          `INSERT INTO routing_rules (name, bureau_code, created_at) VALUES ('matches nothing', '00', now())`,
        ),
      ).rejects.toThrow(/check constraint/);
      await expect(
        ds.query(
          `INSERT INTO action_links (token_hash, subject_kind, subject_id, action, recipient_email, created_at, expires_at)
           VALUES ('h', 'incident', 1, 'delete_everything', 'a@b.cn', now(), now() + interval '1 day')`,
        ),
      ).rejects.toThrow(/check constraint/);
    } finally {
      await close();
    }
  });
});
