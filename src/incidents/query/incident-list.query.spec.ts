import { plainToInstance } from 'class-transformer';
import { ListIncidentsQuery } from '../incident.dto';
import { buildListSql, decodeCursor, encodeCursor } from './incident-list.query';

const q = (o: Record<string, unknown>) => plainToInstance(ListIncidentsQuery, o);

describe('queue SQL', () => {
  it('round-trips cursors and refuses forged ones', () => {
    const c = { k: 123.4567890123, id: '42', g: 'II' };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    for (const bad of [
      'garbage',
      encodeCursor({ k: 1, id: '1; DROP TABLE x' }),
      encodeCursor({ k: 1, id: '1', g: 'V' }),
    ]) {
      expect(() => decodeCursor(bad)).toThrow(/游标/);
    }
  });

  it('scopes to the subtree (not at HQ), hides merged incidents and binds every value', () => {
    const province = buildListSql(
      q({ status: 'new', grade: 'I,II', q: '发票' }),
      { pathPrefix: '00.44.' },
      { tsquery: "'发票'", bureauPath: null },
    );
    expect(province.where).toBe(
      'i.merged_into_id IS NULL AND i.bureau_path LIKE $1 AND i.status = $2 AND i.grade = ANY($3::text[]) AND i.search_vector @@ $4::tsquery',
    );
    expect(province.params).toEqual(['00.44.%', 'new', ['I', 'II'], "'发票'"]);
    expect(province.orderBy).toBe('i.heat_rank DESC, i.id DESC');
    const hq = buildListSql(
      q({ unassigned: 'true', region: '4403' }),
      { pathPrefix: null },
      { tsquery: null, bureauPath: null },
    );
    expect(hq.where).toBe('i.merged_into_id IS NULL AND i.bureau_code IS NULL AND i.region_code LIKE $1');
    expect(hq.params).toEqual(['4403%']);
  });

  it('turns a cursor into a keyset condition that matches the sort', () => {
    const heat = buildListSql(
      q({ cursor: encodeCursor({ k: 9.5, id: '7' }) }),
      { pathPrefix: null },
      { tsquery: null, bureauPath: null },
    );
    expect(heat.where).toContain('(i.heat_rank, i.id) < ($1::float8, $2::bigint)');
    const grade = buildListSql(
      q({ sort: 'grade', cursor: encodeCursor({ k: 9.5, id: '7', g: 'III' }) }),
      { pathPrefix: null },
      { tsquery: null, bureauPath: null },
    );
    expect(grade.where).toContain(
      'i.grade >= $1 AND (i.grade > $1 OR (i.heat_rank, i.id) < ($2::float8, $3::bigint))',
    );
    const oldest = buildListSql(
      q({ sort: 'oldest', cursor: encodeCursor({ k: '2026-11-02T01:00:00.000000Z', id: '7' }) }),
      { pathPrefix: null },
      { tsquery: null, bureauPath: null },
    );
    expect(oldest.where).toContain('(i.detected_at, i.id) > ($1::timestamptz, $2::bigint)');
    expect(oldest.orderBy).toBe('i.detected_at ASC, i.id ASC');
  });

  it('reads a bare date as midnight in China', () => {
    const r = buildListSql(
      q({ from: '2026-11-01', to: '2026-11-02T12:00:00Z' }),
      { pathPrefix: null },
      { tsquery: null, bureauPath: null },
    );
    expect(r.params).toEqual(['2026-11-01T00:00:00+08:00', '2026-11-02T12:00:00Z']);
  });
});
